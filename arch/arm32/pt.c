/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyp mode stage-1 tables, LPAE long-descriptor format (Armv7-A B3.6):
 * HTCR.T0SZ = 0 gives a 32-bit VA whose walk starts at level 1, four
 * entries of 1G; level 2 holds 512 entries of 2M, level 3 512 pages of
 * 4K. Levels are numbered from the root as in struct ft_arch (0 here is
 * the architecture's level 1).
 *
 * Nothing is ever remapped: an entry goes from invalid to valid, or back
 * on unmap, so break-before-make never applies. Every change is published
 * with DSB ISHST and, once the MMU is on, TLBIALLH, DSB ISH, ISB: an
 * entry going back to invalid may sit in the TLB. A table left empty by an
 * unmap goes back to the pool. A refused call changes nothing.
 */
#include "pt.h"
#include "sysreg.h"

#define PT_NR_LEVELS 3
#define PT_ENTRIES   512u
#define PT_PAGE	     UINT64_C(4096)
#define PT_VA_BITS   32
/* Output address bits [39:12]. */
#define PT_OA_MASK UINT64_C(0x000000fffffff000)

static const unsigned pt_shift[PT_NR_LEVELS] = {30, 21, 12};

#define DESC_BLOCK	UINT64_C(1)
#define DESC_TABLE	UINT64_C(3) /* also "page" at the last level */
#define DESC_ATTRIDX(i) ((uint64_t)(i) << 2)
#define DESC_AP1	(UINT64_C(1) << 6) /* SBO in the PL2 regime */
#define DESC_SH_INNER	(UINT64_C(3) << 8)
#define DESC_AF		(UINT64_C(1) << 10)
#define DESC_CONTIG	(UINT64_C(1) << 52)
#define DESC_XN		(UINT64_C(1) << 54)

/* HMAIR0: attribute 0 normal write-back read/write-allocate, 1 Device. */
#define MAIR_NORMAL_IDX 0
#define MAIR_DEVICE_IDX 1
#define HMAIR0_VALUE	(0xffu | (0x04u << 8))

/* HTCR: T0SZ = 0, walks inner/outer write-back write-allocate, inner
 * shareable; bits 31 and 23 are RES1. */
#define HTCR_VALUE                                                             \
	((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8))

#define HSCTLR_M    (1u << 0)
#define HSCTLR_C    (1u << 2)
#define HSCTLR_I    (1u << 12)
#define HSCTLR_RES1 0x30c50818u

/* 2 MiB: 512 tables, well above the window, the dense and scratch
 * windows and the identity map with 2M blocks. */
#define PT_POOL_BYTES (UINT64_C(2) << 20)

static uint64_t pt_pool[PT_POOL_BYTES / 8]
	__attribute__((aligned(4096), section(".bss.ptpool")));
static uint64_t pt_used;
static uint64_t *pt_free;
static uint64_t *pt_root;
static bool pt_mmu_on;

extern char __image_start[], _end[];

static unsigned entries_at(unsigned level)
{
	return level ? PT_ENTRIES : 1u << (PT_VA_BITS - pt_shift[0]);
}

static unsigned index_at(uint64_t va, unsigned level)
{
	return (unsigned)(va >> pt_shift[level]) & (entries_at(level) - 1);
}

static uint64_t *table_at(uint64_t desc)
{
	return (uint64_t *)(uintptr_t)(desc & PT_OA_MASK);
}

static uint64_t *pool_page(void)
{
	uint64_t *t = pt_free;

	if (t) {
		pt_free = (uint64_t *)(uintptr_t)t[0];
		t[0] = 0;
		return t;
	}
	if ((pt_used + 1) * PT_PAGE > PT_POOL_BYTES)
		return NULL;
	return &pt_pool[(pt_used++) * PT_ENTRIES];
}

uint64_t pt_pages_used(void)
{
	return pt_used;
}

uint64_t pt_pool_pages(void)
{
	return PT_POOL_BYTES / PT_PAGE;
}

int pt_init(const struct ft_arch *arch)
{
	if (arch->page_shift != 12 || arch->nr_levels != PT_NR_LEVELS)
		return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < PT_NR_LEVELS; i++)
		if (arch->level_shift[i] != pt_shift[i])
			return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *s = &arch->sizes[i];
		uint64_t entry = s->contig ? s->size / s->contig : s->size;
		if (s->level >= PT_NR_LEVELS ||
		    entry != UINT64_C(1) << pt_shift[s->level])
			return -FT_ERR_BADPARAM;
	}
	pt_root = pool_page();
	return pt_root ? 0 : -FT_ERR_NOMEM;
}

/* The slot of va's entry at level; tables on the way created when alloc.
 * Without alloc, *slot is NULL where no table exists (the VA is free). */
