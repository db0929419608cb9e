/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frametable's translation table entries against the architecture's
 * rules, for both long-descriptor regimes of lpae.h (Arm ARM, VMSAv8-64
 * translation table format at EL2; Armv7-A B3.6, LPAE in Hyp mode):
 * descriptor layout, the levels that hold blocks, the contiguous bit
 * (the contiguous hint of Armv7-A).
 *
 * QEMU does not fault on a contiguous bit on a run that breaks the rules,
 * nor on a frametable mapped executable, and pt_lookup() builds its
 * expectations with the mapper's own code. So this walk knows nothing of
 * pt.c nor of the plan: it takes the granule, the VA size, the root and
 * what each attribute index means from the live registers (TCR_EL2,
 * TTBR0_EL2, MAIR_EL2; HTCR, HTTBR, HMAIR0/1), through the port's
 * lpae_sys_walk_regs, and states the rules again from the architecture,
 * for whatever it finds.
 *
 * Tables are read at their physical address: the stub's tables live in its
 * image, which is identity mapped; a table anywhere else is reported.
 */
#include "ptcheck.h"
#include "lpae.h"

extern char __image_start[], _end[];

/* Descriptor fields (block and page descriptors, stage 1). */
#define D_VALID		(UINT64_C(1) << 0)
#define D_TYPE		(UINT64_C(1) << 1) /* table (levels 0-2), page (3) */
#define D_ATTRINDX(d)	(((d) >> 2) & 7)
#define D_ATTRINDX_MASK (UINT64_C(7) << 2)
#define D_NS		(UINT64_C(1) << 5) /* ignored, SBZ for the stub */
#define D_AP1		(UINT64_C(1) << 6) /* RES1 at EL2, SBO at PL2 */
#define D_AP2		(UINT64_C(1) << 7) /* read-only */
#define D_SH_MASK	(UINT64_C(3) << 8)
#define D_SH_INNER	(UINT64_C(3) << 8)
#define D_AF		(UINT64_C(1) << 10)
#define D_NG		(UINT64_C(1) << 11) /* RES0 at EL2 (E2H = 0) */
#define D_CONTIG	(UINT64_C(1) << 52)
#define D_PXN		(UINT64_C(1) << 53) /* RES0 at EL2, SBZ at PL2 */
#define D_XN		(UINT64_C(1) << 54)
/* A frametable leaf: read-write, execute-never, accessed, inner
 * shareable; its attribute index is judged through MAIR. */
#define D_WANT (D_AP1 | D_SH_INNER | D_AF | D_XN)
/* MAIR attribute: normal memory, inner and outer write-back
 * non-transient, read- and write-allocate. */
#define MAIR_NORMAL_WB 0xffu

struct walk {
	struct boot_walk *pc;
	unsigned g, stride, first, va_bits, oa_bits;
	uint64_t mair;
};

static unsigned level_shift(const struct walk *w, unsigned level)
{
	return w->g + (3 - level) * w->stride;
}

static uint64_t entries_at(const struct walk *w, unsigned level)
{
	if (level == w->first)
		return UINT64_C(1) << (w->va_bits - level_shift(w, level));
	return UINT64_C(1) << w->stride;
}

/* Output address bits of a leaf (or table address) at level. */
static uint64_t oa_mask(const struct walk *w, unsigned shift)
{
	return ((UINT64_C(1) << w->oa_bits) - 1) &
	       ~((UINT64_C(1) << shift) - 1);
}

/* The lowest level with block descriptors, up to 48-bit output
 * addresses: 4K has 1G blocks at level 1 (arm32's too); 16K and 64K have
 * level 1 blocks only with 52-bit addresses. */
static unsigned min_block_level(const struct walk *w)
{
	return w->g == 12 ? 1 : 2;
}

/* Entries in one contiguous run at level, 0 if the level has none (4K:
 * arm32's Armv7-A hint takes the same 16 entries as VMSAv8-64). */
static uint64_t contig_entries(const struct walk *w, unsigned level)
{
	switch (w->g) {
	case 12:
		return level >= 1 ? 16 : 0;
	case 14:
		return level == 3 ? 128 : level == 2 ? 32 : 0;
	case 16:
		return level >= 2 ? 32 : 0;
	}
	return 0;
}

static bool is_leaf(uint64_t d, unsigned level)
{
	if (!(d & D_VALID))
		return false;
	return level == 3 ? (d & D_TYPE) != 0 : !(d & D_TYPE);
}

static void bad(const struct walk *w, const char *what, uint64_t va)
{
	w->pc->bad(w->pc->arg, what, va);
}

