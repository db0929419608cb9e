/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sv39 / Sv48 page tables in a caller's pool (pt.h).
 *
 * Levels are numbered from the root as in struct ft_arch: level L of an
 * n-level walk indexes VA bits [12 + 9(n-1-L), 20 + 9(n-1-L)]. Every
 * level's table is one 4 KiB page of 512 PTEs.
 *
 * A map call goes in two passes. The first writes nothing: it refuses a
 * slot in use (or a larger leaf above it, or a table below it) and counts
 * the tables the second pass will create, so a pool too small for them is
 * refused before anything changes; the second cannot fail. Unmap clears
 * leaves and gives tables left empty back to the pool (a free list
 * threaded through their first word), so unwinding a failed ft_apply
 * leaves the pool as it found it.
 *
 * Nothing is ever remapped: an entry goes from zero to valid, or back, so
 * no break-before-make sequence is needed. TLB maintenance is the fence
 * hook's (pt.h): RISC-V lets a hart cache invalid entries as well as
 * valid ones, so both directions need it once paging is on.
 */
#include "pt.h"

#define NO_PAGE UINT64_MAX

/* How each leaf kind sits in the walk. */
static const struct {
	uint64_t bytes; /* one TLB entry's span */
	unsigned up;	/* levels above the last one */
	bool napot;
} leaf_kind[RV_LEAF_KINDS] = {
	[RV_LEAF_4K] = {.bytes = UINT64_C(1) << 12, .up = 0},
	[RV_LEAF_64K] = {.bytes = UINT64_C(1) << 16, .up = 0, .napot = true},
	[RV_LEAF_2M] = {.bytes = UINT64_C(1) << 21, .up = 1},
	[RV_LEAF_1G] = {.bytes = UINT64_C(1) << 30, .up = 2},
	[RV_LEAF_512G] = {.bytes = UINT64_C(1) << 39, .up = 3},
};

static unsigned va_shift(const struct rv_pt *pt, unsigned level)
{
	return RV_PT_PAGE_SHIFT + RV_PT_INDEX_BITS * (pt->levels - 1 - level);
}

static unsigned slot_index(const struct rv_pt *pt, uint64_t va, unsigned level)
{
	return (unsigned)(va >> va_shift(pt, level)) & (RV_PT_ENTRIES - 1);
}

/* Bits 63..(va_bits - 1) all equal: 39-bit VAs in Sv39, 48 in Sv48. */
static bool canonical(const struct rv_pt *pt, uint64_t va)
{
	uint64_t top = va >> (va_shift(pt, 0) + RV_PT_INDEX_BITS - 1);

	return top == 0 || top == UINT64_MAX >> (va_shift(pt, 0) + 8);
}

static uint64_t *table(const struct rv_pt *pt, uint64_t pa)
{
	return pt->pool + ((pa - pt->pool_pa) >> 3);
}

static uint64_t pte_to_pa(uint64_t pte)
{
	return ((pte & RV_PTE_PPN_MASK) >> RV_PTE_PPN_SHIFT)
	       << RV_PT_PAGE_SHIFT;
}

static uint64_t pa_to_pte(uint64_t pa)
{
	return (pa >> RV_PT_PAGE_SHIFT) << RV_PTE_PPN_SHIFT;
}

static uint64_t pages_free(const struct rv_pt *pt)
{
	return pt->pool_pages - pt->next + pt->nr_free;
}

/* A zeroed page from the pool; the caller made sure there is one. */
static uint64_t take_page(struct rv_pt *pt)
{
	uint64_t i, *p;

	if (pt->free_head != NO_PAGE) {
		i = pt->free_head;
		pt->free_head = pt->pool[i * RV_PT_ENTRIES];
		pt->nr_free--;
	} else {
		i = pt->next++;
	}
	p = &pt->pool[i * RV_PT_ENTRIES];
	for (unsigned k = 0; k < RV_PT_ENTRIES; k++)
		p[k] = 0;
	return pt->pool_pa + (i << RV_PT_PAGE_SHIFT);
}

