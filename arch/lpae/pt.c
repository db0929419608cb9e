/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Long-descriptor stage-1 tables (lpae.h): VMSAv8-64 at EL2 (Arm ARM D8)
 * for arm64, LPAE in Hyp mode (Armv7-A B3.6) for arm32, one granule per
 * build, the translation the port's pt.h describes.
 *
 * Levels are numbered from the root as in struct ft_arch (so level 0 is
 * the architecture's level 1 under arm64's 64K granule and under arm32's
 * 32-bit VA, whose walks start there). Nothing is ever remapped: an entry
 * goes from invalid to valid, or back on unmap (ft_apply's unwind, the
 * pattern fill's scratch window), so break-before-make never applies;
 * every change is made visible with DSB ISHST and, once the MMU is on,
 * the port's lpae_sys_tlb_flush (TLBI ALLE2, TLBIALLH), DSB ISH, ISB (an
 * entry going back to invalid may be held by the TLB, and the walk may
 * have cached the tables on the way). A table left empty by an unmap is
 * unlinked and goes back to the pool, so that the same VA can later
 * take a block.
 *
 * Refusals are checked before any write so a refused call changes nothing:
 * the library unwinds only the calls that succeeded.
 */
#include "pt.h"

#define PT_PAGE_SIZE (UINT64_C(1) << LPAE_PAGE_SHIFT)
#define PT_NR_LEVELS LPAE_NR_LEVELS
#define PT_VA_BITS   LPAE_VA_BITS
#define PT_ENTRIES   ((unsigned)(PT_PAGE_SIZE / 8))
#define PT_OA_MASK   (((UINT64_C(1) << LPAE_OA_BITS) - 1) & ~(PT_PAGE_SIZE - 1))

static const unsigned pt_shift[PT_NR_LEVELS] = LPAE_LEVEL_SHIFTS;
/* A variable, not the macro: a port whose root holds blocks (arm32: 0)
 * would make "level < 0" comparisons the compiler warns about. */
static const unsigned pt_min_block_level = LPAE_MIN_BLOCK_LEVEL;

#define DESC_BLOCK	UINT64_C(1)
#define DESC_TABLE	UINT64_C(3) /* also "page" at the last level */
#define DESC_ATTRIDX(i) ((uint64_t)(i) << 2)
/* AP[1]: RES1 at EL2 (E2H = 0), SBO at PL2; AP[2] clear: read-write. */
#define DESC_AP1      (UINT64_C(1) << 6)
#define DESC_SH_INNER (UINT64_C(3) << 8)
#define DESC_AF	      (UINT64_C(1) << 10)
#define DESC_CONTIG   (UINT64_C(1) << 52)
#define DESC_XN	      (UINT64_C(1) << 54)

#define MAIR_NORMAL_IDX LPAE_MAIR_NORMAL_IDX
#define MAIR_DEVICE_IDX LPAE_MAIR_DEVICE_IDX

static uint64_t pt_pool[LPAE_POOL_BYTES / 8]
	__attribute__((aligned(PT_PAGE_SIZE), section(".bss.ptpool")));
static uint64_t pt_used;
/* Tables unlinked by an unmap, chained through their first word. */
static uint64_t *pt_free;
static uint64_t *pt_root;
static bool pt_mmu_on;

static unsigned entries_at(unsigned level)
{
	return level ? PT_ENTRIES : 1u << (PT_VA_BITS - pt_shift[0]);
}

static unsigned index_at(uint64_t va, unsigned level)
{
	return (unsigned)(va >> pt_shift[level]) & (entries_at(level) - 1);
}

/* Pool pages are zero: they sit in .bss, which start.S clears, and a
 * freed table is empty but for the chain word. */
static uint64_t *pool_page(void)
{
	uint64_t *t = pt_free;

	if (t) {
		pt_free = (uint64_t *)(uintptr_t)t[0];
		t[0] = 0;
		return t;
	}
	if ((pt_used + 1) * PT_PAGE_SIZE > LPAE_POOL_BYTES)
		return NULL;
	return &pt_pool[(pt_used++) * PT_ENTRIES];
}

uint64_t pt_pages_used(void)
{
	return pt_used;
}

uint64_t pt_pool_pages(void)
{
	return LPAE_POOL_BYTES / PT_PAGE_SIZE;
}

int pt_init(const struct ft_arch *arch)
{
	if (arch->page_shift != LPAE_PAGE_SHIFT ||
	    arch->nr_levels != PT_NR_LEVELS)
		return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < PT_NR_LEVELS; i++)
		if (arch->level_shift[i] != pt_shift[i])
			return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *s = &arch->sizes[i];
		unsigned l = s->level;
		uint64_t entry = s->contig ? s->size / s->contig : s->size;
		if (l < pt_min_block_level || l >= PT_NR_LEVELS ||
		    entry != UINT64_C(1) << pt_shift[l])
			return -FT_ERR_BADPARAM;
	}
	pt_root = pool_page();
	return pt_root ? 0 : -FT_ERR_NOMEM;
}