static void check_attrs(const struct walk *w, uint64_t d, unsigned level,
			uint64_t va)
{
	/* Everything but the output address, the type and the contiguous
	 * bit; output address bits below the leaf's size land here too, and
	 * must be zero. */
	uint64_t rest = d & ~(oa_mask(w, level_shift(w, level)) | D_CONTIG |
			      D_TYPE | D_VALID);
	unsigned byte = (unsigned)(w->mair >> (8 * D_ATTRINDX(d))) & 0xff;

	if (!(rest & D_AF))
		bad(w, "leaf without the access flag (va)", va);
	else if (rest & D_AP2)
		bad(w, "leaf read-only (va)", va);
	else if (!(rest & D_AP1))
		bad(w, "leaf with AP[1] clear, RES1 at EL2, SBO at PL2 (va)",
		    va);
	else if (!(rest & D_XN))
		bad(w, "leaf executable (va)", va);
	else if (rest & D_PXN)
		bad(w, "leaf with PXN set, RES0 at EL2, SBZ at PL2 (va)", va);
	else if (rest & (D_NG | D_NS))
		bad(w, "leaf not global or marked non-secure (va)", va);
	else if ((rest & D_SH_MASK) != D_SH_INNER)
		bad(w, "leaf not inner shareable (va)", va);
	else if ((rest & ~D_ATTRINDX_MASK) != D_WANT)
		bad(w,
		    "leaf with stray bits or a misaligned output address (va)",
		    va);
	else if (byte != MAIR_NORMAL_WB)
		bad(w, "leaf's attribute index is not normal write-back (va)",
		    va);
}

/* The run of n entries from t[first]: all leaves with the bit, the same
 * attributes, output addresses consecutive from one aligned to the run. */
static void check_run(const struct walk *w, const uint64_t *t, uint64_t first,
		      uint64_t n, unsigned level, uint64_t table_va)
{
	unsigned shift = level_shift(w, level);
	uint64_t oa = oa_mask(w, shift), d0 = t[first];

	w->pc->contig_runs++;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t d = t[first + k];
		uint64_t va = table_va + ((first + k) << shift);
		if (!is_leaf(d, level)) {
			bad(w, "contiguous run with an entry missing (va)", va);
			return;
		}
		if (!(d & D_CONTIG)) {
			bad(w,
			    "contiguous run with an entry lacking the bit (va)",
			    va);
			return;
		}
		if ((d & ~oa) != (d0 & ~oa)) {
			bad(w, "contiguous run with differing attributes (va)",
			    va);
			return;
		}
		if ((d & oa) != (d0 & oa) + (k << shift)) {
			bad(w,
			    "contiguous run's output addresses not consecutive "
			    "(va)",
			    va);
			return;
		}
	}
	if ((d0 & oa) & ((n << shift) - 1))
		bad(w,
		    "contiguous run's output address not aligned to the run "
		    "(va)",
		    table_va + (first << shift));
}

static void walk_table(const struct walk *w, const uint64_t *t, unsigned level,
		       uint64_t table_va, uint64_t lo, uint64_t hi)
{
	unsigned shift = level_shift(w, level);
	uint64_t n = entries_at(w, level), run_n = contig_entries(w, level);
	uint64_t i = lo > table_va ? (lo - table_va) >> shift : 0;
	uint64_t last_run = UINT64_MAX;

	for (; i < n && table_va + (i << shift) < hi; i++) {
		uint64_t d = t[i], va = table_va + (i << shift);
		if (!(d & D_VALID))
			continue;
		if (level < 3 && (d & D_TYPE)) {
			uint64_t next = d & oa_mask(w, w->g);
			if (next < (uintptr_t)__image_start ||
			    next >= (uintptr_t)_end) {
				bad(w, "table outside the stub's image (va)",
				    va);
				continue;
			}
			walk_table(w, (const uint64_t *)(uintptr_t)next,
				   level + 1, va, lo, hi);
			continue;
		}
		if (level == 3 && !(d & D_TYPE)) {
			bad(w, "reserved descriptor type at level 3 (va)", va);
			continue;
		}
		if (level < min_block_level(w)) {
			bad(w, "block at a level without blocks (va)", va);
			continue;
		}
		w->pc->leaves++;
		w->pc->leaf(w->pc->arg, va, UINT64_C(1) << shift);
		check_attrs(w, d, level, va);
		if (!(d & D_CONTIG))
			continue;
		if (!run_n) {
			bad(w, "contiguous bit at a level without runs (va)",
			    va);
			continue;
		}
		if (n < run_n) {
			/* arm32's 32-bit VA: a root of 4 entries. */
			bad(w,
			    "contiguous bit in a table shorter than a run (va)",
			    va);
			continue;
		}
		if ((i & ~(run_n - 1)) != last_run) {
			last_run = i & ~(run_n - 1);
			check_run(w, t, last_run, run_n, level, table_va);
		}
	}
}

bool ptcheck_walk(struct boot_walk *pc, uint64_t va, uint64_t len)
{
	struct lpae_walk_regs regs;
	struct walk w = {.pc = pc};

	pc->leaves = pc->contig_runs = 0;
	if (!lpae_sys_walk_regs(&regs))
		return false;
	w.g = regs.granule_shift;
	w.stride = w.g - 3;
	w.va_bits = regs.va_bits;
	w.first = regs.first_level;
	w.oa_bits = regs.oa_bits;
	w.mair = regs.mair;
	pc->granule_shift = w.g;
	pc->first_level = w.first;
	if (regs.root < (uintptr_t)__image_start ||
	    regs.root >= (uintptr_t)_end) {
		bad(&w, "root table outside the stub's image (ttbr0/httbr)",
		    regs.root);
		return true;
	}
	walk_table(&w, (const uint64_t *)(uintptr_t)regs.root, w.first, 0, va,
		   va + len);
	return true;
}
