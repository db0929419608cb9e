/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frametable's translation table entries judged by the architecture's
 * rules (VMSAv8-64 EL2 stage 1, LPAE Hyp mode stage 1), not by the plan
 * nor by pt.c: the walk starts from the base and control registers as the
 * MMU sees them (TTBR0_EL2 and TCR_EL2; HTTBR and HTCR).
 */
#ifndef FT_LPAE_PTCHECK_H
#define FT_LPAE_PTCHECK_H

#include <boot-arch.h>

/*
 * Walk the live tables over [va, va + len) and check every leaf: a block
 * only where the granule has blocks, a page only at level 3 (type 0b11;
 * 0b01 there is reserved), output address aligned to the leaf and within
 * the port's output address size, read-write (AP[2] clear, AP[1] set:
 * RES1 at EL2, SBO at PL2), execute-never (XN set, PXN clear: RES0 at
 * EL2, SBZ at PL2), access flag set, global and not marked non-secure
 * (nG, NS clear), inner shareable, an attribute index whose MAIR byte is
 * normal write-back memory, no other attribute bit; and every
 * contiguous-bit entry part of a complete run: the granule's number of
 * entries for that level (4K: 16 at levels 1-3; 16K: 32 at level 2, 128
 * at level 3; 64K: 32 at levels 2 and 3), aligned neighbours in one table
 * (so none in a root shorter than a run: arm32's 32-bit VA has 4 entries
 * there), all with the bit, identical attributes, and output addresses
 * consecutive and aligned to the run. Levels are the architecture's (a
 * 48-bit 64K walk and a 32-bit LPAE walk start at level 1).
 * Fills pc's counts; calls pc->leaf for every valid leaf in the range
 * and pc->bad for every broken rule (boot-arch.h: the check_tables hook).
 * Returns false if the walk itself could not start (unknown granule).
 */
bool ptcheck_walk(struct boot_walk *pc, uint64_t va, uint64_t len);

#endif /* FT_LPAE_PTCHECK_H */