static int walk(uint64_t va, unsigned level, bool alloc, uint64_t **slot)
{
	uint64_t *t = pt_root;

	for (unsigned i = 0; i < level; i++) {
		uint64_t *e = &t[index_at(va, i)];
		if (!*e) {
			uint64_t *n = alloc ? pool_page() : NULL;
			if (!n) {
				*slot = NULL;
				return alloc ? -FT_ERR_NOMEM : 0;
			}
			*e = (uint64_t)(uintptr_t)n | DESC_TABLE;
		} else if ((*e & 3) != DESC_TABLE) {
			return -FT_ERR_MAP;
		}
		t = table_at(*e);
	}
	*slot = &t[index_at(va, level)];
	return 0;
}

static uint64_t leaf_attrs(enum pt_attr attr)
{
	uint64_t d = DESC_AF | DESC_AP1;

	switch (attr) {
	case PT_NORMAL_EXEC:
		return d | DESC_ATTRIDX(MAIR_NORMAL_IDX) | DESC_SH_INNER;
	case PT_NORMAL_XN:
		return d | DESC_ATTRIDX(MAIR_NORMAL_IDX) | DESC_SH_INNER |
		       DESC_XN;
	case PT_DEVICE:
		break;
	}
	return d | DESC_ATTRIDX(MAIR_DEVICE_IDX) | DESC_XN;
}

static void sync_tables(void)
{
	dsb(ishst);
	if (pt_mmu_on) {
		tlbiallh();
		dsb(ish);
		isb();
	}
}

static bool table_empty(const uint64_t *t, unsigned level)
{
	for (unsigned i = 0; i < entries_at(level); i++)
		if (t[i])
			return false;
	return true;
}

/* Clear the leaf mapping va and unlink the tables this empties; the
 * bytes from va to the end of what that entry covered. */
static uint64_t clear_leaf(uint64_t va)
{
	uint64_t *path[PT_NR_LEVELS], *t = pt_root;
	unsigned l;

	for (l = 0;; l++) {
		uint64_t *e = &t[index_at(va, l)];
		path[l] = e;
		if (!*e || (*e & 3) != DESC_TABLE || l == PT_NR_LEVELS - 1) {
			*e = 0;
			break;
		}
		t = table_at(*e);
	}
	while (l > 0) {
		uint64_t *tbl = table_at(*path[l - 1]);
		if (!table_empty(tbl, l))
			break;
		*path[l - 1] = 0;
		tbl[0] = (uint64_t)(uintptr_t)pt_free;
		pt_free = tbl;
		l--;
	}
	uint64_t size = UINT64_C(1) << pt_shift[l];
	return size - (va & (size - 1));
}

static void unmap_leaves(uint64_t va, uint64_t len)
{
	for (uint64_t off = 0; off < len;)
		off += clear_leaf(va + off);
	sync_tables();
}

static int map_entries(uint64_t va, uint64_t pa, unsigned level, uint64_t count,
		       uint64_t attrs)
{
	uint64_t step = UINT64_C(1) << pt_shift[level];
	uint64_t type = level == PT_NR_LEVELS - 1 ? DESC_TABLE : DESC_BLOCK;
	uint64_t *slot;
	int rc;

	if (((va | pa) & (step - 1)) || !count ||
	    count > ((UINT64_C(1) << PT_VA_BITS) >> pt_shift[level]) ||
	    va >> PT_VA_BITS || (va + count * step - 1) >> PT_VA_BITS ||
	    (pa + count * step - 1) > PT_OA_MASK)
		return -FT_ERR_MAP;
	for (uint64_t k = 0; k < count; k++) {
		rc = walk(va + k * step, level, false, &slot);
		if (rc || (slot && *slot))
			return -FT_ERR_MAP;
	}
	for (uint64_t k = 0; k < count; k++) {
		rc = walk(va + k * step, level, true, &slot);
		if (rc) {
			unmap_leaves(va, k * step);
			return rc;
		}
		*slot = (pa + k * step) | attrs | type;
	}
	return 0;
}

int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr)
{
	uint64_t end = (va + len + PT_PAGE - 1) & ~(PT_PAGE - 1);
	int rc = 0;

	if ((va ^ pa) & (PT_PAGE - 1))
		return -FT_ERR_MAP;
	pa &= ~(PT_PAGE - 1);
	va &= ~(PT_PAGE - 1);
	while (va < end) {
		unsigned l = PT_NR_LEVELS - 1;
		for (unsigned i = 0; i < PT_NR_LEVELS; i++) {
			uint64_t sz = UINT64_C(1) << pt_shift[i];
			if (!((va | pa) & (sz - 1)) && end - va >= sz) {
				l = i;
				break;
			}
		}
		rc = map_entries(va, pa, l, 1, leaf_attrs(attr));
		if (rc)
			break;
		va += UINT64_C(1) << pt_shift[l];
		pa += UINT64_C(1) << pt_shift[l];
	}
	sync_tables();
	return rc;
}

