/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The independent check of a table set (pt-check.h).
 *
 * It reads only what the hardware would: the mode (levels), whether
 * Svnapot is on, the root's PA, and where the pool's pages are in memory
 * (to follow a PPN); the rules come from the privileged spec ("Virtual
 * Address Translation Process", Sv39, Sv48, Svnapot) and from this port's
 * own, docs/riscv.md. Deliberately, it calls nothing of pt.c and derives
 * the VA layout again from the level count: a helper wrong in pt.c must
 * not be wrong here in the same way.
 */
#include "pt-check.h"

#define LAST(pt) ((pt)->levels - 1)

/* Log2 of the bytes one PTE of level covers: 12 at the last level, 9 more
 * per level above. */
static unsigned span_bits(const struct rv_pt *pt, unsigned level)
{
	return 12 + 9 * (LAST(pt) - level);
}

/* Sv39 VAs have 39 bits, Sv48 48: the root's span bits plus its 9. */
static unsigned va_bits(const struct rv_pt *pt)
{
	return span_bits(pt, 0) + 9;
}

/* va with its bits above the mode's width replaced by copies of its top
 * bit: the canonical form of the VA the walk translates. */
static uint64_t sign_extend(const struct rv_pt *pt, uint64_t va)
{
	uint64_t low = UINT64_MAX >> (64 - va_bits(pt));

	return va >> (va_bits(pt) - 1) & 1 ? va | ~low : va & low;
}

static uint64_t pte_ppn(uint64_t pte)
{
	return (pte & RV_PTE_PPN_MASK) >> RV_PTE_PPN_SHIFT;
}

/* The table page at pa, or NULL when it is not a page of the pool. */
static const uint64_t *table_at(const struct rv_pt *pt, uint64_t pa)
{
	if (pa < pt->pool_pa || (pa - pt->pool_pa) >> 12 >= pt->pool_pages ||
	    pa & 0xfff)
		return NULL;
	return pt->pool + (pa - pt->pool_pa) / sizeof(uint64_t);
}

static const uint64_t *next_table(const struct rv_pt *pt, uint64_t pte)
{
	return table_at(pt, pte_ppn(pte) << 12);
}

/*
 * What the walk faults on in a valid PTE at level (spec: "if any bits or
 * encodings that are reserved for future standard use are set within
 * pte", W without R, a misaligned superpage, a reserved NAPOT encoding).
 */
static int pte_fault(const struct rv_pt *pt, uint64_t pte, unsigned level)
{
	bool leaf = pte & RV_PTE_RWX;
	uint64_t ppn = pte_ppn(pte);

	if (pte & (RV_PTE_RESERVED | RV_PTE_PBMT))
		return RV_PTC_RESERVED_BITS;
	if (pte & RV_PTE_N && !pt->svnapot)
		return RV_PTC_N_WITHOUT_SVNAPOT;
	if ((pte & (RV_PTE_R | RV_PTE_W)) == RV_PTE_W)
		return RV_PTC_WRITE_NO_READ;
	if (!leaf) {
		if (pte & RV_PTE_N)
			return RV_PTC_N_NONLEAF;
		if (pte & (RV_PTE_A | RV_PTE_D | RV_PTE_U))
			return RV_PTC_NONLEAF_ADU;
		return level == LAST(pt) ? RV_PTC_TABLE_AT_LAST : 0;
	}
	/* ppn[level-1 .. 0] of a superpage must be zero. */
	if (ppn & ((UINT64_C(1) << (span_bits(pt, level) - 12)) - 1))
		return RV_PTC_MISALIGNED_SUPERPAGE;
	if (pte & RV_PTE_N) {
		if (level != LAST(pt))
			return RV_PTC_N_ON_SUPERPAGE;
		if ((ppn & RV_NAPOT_64K_PPN_MASK) != RV_NAPOT_64K_PPN_BITS)
			return RV_PTC_NAPOT_ENCODING;
	}
	return 0;
}

/* Bytes and PA of the TLB entry a valid, well-formed leaf makes. */
static uint64_t leaf_size(const struct rv_pt *pt, uint64_t pte, unsigned level)
{
	if (pte & RV_PTE_N)
		return (uint64_t)RV_NAPOT_64K_ENTRIES << 12;
	return UINT64_C(1) << span_bits(pt, level);
}

static uint64_t leaf_pa(uint64_t pte)
{
	uint64_t ppn = pte_ppn(pte);

	if (pte & RV_PTE_N)
		ppn &= ~(uint64_t)RV_NAPOT_64K_PPN_MASK;
	return ppn << 12;
}

static enum rv_leaf leaf_kind(const struct rv_pt *pt, uint64_t pte,
			      unsigned level)
{
	static const enum rv_leaf by_height[RV_PT_MAX_LEVELS] = {
		RV_LEAF_4K, RV_LEAF_2M, RV_LEAF_1G, RV_LEAF_512G};

	return pte & RV_PTE_N ? RV_LEAF_64K : by_height[LAST(pt) - level];
}

struct walk {
	const struct rv_pt *pt;
	uint64_t data_first, data_last; /* the window, inclusive */
	bool data_empty;
	int (*fn)(void *arg, const struct rv_ptc_leaf *leaf);
	void *arg;
	struct rv_ptc_report *rep;
};

static int found(struct walk *w, int err, uint64_t va, uint64_t pte,
		 unsigned level)
{
	w->rep->err = -err;
	w->rep->va = va;
	w->rep->pte = pte;
	w->rep->level = level;
	return -err;
}

/* This port's rules for a leaf (or a NAPOT run) of size bytes at va. */
static int leaf_rules(const struct walk *w, uint64_t pte, uint64_t va,
		      uint64_t size)
{
	bool in_data = !w->data_empty && va <= w->data_last &&
		       va + (size - 1) >= w->data_first;

	if (!(pte & RV_PTE_A))
		return RV_PTC_NO_A;
	if (pte & RV_PTE_W && !(pte & RV_PTE_D))
		return RV_PTC_NO_D;
	if (pte & RV_PTE_U)
		return RV_PTC_USER;
	if (in_data && (pte & RV_PTE_RWX) != (RV_PTE_R | RV_PTE_W))
		return RV_PTC_DATA_RIGHTS;
	return 0;
}

/* A NAPOT PTE at slot i: the first of 16 equal PTEs from a multiple of
 * 16? (Svnapot: the range is naturally aligned; this port writes the same
 * PTE in all 16.) */
static bool napot_run(const uint64_t *t, unsigned i)
{
	if (i % RV_NAPOT_64K_ENTRIES)
		return false;
	for (unsigned j = 1; j < RV_NAPOT_64K_ENTRIES; j++)
		if (t[i + j] != t[i])
			return false;
	return true;
}

static int walk_table(struct walk *w, const uint64_t *t, unsigned level,
		      uint64_t va_base)
{
	const struct rv_pt *pt = w->pt;
	unsigned bits = span_bits(pt, level);
	int err;

	for (unsigned i = 0; i < RV_PT_ENTRIES; i++) {
		uint64_t pte = t[i], va = va_base | (uint64_t)i << bits;
		struct rv_ptc_leaf l;

		/* The root's upper half stands for the top of the VA space. */
		if (!level)
			va = sign_extend(pt, va);
		if (!(pte & RV_PTE_V))
			continue;
		err = pte_fault(pt, pte, level);
		if (err)
			return found(w, err, va, pte, level);
		if (!(pte & RV_PTE_RWX)) {
			const uint64_t *next = next_table(pt, pte);
			if (!next)
				return found(w, RV_PTC_TABLE_OUTSIDE, va, pte,
					     level);
			w->rep->tables++;
			err = walk_table(w, next, level + 1, va);
			if (err)
				return err;
			continue;
		}
		if (pte & RV_PTE_N && !napot_run(t, i))
			return found(w, RV_PTC_NAPOT_RUN, va, pte, level);
		l = (struct rv_ptc_leaf){
			.va = va,
			.pa = leaf_pa(pte),
			.size = leaf_size(pt, pte, level),
			.pte = pte,
			.level = level,
			.leaf = leaf_kind(pt, pte, level),
		};
		err = leaf_rules(w, pte, va, l.size);
		if (err)
			return found(w, err, va, pte, level);
		w->rep->leaves[l.leaf]++;
		if (pte & RV_PTE_N)
			i += RV_NAPOT_64K_ENTRIES - 1;
		if (w->fn) {
			err = w->fn(w->arg, &l);
			if (err)
				return err;
		}
	}
	return 0;
}

int rv_ptc_check(const struct rv_pt *pt, uint64_t data_va, uint64_t data_len,
		 int (*fn)(void *arg, const struct rv_ptc_leaf *leaf),
		 void *arg, struct rv_ptc_report *rep)
{
	struct rv_ptc_report local;
	struct walk w = {
		.pt = pt,
		.data_first = data_va,
		.data_last = data_va + (data_len - 1),
		.data_empty = !data_len,
		.fn = fn,
		.arg = arg,
		.rep = rep ? rep : &local,
	};
	const uint64_t *root;

	*w.rep = (struct rv_ptc_report){0};
	if (pt->levels != 3 && pt->levels != 4) /* init refused it */
		return found(&w, RV_PTC_TABLE_OUTSIDE, 0, 0, 0);
	root = table_at(pt, pt->root_pa);
	if (!root)
		return found(&w, RV_PTC_TABLE_OUTSIDE, 0, 0, 0);
	w.rep->tables = 1;
	return walk_table(&w, root, 0, 0);
}

int rv_ptc_translate(const struct rv_pt *pt, uint64_t va, uint64_t *pa,
		     uint64_t *size)
{
	const uint64_t *t;
	int err;

	if (pt->levels != 3 && pt->levels != 4) /* init refused it */
		return -RV_PTC_TABLE_OUTSIDE;
	if (sign_extend(pt, va) != va)
		return -RV_PTC_NONCANONICAL;
	t = table_at(pt, pt->root_pa);
	for (unsigned level = 0; t; level++) {
		unsigned bits = span_bits(pt, level);
		uint64_t pte = t[(va >> bits) & (RV_PT_ENTRIES - 1)];
		if (!(pte & RV_PTE_V))
			return -RV_PTC_UNMAPPED;
		err = pte_fault(pt, pte, level);
		if (err)
			return -err;
		if (pte & RV_PTE_RWX) {
			*size = leaf_size(pt, pte, level);
			/* NAPOT: ppn[0][3:0] replaced by vpn[0][3:0],
			 * i.e. the offset inside the 64 KiB run. */
			*pa = leaf_pa(pte) + (va & (*size - 1));
			return 0;
		}
		t = next_table(pt, pte);
	}
	return -RV_PTC_TABLE_OUTSIDE;
}

const char *rv_ptc_strerror(int err)
{
	static const char *const names[RV_PTC_COUNT_] = {
		[RV_PTC_OK] = "ok",
		[RV_PTC_UNMAPPED] = "unmapped",
		[RV_PTC_NONCANONICAL] = "VA not canonical",
		[RV_PTC_TABLE_OUTSIDE] = "table outside the pool",
		[RV_PTC_RESERVED_BITS] = "reserved or PBMT bits set",
		[RV_PTC_N_WITHOUT_SVNAPOT] = "N set without Svnapot",
		[RV_PTC_WRITE_NO_READ] = "W without R",
		[RV_PTC_N_NONLEAF] = "N set on a non-leaf PTE",
		[RV_PTC_NONLEAF_ADU] = "A, D or U set on a non-leaf PTE",
		[RV_PTC_TABLE_AT_LAST] = "non-leaf PTE at the last level",
		[RV_PTC_MISALIGNED_SUPERPAGE] = "misaligned superpage",
		[RV_PTC_N_ON_SUPERPAGE] = "N set on a superpage",
		[RV_PTC_NAPOT_ENCODING] = "reserved NAPOT encoding",
		[RV_PTC_NAPOT_RUN] = "NAPOT run not 16 equal aligned PTEs",
		[RV_PTC_NO_A] = "leaf without A",
		[RV_PTC_NO_D] = "writable leaf without D",
		[RV_PTC_USER] = "U set",
		[RV_PTC_DATA_RIGHTS] = "frametable leaf not exactly R|W",
	};

	if (err > 0 || err <= -RV_PTC_COUNT_)
		return "unknown riscv page-table check error";
	return names[-err];
}