static void give_page(struct rv_pt *pt, uint64_t pa)
{
	uint64_t i = (pa - pt->pool_pa) >> RV_PT_PAGE_SHIFT;

	pt->pool[i * RV_PT_ENTRIES] = pt->free_head;
	pt->free_head = i;
	pt->nr_free++;
}

static void fence(const struct rv_pt *pt, uint64_t va, uint64_t len)
{
	if (pt->fence)
		pt->fence(pt->fence_arg, va, len);
}

static int refuse(struct rv_pt *pt, enum rv_pt_err err)
{
	pt->last_err = -(int)err;
	return pt->last_err;
}

/* The leaf kind of an arch size class, or RV_LEAF_KINDS if the class
 * cannot be an Sv39/Sv48 leaf at the level it names. */
static unsigned leaf_of_class(const struct ft_arch *arch,
			      const struct ft_map_size *s)
{
	for (unsigned k = 0; k < RV_LEAF_KINDS; k++) {
		unsigned n = leaf_kind[k].napot ? RV_NAPOT_64K_ENTRIES : 0;
		if (s->size == leaf_kind[k].bytes && s->contig == n &&
		    leaf_kind[k].up < arch->nr_levels &&
		    s->level == arch->nr_levels - 1 - leaf_kind[k].up)
			return k;
	}
	return RV_LEAF_KINDS;
}

/* A table set init refused: empty, so every later call refuses too. */
static int init_refused(struct rv_pt *pt)
{
	*pt = (struct rv_pt){.free_head = NO_PAGE};
	return refuse(pt, RV_PT_ERR_BADPARAM);
}

int rv_pt_init(struct rv_pt *pt, const struct ft_arch *arch, void *pool,
	       uint64_t pool_pa, uint64_t pool_bytes)
{
	unsigned n = arch ? arch->nr_levels : 0;

	*pt = (struct rv_pt){.free_head = NO_PAGE, .levels = n};
	if ((n != 3 && n != 4) || arch->page_shift != RV_PT_PAGE_SHIFT ||
	    arch->identity || !arch->nr_sizes ||
	    arch->nr_sizes > FT_MAX_MAP_SIZES)
		return init_refused(pt);
	for (unsigned l = 0; l < n; l++)
		if (arch->level_shift[l] != va_shift(pt, l))
			return init_refused(pt);
	for (unsigned c = 0; c < arch->nr_sizes; c++) {
		unsigned k = leaf_of_class(arch, &arch->sizes[c]);
		if (k == RV_LEAF_KINDS)
			return init_refused(pt);
		pt->class_leaf[c] = (uint8_t)k;
		pt->svnapot |= leaf_kind[k].napot;
	}
	if (!pool || ((uintptr_t)pool | pool_pa) & (RV_PT_PAGE_SIZE - 1) ||
	    pool_bytes < RV_PT_PAGE_SIZE ||
	    pool_pa >= UINT64_C(1) << RV_PA_BITS ||
	    pool_bytes > (UINT64_C(1) << RV_PA_BITS) - pool_pa)
		return init_refused(pt);
	pt->arch = arch;
	pt->pool = pool;
	pt->pool_pa = pool_pa;
	pt->pool_pages = pool_bytes >> RV_PT_PAGE_SHIFT;
	pt->root_pa = take_page(pt);
	return 0;
}

/* Everything about a map request that needs no walk. */
static int check_request(const struct rv_pt *pt, uint64_t va, uint64_t pa,
			 uint64_t len, unsigned leaf, unsigned perm)
{
	uint64_t bytes, last = va + len - 1;

	if (leaf >= RV_LEAF_KINDS || leaf_kind[leaf].up >= pt->levels)
		return RV_PT_ERR_LEAF;
	if (leaf_kind[leaf].napot && !pt->svnapot)
		return RV_PT_ERR_NO_SVNAPOT;
	if (perm > RV_PERM_R)
		return RV_PT_ERR_BADPARAM;
	bytes = leaf_kind[leaf].bytes;
	if (!len || len & (bytes - 1) || (va | pa) & (bytes - 1))
		return RV_PT_ERR_MISALIGNED;
	/* Both ends canonical and in the same half: nothing in between
	 * falls into the non-canonical gap, nothing wraps. */
	if (last < va || !canonical(pt, va) || !canonical(pt, last) ||
	    (va ^ last) >> 63)
		return RV_PT_ERR_NONCANONICAL;
	if (len > UINT64_C(1) << RV_PA_BITS ||
	    pa > (UINT64_C(1) << RV_PA_BITS) - len)
		return RV_PT_ERR_PA_RANGE;
	return RV_PT_OK;
}

