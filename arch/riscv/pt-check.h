/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An independent check of a table set (pt.h): it walks the tables from
 * the root as the hardware would and judges every valid PTE by the
 * privileged spec's rules and this port's, never by pt.c's helpers; and a
 * lookup that translates a VA the way the walk does. Freestanding: the
 * host tests and the guest stub use the same code.
 */
#ifndef FT_RISCV_PT_CHECK_H
#define FT_RISCV_PT_CHECK_H

#include "pt.h"

enum rv_ptc_err {
	RV_PTC_OK = 0,
	/* The lookup found no valid leaf for the VA. */
	RV_PTC_UNMAPPED = 1,
	/* The VA's bits above the mode's width (63..39 in Sv39, 63..48 in
	 * Sv48) are not all copies of the bit below them. */
	RV_PTC_NONCANONICAL = 2,
	/* A non-leaf PTE points outside the table set's pool (or there is
	 * no table set: rv_pt_init refused it). */
	RV_PTC_TABLE_OUTSIDE = 3,

	/* What the hardware's walk faults on (the lookup reports them too): */
	/* Bits 60..54 (reserved) or 62..61 (PBMT: reserved without Svpbmt,
	 * and this port leaves memory types to the PMAs) are set. */
	RV_PTC_RESERVED_BITS = 4,
	/* N = 1 in a table set without Svnapot, where bit 63 is reserved. */
	RV_PTC_N_WITHOUT_SVNAPOT = 5,
	/* W = 1 with R = 0: a reserved encoding. */
	RV_PTC_WRITE_NO_READ = 6,
	/* A non-leaf PTE with N = 1 (reserved for non-leaf PTEs). */
	RV_PTC_N_NONLEAF = 7,
	/* A non-leaf PTE with A, D or U set (reserved for non-leaf PTEs). */
	RV_PTC_NONLEAF_ADU = 8,
	/* A non-leaf PTE at the last level: there is no next table. */
	RV_PTC_TABLE_AT_LAST = 9,
	/* A superpage whose PPN is not aligned to its size (ppn[i-1:0] not
	 * zero): a misaligned superpage. */
	RV_PTC_MISALIGNED_SUPERPAGE = 10,
	/* N = 1 on a leaf above the last level: no NAPOT size is defined
	 * there. */
	RV_PTC_N_ON_SUPERPAGE = 11,
	/* N = 1 at the last level with ppn[0][3:0] other than 0b1000, the
	 * only defined (64 KiB) NAPOT encoding. */
	RV_PTC_NAPOT_ENCODING = 12,

	/* What this port's tables must never hold: */
	/* NAPOT PTEs not in a run of exactly 16 equal PTEs starting at a
	 * slot that is a multiple of 16 (a misaligned or short run, or
	 * PTEs of one run that differ). */
	RV_PTC_NAPOT_RUN = 13,
	/* A leaf without A: a hart with Svade faults on first access. */
	RV_PTC_NO_A = 14,
	/* A writable leaf without D: a hart with Svade faults on the first
	 * write. */
	RV_PTC_NO_D = 15,
	/* A leaf with U: hypervisor mappings are never user pages. */
	RV_PTC_USER = 16,
	/* A leaf in the frametable window that is not exactly readable and
	 * writable (X set, or not writable). */
	RV_PTC_DATA_RIGHTS = 17,
	RV_PTC_COUNT_ /* not an error: one past the last code */
};

/* One TLB entry the tables hold: a leaf, or a whole NAPOT run. */
struct rv_ptc_leaf {
	uint64_t va;	   /* canonical VA of its first byte */
	uint64_t pa;	   /* PA of its first byte */
	uint64_t size;	   /* bytes: 4K, 64K (NAPOT), 2M, 1G, 512G */
	uint64_t pte;	   /* the (first) PTE */
	unsigned level;	   /* 0 = root */
	enum rv_leaf leaf; /* its kind */
};

struct rv_ptc_report {
	/* The first problem: 0 or -enum rv_ptc_err, with the canonical VA
	 * the PTE maps (its first byte), the PTE and its level. */
	int err;
	uint64_t va, pte;
	unsigned level;
	/* Tables reached from the root, the root included, and TLB entries
	 * by kind (a NAPOT run counts once), up to the first problem. */
	uint64_t tables;
	uint64_t leaves[RV_LEAF_KINDS];
};

/*
 * Walk every table from the root and check every valid PTE. data_va and
 * data_len name the frametable window, whose leaves must be exactly
 * readable and writable; elsewhere X is allowed (the stub's image). fn,
 * when not NULL, is called for every leaf in VA order (a NAPOT run once)
 * and stops the walk by returning non-zero. Returns 0, fn's non-zero
 * value, or the first problem (negative; rep, when not NULL, says where).
 */
int rv_ptc_check(const struct rv_pt *pt, uint64_t data_va, uint64_t data_len,
		 int (*fn)(void *arg, const struct rv_ptc_leaf *leaf),
		 void *arg, struct rv_ptc_report *rep);
/* Translate va as the hardware walk would: 0 with the PA and the size of
 * the TLB entry that maps it, or -RV_PTC_UNMAPPED, -RV_PTC_NONCANONICAL or
 * the walk's fault on a malformed PTE on the way. */
int rv_ptc_translate(const struct rv_pt *pt, uint64_t va, uint64_t *pa,
		     uint64_t *size);
/* A short static name of an enum rv_ptc_err (0 or negative). */
const char *rv_ptc_strerror(int err);

#endif /* FT_RISCV_PT_CHECK_H */