/*
 * The slot of va's entry at level. Tables on the way are created when
 * alloc; without alloc, *slot is NULL where no table exists yet (the VA is
 * free). A block on the way means the VA is already mapped.
 */
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
		t = (uint64_t *)(uintptr_t)(*e & PT_OA_MASK);
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
	__asm__ volatile("dsb ishst" : : : "memory");
	if (pt_mmu_on) {
		lpae_sys_tlb_flush();
		__asm__ volatile("dsb ish" : : : "memory");
		__asm__ volatile("isb" : : : "memory");
	}
}

static bool table_empty(const uint64_t *t, unsigned level)
{
	for (unsigned i = 0; i < entries_at(level); i++)
		if (t[i])
			return false;
	return true;
}

/*
 * Clear the leaf mapping va, whatever its level, and unlink the tables
 * this leaves empty. Returns the bytes from va to the end of what the
 * entry at va covered (mapped or not), so a caller can step over it.
 * Nothing is made visible here: the caller ends with sync_tables().
 */
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
		t = (uint64_t *)(uintptr_t)(*e & PT_OA_MASK);
	}
	/* Walk back up: a table with no entry left goes back to the pool. */
	while (l > 0) {
		uint64_t *tbl =
			(uint64_t *)(uintptr_t)(*path[l - 1] & PT_OA_MASK);
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

/* count consecutive entries at level from va -> pa, all or nothing; the
 * caller makes them visible with sync_tables(). */
static int map_entries(uint64_t va, uint64_t pa, unsigned level, uint64_t count,
		       uint64_t attrs)
{
	uint64_t step = UINT64_C(1) << pt_shift[level];
	uint64_t type = level == PT_NR_LEVELS - 1 ? DESC_TABLE : DESC_BLOCK;
	uint64_t *slot;
	int rc;

	if (level < pt_min_block_level || ((va | pa) & (step - 1)) || !count ||
	    count > ((UINT64_C(1) << PT_VA_BITS) >> pt_shift[level]) ||
	    va >> PT_VA_BITS || (va + count * step - 1) >> PT_VA_BITS ||
	    (pa + count * step - 1) >> LPAE_OA_BITS)
		return -FT_ERR_MAP;
	for (uint64_t k = 0; k < count; k++) {
		rc = walk(va + k * step, level, false, &slot);
		if (rc || (slot && *slot))
			return -FT_ERR_MAP;
	}
	for (uint64_t k = 0; k < count; k++) {
		rc = walk(va + k * step, level, true, &slot);
		if (rc) {
			/* Pool exhausted: take back this call's entries. */
			unmap_leaves(va, k * step);
			return rc;
		}
		*slot = (pa + k * step) | attrs | type;
	}
	return 0;
}

int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr)
{
	uint64_t page = PT_PAGE_SIZE;
	uint64_t end = (va + len + page - 1) & ~(page - 1);
	int rc = 0;

	if ((va ^ pa) & (page - 1))
		return -FT_ERR_MAP;
	pa &= ~(page - 1);
	va &= ~(page - 1);
	while (va < end) {
		unsigned l = PT_NR_LEVELS - 1;
		for (unsigned i = pt_min_block_level; i < PT_NR_LEVELS; i++) {
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
	uint64_t page = PT_PAGE_SIZE;
	uint64_t end = (va + len + page - 1) & ~(page - 1);

	va &= ~(page - 1);
	unmap_leaves(va, end - va);
}

uint64_t pt_scratch_map(uint64_t pa, uint64_t len)
{
	/* Congruent with the PA modulo PT_SCRATCH_ALIGN, a multiple of the
	 * block size, so that pt_map_range can use blocks. */
	uint64_t va = PT_SCRATCH_VA + (pa & (PT_SCRATCH_ALIGN - 1));

	if (!len || len > PT_SCRATCH_SIZE - PT_SCRATCH_ALIGN)
		return 0;
	if (pt_map_range(va, pa, len, PT_NORMAL_XN)) {
		pt_unmap_range(va, len);
		return 0;
	}
	return va;
}

/* Entry size and level of a size class, or false if it is not ours. */
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

/* The one place that decides the attributes of the frametable's entries
 * of a size class, for the mapper and for pt_lookup alike (which
 * is why ptcheck.c judges them by the architecture's rules instead). */
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
	/* A contiguous run must be aligned as a whole in VA and PA (Arm ARM
	 * D8.6.1), which the library promises; check it anyway. */
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
			t = (const uint64_t *)(uintptr_t)(e & PT_OA_MASK);
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

int pt_enable_mmu(void)
{
	int rc = lpae_sys_enable_mmu((uint64_t)(uintptr_t)pt_root);

	if (!rc)
		pt_mmu_on = true;
	return rc;
}