void pt_unmap_range(uint64_t va, uint64_t len)
{
	uint64_t end = (va + len + PT_PAGE - 1) & ~(PT_PAGE - 1);

	va &= ~(PT_PAGE - 1);
	unmap_leaves(va, end - va);
}

uint64_t pt_scratch_map(uint64_t pa, uint64_t len)
{
	/* Congruent with the PA modulo 2 MiB, so that 2M blocks serve. */
	uint64_t va = PT_SCRATCH_VA + (pa & (PT_SCRATCH_ALIGN - 1));

	if (!len || len > PT_SCRATCH_SIZE - PT_SCRATCH_ALIGN)
		return 0;
	if (pt_map_range(va, pa, len, PT_NORMAL_XN)) {
		pt_unmap_range(va, len);
		return 0;
	}
	return va;
}

static bool class_entry(const struct ft_arch *arch, unsigned size_class,
			uint64_t len, uint64_t *entry, unsigned *level)
{
	const struct ft_map_size *s;

	if (size_class >= arch->nr_sizes)
		return false;
	s = &arch->sizes[size_class];
	*entry = s->contig ? s->size / s->contig : s->size;
	*level = s->level;
	return len && !(len % s->size) && *level < PT_NR_LEVELS &&
	       *entry == UINT64_C(1) << pt_shift[*level];
}

/* The attributes of the frametable's entries of a size class, for the
 * mapper and pt_lookup alike (ptcheck.c judges them independently). */
static uint64_t class_attrs(const struct ft_arch *arch, unsigned size_class)
{
	uint64_t attrs = leaf_attrs(PT_NORMAL_XN);

	if (arch->sizes[size_class].contig)
		attrs |= DESC_CONTIG;
	return attrs;
}

int pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		unsigned size_class)
{
	const struct ft_arch *arch = arg;
	uint64_t entry;
	unsigned level;
	int rc;

	if (!class_entry(arch, size_class, len, &entry, &level))
		return -FT_ERR_MAP;
	/* A contiguous run is aligned as a whole in VA and PA. */
	if ((va | pa) & (arch->sizes[size_class].size - 1))
		return -FT_ERR_MAP;
	rc = map_entries(va, pa, level, len / entry,
			 class_attrs(arch, size_class));
	sync_tables();
	return rc;
}

void pt_hook_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class)
{
	const struct ft_arch *arch = arg;
	uint64_t entry;
	unsigned level;

	if (!class_entry(arch, size_class, len, &entry, &level))
		return;
	unmap_leaves(va, len);
}

bool pt_lookup(const struct ft_arch *arch, uint64_t va, uint64_t *pa,
	       uint64_t *size, int *size_class)
{
	const uint64_t *t = pt_root;

	if (va >> PT_VA_BITS)
		return false;
	for (unsigned level = 0; level < PT_NR_LEVELS; level++) {
		uint64_t e = t[index_at(va, level)];
		bool last = level == PT_NR_LEVELS - 1;
		uint64_t type = last ? DESC_TABLE : DESC_BLOCK;
		uint64_t sz = UINT64_C(1) << pt_shift[level];

		if (!last && (e & 3) == DESC_TABLE) {
			t = table_at(e);
			continue;
		}
		if ((e & 3) != type)
			return false;
		*size = sz;
		*pa = (e & PT_OA_MASK & ~(sz - 1)) | (va & (sz - 1));
		*size_class = -1;
		for (unsigned c = 0; c < arch->nr_sizes; c++) {
			uint64_t entry;
			unsigned lv;
			if (class_entry(arch, c, arch->sizes[c].size, &entry,
					&lv) &&
			    lv == level &&
			    (e & ~PT_OA_MASK) == (class_attrs(arch, c) | type))
				*size_class = (int)c;
		}
		return true;
	}
	return false;
}

/* Lines written with the caches off went straight to memory; drop stale
 * copies so the cacheable view (and the table walker) sees them. */
static void inval_dcache(uintptr_t start, uintptr_t end)
{
	uintptr_t line = 4u << ((read_ctr() >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		dcimvac(p);
	dsb(sy);
}

int pt_enable_mmu(void)
{
	/* ID_MMFR0.VMSA >= 5: VMSAv7 with the long-descriptor format. */
	if ((read_id_mmfr0() & 0xf) < 5)
		return -FT_ERR_BADPARAM;
	inval_dcache((uintptr_t)__image_start, (uintptr_t)_end);
	write_hmair0(HMAIR0_VALUE);
	write_hmair1(0);
	write_htcr(HTCR_VALUE);
	write_httbr((uint64_t)(uintptr_t)pt_root);
	isb();
	tlbiallh();
	iciallu();
	dsb(ish);
	isb();
	write_hsctlr(HSCTLR_RES1 | HSCTLR_M | HSCTLR_C | HSCTLR_I);
	isb();
	pt_mmu_on = true;
	return 0;
}
