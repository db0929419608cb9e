/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frametable's translation table entries judged by the architecture's
 * rules (LPAE long-descriptor format, Hyp mode stage 1), not by pt.c nor
 * by the plan: the walk starts from HTTBR and HTCR as the MMU sees them.
 */
#ifndef FT_ARM32_PTCHECK_H
#define FT_ARM32_PTCHECK_H

#include <boot-arch.h>

/*
 * Walk the live tables over [va, va + len) and check every leaf: blocks
 * only at levels 1 and 2, pages at level 3 (type 0b11; 0b01 there is
 * reserved), output address aligned to the leaf and within 40 bits,
 * read-write (AP[2] clear, AP[1] set: SBO at PL2), execute-never (XN
 * set, PXN clear: SBZ at PL2), access flag set, global (nG clear), inner
 * shareable, an attribute index whose HMAIR byte is normal write-back, no
 * other bit; and every contiguous-hint entry part of a complete run of
 * 16 aligned entries of one table, all with the hint, identical
 * attributes, consecutive output addresses aligned to the run. A
 * first-level table with fewer than 16 entries (a 32-bit VA has 4) has
 * no runs. Fills pc's counts; pc->leaf per leaf, pc->bad per broken rule.
 * False if the walk could not start (HTCR not in the long format).
 */
bool ptcheck_walk(struct boot_walk *pc, uint64_t va, uint64_t len);

#endif /* FT_ARM32_PTCHECK_H */