/*
 * va's slot at level, without creating anything; or NULL, and then
 * *missing is the first level whose table is absent, or 0 when a larger
 * leaf covers va. With a slot, *missing is level + 1.
 */
static uint64_t *find_slot(const struct rv_pt *pt, uint64_t va, unsigned level,
			   unsigned *missing)
{
	uint64_t *t = table(pt, pt->root_pa);

	for (unsigned l = 0; l < level; l++) {
		uint64_t e = t[slot_index(pt, va, l)];
		if (!e || e & RV_PTE_RWX) {
			*missing = e ? 0 : l + 1;
			return NULL;
		}
		t = table(pt, pte_to_pa(e));
	}
	*missing = level + 1;
	return &t[slot_index(pt, va, level)];
}

/* Pass two: va's slot at level, creating the tables on the way. */
static uint64_t *slot_for(struct rv_pt *pt, uint64_t va, unsigned level)
{
	uint64_t *t = table(pt, pt->root_pa);

	for (unsigned l = 0; l < level; l++) {
		uint64_t *e = &t[slot_index(pt, va, l)];
		if (!*e)
			*e = pa_to_pte(take_page(pt)) | RV_PTE_V;
		t = table(pt, pte_to_pa(*e));
	}
	return &t[slot_index(pt, va, level)];
}

static uint64_t leaf_bits(enum rv_perm perm)
{
	static const uint64_t rights[] = {
		[RV_PERM_RW] = RV_PTE_R | RV_PTE_W | RV_PTE_D,
		[RV_PERM_RWX] = RV_PTE_R | RV_PTE_W | RV_PTE_X | RV_PTE_D,
		[RV_PERM_RX] = RV_PTE_R | RV_PTE_X,
		[RV_PERM_R] = RV_PTE_R,
	};

	/* A and D preset: a hart with Svade faults on a leaf without them
	 * rather than setting them, and nothing here tracks either. */
	return RV_PTE_V | RV_PTE_G | RV_PTE_A | rights[perm];
}

int rv_pt_map(struct rv_pt *pt, uint64_t va, uint64_t pa, uint64_t len,
	      enum rv_leaf leaf, enum rv_perm perm)
{
	int err = check_request(pt, va, pa, len, leaf, perm);
	unsigned level, shift, missing;
	uint64_t n, need = 0, key[RV_PT_MAX_LEVELS + 1], bits;
	bool seen[RV_PT_MAX_LEVELS + 1] = {false};

	if (err)
		return refuse(pt, err);
	level = pt->levels - 1 - leaf_kind[leaf].up;
	shift = va_shift(pt, level);
	n = len >> shift;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t a = va + (k << shift), *slot;
		/* Pass one: refuse a slot in use, a larger leaf above it or
		 * a table below it; count the tables pass two creates. */
		slot = find_slot(pt, a, level, &missing);
		if (slot ? *slot != 0 : !missing)
			return refuse(pt, RV_PT_ERR_MAPPED);
		/* The table at level j hangs from one entry of level j - 1;
		 * VAs come in order, so the same new table shows up in a
		 * row and is counted once. */
		for (unsigned j = missing; j <= level; j++) {
			uint64_t region = a >> va_shift(pt, j - 1);
			if (!seen[j] || key[j] != region) {
				seen[j] = true;
				key[j] = region;
				need++;
			}
		}
	}
	if (need > pages_free(pt))
		return refuse(pt, RV_PT_ERR_POOL_EMPTY);

	bits = leaf_bits(perm);
	if (leaf_kind[leaf].napot)
		bits |= RV_PTE_N | (uint64_t)RV_NAPOT_64K_PPN_BITS
					   << RV_PTE_PPN_SHIFT;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t out = pa + (k << shift);
		/* All 16 PTEs of a NAPOT run hold the run's first page,
		 * whose low four PPN bits (zero) carry the 0b1000 size. */
		if (leaf_kind[leaf].napot)
			out &= ~(leaf_kind[leaf].bytes - 1);
		*slot_for(pt, va + (k << shift), level) = pa_to_pte(out) | bits;
	}
	fence(pt, va, len);
	pt->last_err = 0;
	return 0;
}

