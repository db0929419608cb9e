/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The frametable's LPAE entries against the architecture's rules (Armv7-A
 * B3.6, long-descriptor translation table format, PL2 stage 1).
 *
 * QEMU does not fault on a contiguous hint over a run that breaks the
 * rules, nor on a frametable mapped executable, and pt_lookup() builds
 * its expectations with the mapper's own code. So this walk knows nothing
 * of pt.c nor of the plan: it reads HTCR (T0SZ), HTTBR (the root) and
 * HMAIR0/1 (what each attribute index means) and states the rules again.
 * Tables are read at their PA: the stub's tables live in its identity
 * mapped image; a table anywhere else is reported.
 */
#include "ptcheck.h"
#include "sysreg.h"

extern char __image_start[], _end[];

#define D_VALID		(UINT64_C(1) << 0)
#define D_TYPE		(UINT64_C(1) << 1) /* table (levels 1-2), page (3) */
#define D_ATTRINDX(d)	((unsigned)((d) >> 2) & 7)
#define D_ATTRINDX_MASK (UINT64_C(7) << 2)
#define D_NS		(UINT64_C(1) << 5)
#define D_AP1		(UINT64_C(1) << 6) /* SBO at PL2 */
#define D_AP2		(UINT64_C(1) << 7) /* read-only */
#define D_SH_MASK	(UINT64_C(3) << 8)
#define D_SH_INNER	(UINT64_C(3) << 8)
#define D_AF		(UINT64_C(1) << 10)
#define D_NG		(UINT64_C(1) << 11)
#define D_CONTIG	(UINT64_C(1) << 52)
#define D_PXN		(UINT64_C(1) << 53) /* SBZ at PL2 */
#define D_XN		(UINT64_C(1) << 54)
#define D_OA_TOP	40
#define D_WANT		(D_AP1 | D_SH_INNER | D_AF | D_XN)
#define MAIR_NORMAL_WB	0xffu
#define RUN_ENTRIES	16u

#define HTCR_T0SZ(t) ((unsigned)(t)&7)

struct walk {
	struct boot_walk *pc;
	unsigned first, va_bits;
	uint64_t mair;
};

static unsigned level_shift(unsigned level)
{
	return 12 + (3 - level) * 9;
}

static uint64_t entries_at(const struct walk *w, unsigned level)
{
	if (level == w->first)
		return UINT64_C(1) << (w->va_bits - level_shift(level));
	return 512;
}

static uint64_t oa_mask(unsigned shift)
{
	return ((UINT64_C(1) << D_OA_TOP) - 1) & ~((UINT64_C(1) << shift) - 1);
}

static void bad(const struct walk *w, const char *what, uint64_t va)
{
	w->pc->bad(w->pc->arg, what, va);
}

static void check_attrs(const struct walk *w, uint64_t d, unsigned level,
			uint64_t va)
{
	uint64_t rest = d & ~(oa_mask(level_shift(level)) | D_CONTIG | D_TYPE |
			      D_VALID);
	unsigned idx = D_ATTRINDX(d);
	unsigned byte = (unsigned)(w->mair >> (8 * idx)) & 0xff;

	if (!(rest & D_AF))
		bad(w, "leaf without the access flag (va)", va);
	else if (rest & D_AP2)
		bad(w, "leaf read-only (va)", va);
	else if (!(rest & D_AP1))
		bad(w, "leaf with AP[1] clear, SBO at PL2 (va)", va);
	else if (!(rest & D_XN))
		bad(w, "leaf executable (va)", va);
	else if (rest & D_PXN)
		bad(w, "leaf with PXN set, SBZ at PL2 (va)", va);
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

static bool is_leaf(uint64_t d, unsigned level)
{
	if (!(d & D_VALID))
		return false;
	return level == 3 ? (d & D_TYPE) != 0 : !(d & D_TYPE);
}

static void check_run(const struct walk *w, const uint64_t *t, uint64_t first,
		      unsigned level, uint64_t table_va)
{
	unsigned shift = level_shift(level);
	uint64_t oa = oa_mask(shift), d0 = t[first];

	w->pc->contig_runs++;
	for (uint64_t k = 0; k < RUN_ENTRIES; k++) {
		uint64_t d = t[first + k];
		uint64_t va = table_va + ((first + k) << shift);
		if (!is_leaf(d, level)) {
			bad(w, "contiguous run with an entry missing (va)", va);
			return;
		}
		if (!(d & D_CONTIG)) {
			bad(w,
			    "contiguous run with an entry lacking the hint "
			    "(va)",
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
	if ((d0 & oa) & (((uint64_t)RUN_ENTRIES << shift) - 1))
		bad(w,
		    "contiguous run's output address not aligned to the run "
		    "(va)",
		    table_va + (first << shift));
}

static void walk_table(const struct walk *w, const uint64_t *t, unsigned level,
		       uint64_t table_va, uint64_t lo, uint64_t hi)
{
	unsigned shift = level_shift(level);
	uint64_t n = entries_at(w, level);
	uint64_t i = lo > table_va ? (lo - table_va) >> shift : 0;
	uint64_t last_run = UINT64_MAX;

	for (; i < n && table_va + (i << shift) < hi; i++) {
		uint64_t d = t[i], va = table_va + (i << shift);
		if (!(d & D_VALID))
			continue;
		if (level < 3 && (d & D_TYPE)) {
			uint64_t next = d & oa_mask(12);
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
		w->pc->leaves++;
		w->pc->leaf(w->pc->arg, va, UINT64_C(1) << shift);
		check_attrs(w, d, level, va);
		if (!(d & D_CONTIG))
			continue;
		if (n < RUN_ENTRIES) {
			bad(w,
			    "contiguous hint in a table of fewer than 16 "
			    "entries (va)",
			    va);
			continue;
		}
		if ((i & ~(uint64_t)(RUN_ENTRIES - 1)) != last_run) {
			last_run = i & ~(uint64_t)(RUN_ENTRIES - 1);
			check_run(w, t, last_run, level, table_va);
		}
	}
}

bool ptcheck_walk(struct boot_walk *pc, uint64_t va, uint64_t len)
{
	uint32_t htcr = read_htcr();
	struct walk w = {.pc = pc};
	unsigned t0sz = HTCR_T0SZ(htcr);

	pc->leaves = pc->contig_runs = 0;
	/* HTCR.EAE is RES1: Hyp mode always walks the long format. T0SZ 0
	 * or 1 starts at level 1, 2 to 7 at level 2. */
	w.va_bits = 32 - t0sz;
	w.first = t0sz <= 1 ? 1 : 2;
	w.mair = (uint64_t)read_hmair0() | (uint64_t)read_hmair1() << 32;
	pc->granule_shift = 12;
	pc->first_level = w.first;
	uint64_t root = read_httbr() & oa_mask(5);
	if (root < (uintptr_t)__image_start || root >= (uintptr_t)_end) {
		bad(&w, "root table outside the stub's image (httbr)", root);
		return true;
	}
	walk_table(&w, (const uint64_t *)(uintptr_t)root, w.first, 0, va,
		   va + len);
	return true;
}