static bool table_empty(const uint64_t *t)
{
	for (unsigned i = 0; i < RV_PT_ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/* Give back the tables on va's path down to level that hold nothing,
 * deepest first; the root stays. */
static void prune(struct rv_pt *pt, uint64_t va, unsigned level)
{
	uint64_t *up[RV_PT_MAX_LEVELS]; /* up[l]: the entry pointing at the
					   table of level l + 1 */
	uint64_t *t = table(pt, pt->root_pa);
	unsigned depth = 0;

	while (depth < level) {
		uint64_t *e = &t[slot_index(pt, va, depth)];
		if (!*e || *e & RV_PTE_RWX)
			break;
		up[depth++] = e;
		t = table(pt, pte_to_pa(*e));
	}
	while (depth > 0) {
		uint64_t *e = up[--depth];
		uint64_t pa = pte_to_pa(*e);
		if (!table_empty(table(pt, pa)))
			break;
		*e = 0;
		give_page(pt, pa);
	}
}

void rv_pt_unmap(struct rv_pt *pt, uint64_t va, uint64_t len, enum rv_leaf leaf)
{
	unsigned level, shift, missing;
	uint64_t n, span;

	/* The PA does not matter here: 0 passes its checks. */
	if (check_request(pt, va, 0, len, leaf, RV_PERM_R))
		return;
	level = pt->levels - 1 - leaf_kind[leaf].up;
	shift = va_shift(pt, level);
	n = len >> shift;
	for (uint64_t k = 0; k < n; k++) {
		uint64_t a = va + (k << shift);
		uint64_t *slot = find_slot(pt, a, level, &missing);
		/* Only a leaf in the slot itself is ours to clear. */
		if (slot && *slot & RV_PTE_RWX)
			*slot = 0;
	}
	/* One prune per table of the leaf level the range touched. */
	span = UINT64_C(1) << (shift + RV_PT_INDEX_BITS);
	for (uint64_t a = va; a - va < len; a = (a & ~(span - 1)) + span) {
		prune(pt, a, level);
		if ((a & ~(span - 1)) + span == 0)
			break; /* the top of the address space */
	}
	fence(pt, va, len);
}

/* The largest leaf both addresses are aligned to that fits in left. */
static enum rv_leaf largest_fit(const struct rv_pt *pt, uint64_t va,
				uint64_t pa, uint64_t left)
{
	for (unsigned k = RV_LEAF_KINDS; k-- > RV_LEAF_4K;) {
		uint64_t b = leaf_kind[k].bytes;
		if (leaf_kind[k].up < pt->levels &&
		    (pt->svnapot || !leaf_kind[k].napot) && left >= b &&
		    !((va | pa) & (b - 1)))
			return (enum rv_leaf)k;
	}
	return RV_LEAF_4K;
}

int rv_pt_map_range(struct rv_pt *pt, uint64_t va, uint64_t pa, uint64_t len,
		    enum rv_perm perm)
{
	uint64_t off = va & (RV_PT_PAGE_SIZE - 1), done = 0;
	int err;

	if ((va ^ pa) & (RV_PT_PAGE_SIZE - 1))
		return refuse(pt, RV_PT_ERR_MISALIGNED);
	if (!len)
		return 0;
	if (len > UINT64_MAX - off - (RV_PT_PAGE_SIZE - 1))
		return refuse(pt, RV_PT_ERR_NONCANONICAL);
	va -= off;
	pa -= off;
	len = (len + off + RV_PT_PAGE_SIZE - 1) & ~(RV_PT_PAGE_SIZE - 1);
	while (done < len) {
		enum rv_leaf k =
			largest_fit(pt, va + done, pa + done, len - done);
		err = rv_pt_map(pt, va + done, pa + done, leaf_kind[k].bytes, k,
				perm);
		if (err) {
			/* The same choices again, over what was mapped. */
			for (uint64_t u = 0; u < done;) {
				k = largest_fit(pt, va + u, pa + u, len - u);
				rv_pt_unmap(pt, va + u, leaf_kind[k].bytes, k);
				u += leaf_kind[k].bytes;
			}
			return refuse(pt, (enum rv_pt_err) - err);
		}
		done += leaf_kind[k].bytes;
	}
	return 0;
}

int rv_pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		   unsigned size_class)
{
	struct rv_pt *pt = arg;

	/* No arch: rv_pt_init refused this table set. */
	if (!pt->arch || size_class >= pt->arch->nr_sizes) {
		refuse(pt, pt->arch ? RV_PT_ERR_LEAF : RV_PT_ERR_BADPARAM);
		return -FT_ERR_MAP;
	}
	if (rv_pt_map(pt, va, pa, len, pt->class_leaf[size_class], RV_PERM_RW))
		return -FT_ERR_MAP;
	return 0;
}

void rv_pt_hook_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class)
{
	struct rv_pt *pt = arg;

	if (pt->arch && size_class < pt->arch->nr_sizes)
		rv_pt_unmap(pt, va, len, pt->class_leaf[size_class]);
}

void rv_pt_ops(struct rv_pt *pt, struct ft_ops *ops)
{
	ops->map = rv_pt_hook_map;
	ops->unmap = rv_pt_hook_unmap;
	ops->map_arg = pt;
}

uint64_t rv_pt_satp(const struct rv_pt *pt)
{
	uint64_t mode = pt->levels == 3 ? RV_SATP_MODE_SV39 : RV_SATP_MODE_SV48;

	return mode << RV_SATP_MODE_SHIFT | pt->root_pa >> RV_PT_PAGE_SHIFT;
}

uint64_t rv_pt_pages_used(const struct rv_pt *pt)
{
	return pt->next - pt->nr_free;
}

const char *rv_pt_strerror(int err)
{
	static const char *const names[RV_PT_ERR_COUNT_] = {
		[RV_PT_OK] = "ok",
		[RV_PT_ERR_BADPARAM] = "not an Sv39/Sv48 description or "
				       "an unusable table pool",
		[RV_PT_ERR_POOL_EMPTY] = "page-table pool empty",
		[RV_PT_ERR_MISALIGNED] = "VA, PA or length not aligned to "
					 "the leaf size",
		[RV_PT_ERR_NONCANONICAL] = "VA range not canonical for the "
					   "paging mode",
		[RV_PT_ERR_PA_RANGE] = "PA beyond 56 bits",
		[RV_PT_ERR_MAPPED] = "VA already mapped",
		[RV_PT_ERR_NO_SVNAPOT] = "64K NAPOT leaf without Svnapot",
		[RV_PT_ERR_LEAF] = "leaf size the paging mode has not",
	};

	if (err > 0 || err <= -RV_PT_ERR_COUNT_)
		return "unknown riscv page-table error";
	return names[-err];
}

#if defined(__riscv)
void rv_pt_sfence_vma(void *arg, uint64_t va, uint64_t len)
{
	(void)arg;
	(void)va;
	(void)len;
	/* rs1 = rs2 = x0: every entry of this hart, global ones included.
	 * ft_apply's calls span up to GiBs, where one fence per page would
	 * cost more than refilling the TLB; other harts are not running
	 * yet (a stub that starts them owes them an SBI remote fence). */
	__asm__ volatile("sfence.vma" : : : "memory");
}
#endif
