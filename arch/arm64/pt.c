/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL2 stage-1 translation tables (VMSAv8-64, Arm ARM D8): 48-bit VA from
 * TTBR0_EL2 (T0SZ = 16), one granule per build.
 *
 * Levels are numbered from the root as in struct ft_arch (so level 0 is
 * hardware level 1 under the 64K granule, whose 48-bit walk starts there).
 * Nothing is ever remapped: an entry goes from invalid to valid, or back
 * on unwind, so break-before-make never applies; new entries are made
 * visible with DSB ISHST and, once the MMU is on, TLBI ALLE2 in case a
 * walk cached anything on the way.
 *
 * Refusals are checked before any write so a refused call changes nothing:
 * the library unwinds only the calls that succeeded.
 */
#include "pt.h"
#include "sysreg.h"

#if FT_ARM64_PAGE_SHIFT == 12
#define PT_NR_LEVELS	     4
#define PT_MIN_BLOCK_LEVEL   1 /* 1G blocks */
#define PT_TCR_TG0	     (UINT64_C(0) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 28) & 0xf) != 0xf)
static const unsigned pt_shift[PT_NR_LEVELS] = {39, 30, 21, 12};
#elif FT_ARM64_PAGE_SHIFT == 14
#define PT_NR_LEVELS	     4
#define PT_MIN_BLOCK_LEVEL   2 /* 32M: level-1 blocks need 52-bit VA */
#define PT_TCR_TG0	     (UINT64_C(2) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 20) & 0xf) != 0)
static const unsigned pt_shift[PT_NR_LEVELS] = {47, 36, 25, 14};
#else
#define PT_NR_LEVELS	     3
#define PT_MIN_BLOCK_LEVEL   1 /* 512M: 4T blocks need 52-bit PA */
#define PT_TCR_TG0	     (UINT64_C(1) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 24) & 0xf) != 0xf)
static const unsigned pt_shift[PT_NR_LEVELS] = {42, 29, 16};
#endif

#define PT_VA_BITS 48
#define PT_ENTRIES (FT_ARM64_PAGE_SIZE / 8)
#define PT_OA_MASK (((UINT64_C(1) << 48) - 1) & ~(FT_ARM64_PAGE_SIZE - 1))

#define DESC_BLOCK	UINT64_C(1)
#define DESC_TABLE	UINT64_C(3) /* also "page" at the last level */
#define DESC_ATTRIDX(i) ((uint64_t)(i) << 2)
#define DESC_AP_RW_EL2	(UINT64_C(1) << 6) /* AP[1] is RES1 at EL2 (E2H=0) */
#define DESC_SH_INNER	(UINT64_C(3) << 8)
#define DESC_AF		(UINT64_C(1) << 10)
#define DESC_CONTIG	(UINT64_C(1) << 52)
#define DESC_XN		(UINT64_C(1) << 54)

/* MAIR_EL2 slots: 0 normal write-back read/write-allocate, 1 Device-nGnRE. */
#define MAIR_NORMAL_IDX 0
#define MAIR_DEVICE_IDX 1
#define MAIR_VALUE	(UINT64_C(0xff) | (UINT64_C(0x04) << 8))

#define TCR_T0SZ       (64 - PT_VA_BITS)
#define TCR_IRGN0_WBWA (UINT64_C(1) << 8)
#define TCR_ORGN0_WBWA (UINT64_C(1) << 10)
#define TCR_SH0_INNER  (UINT64_C(3) << 12)
#define TCR_PS_SHIFT   16
#define TCR_EL2_RES1   ((UINT64_C(1) << 31) | (UINT64_C(1) << 23))

#define SCTLR_M	       (UINT64_C(1) << 0)
#define SCTLR_C	       (UINT64_C(1) << 2)
#define SCTLR_I	       (UINT64_C(1) << 12)
#define SCTLR_EL2_RES1 UINT64_C(0x30c50830)

/* 8 MiB: 2048 4K tables, 512 16K tables or 128 64K tables, well above
 * what a 32 GiB window plus the identity map can need with blocks. */
#define PT_POOL_BYTES (UINT64_C(8) << 20)

static uint64_t pt_pool[PT_POOL_BYTES / 8]
	__attribute__((aligned(FT_ARM64_PAGE_SIZE), section(".bss.ptpool")));
static uint64_t pt_used;
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

/* Pool pages are zero: they sit in .bss, which start.S clears. */
static uint64_t *pool_page(void)
{
	if ((pt_used + 1) * FT_ARM64_PAGE_SIZE > PT_POOL_BYTES)
		return NULL;
	return &pt_pool[(pt_used++) * PT_ENTRIES];
}

uint64_t pt_pages_used(void)
{
	return pt_used;
}

uint64_t pt_pool_pages(void)
{
	return PT_POOL_BYTES / FT_ARM64_PAGE_SIZE;
}

int pt_init(const struct ft_arch *arch)
{
	if (arch->page_shift != FT_ARM64_PAGE_SHIFT ||
	    arch->nr_levels != PT_NR_LEVELS)
		return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < PT_NR_LEVELS; i++)
		if (arch->level_shift[i] != pt_shift[i])
			return -FT_ERR_BADPARAM;
	for (unsigned i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *s = &arch->sizes[i];
		unsigned l = s->level;
		uint64_t entry = s->contig ? s->size / s->contig : s->size;
		if (l < PT_MIN_BLOCK_LEVEL || l >= PT_NR_LEVELS ||
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
	uint64_t d = DESC_AF | DESC_AP_RW_EL2;

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
		tlbi_alle2();
		dsb(ish);
		isb();
	}
}

static void clear_entries(uint64_t va, unsigned level, uint64_t count)
{
	uint64_t step = UINT64_C(1) << pt_shift[level];
	uint64_t *slot;

	for (uint64_t k = 0; k < count; k++)
		if (!walk(va + k * step, level, false, &slot) && slot)
			*slot = 0;
}

/* count consecutive entries at level from va -> pa, all or nothing. */
static int map_entries(uint64_t va, uint64_t pa, unsigned level, uint64_t count,
		       uint64_t attrs)
{
	uint64_t step = UINT64_C(1) << pt_shift[level];
	uint64_t type = level == PT_NR_LEVELS - 1 ? DESC_TABLE : DESC_BLOCK;
	uint64_t *slot;
	int rc;

	if (level < PT_MIN_BLOCK_LEVEL || ((va | pa) & (step - 1)) || !count ||
	    count > ((UINT64_C(1) << PT_VA_BITS) >> pt_shift[level]) ||
	    va >> PT_VA_BITS || (va + count * step - 1) >> PT_VA_BITS ||
	    (pa + count * step - 1) >> PT_VA_BITS)
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
			clear_entries(va, level, k);
			sync_tables();
			return rc;
		}
		*slot = (pa + k * step) | attrs | type;
	}
	sync_tables();
	return 0;
}

int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr)
{
	uint64_t page = FT_ARM64_PAGE_SIZE;
	uint64_t end = (va + len + page - 1) & ~(page - 1);
	int rc;

	if ((va ^ pa) & (page - 1))
		return -FT_ERR_MAP;
	pa &= ~(page - 1);
	va &= ~(page - 1);
	while (va < end) {
		unsigned l = PT_NR_LEVELS - 1;
		for (unsigned i = PT_MIN_BLOCK_LEVEL; i < PT_NR_LEVELS; i++) {
			uint64_t sz = UINT64_C(1) << pt_shift[i];
			if (!((va | pa) & (sz - 1)) && end - va >= sz) {
				l = i;
				break;
			}
		}
		rc = map_entries(va, pa, l, 1, leaf_attrs(attr));
		if (rc)
			return rc;
		va += UINT64_C(1) << pt_shift[l];
		pa += UINT64_C(1) << pt_shift[l];
	}
	return 0;
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

int pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		unsigned size_class)
{
	const struct ft_arch *arch = arg;
	uint64_t entry, attrs = leaf_attrs(PT_NORMAL_XN);
	unsigned level;

	if (!class_entry(arch, size_class, len, &entry, &level))
		return -FT_ERR_MAP;
	/* A contiguous run must be aligned as a whole in VA and PA (Arm ARM
	 * D8.6.1), which the library promises; check it anyway. */
	if ((va | pa) & (arch->sizes[size_class].size - 1))
		return -FT_ERR_MAP;
	if (arch->sizes[size_class].contig)
		attrs |= DESC_CONTIG;
	return map_entries(va, pa, level, len / entry, attrs);
}

void pt_hook_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class)
{
	const struct ft_arch *arch = arg;
	uint64_t entry;
	unsigned level;

	if (!class_entry(arch, size_class, len, &entry, &level))
		return;
	clear_entries(va, level, len / entry);
	sync_tables();
}

int64_t pt_check_mapping(const struct ft_arch *arch, uint64_t va, uint64_t pa,
			 uint64_t len, unsigned size_class, uint64_t *bad_va)
{
	uint64_t entry, want = leaf_attrs(PT_NORMAL_XN), *slot;
	unsigned level;

	if (!class_entry(arch, size_class, len, &entry, &level))
		return -FT_ERR_MAP;
	if (arch->sizes[size_class].contig)
		want |= DESC_CONTIG;
	want |= level == PT_NR_LEVELS - 1 ? DESC_TABLE : DESC_BLOCK;
	for (uint64_t k = 0; k < len / entry; k++) {
		uint64_t off = k * entry;
		if (walk(va + off, level, false, &slot) || !slot ||
		    *slot != ((pa + off) | want)) {
			*bad_va = va + off;
			return -FT_ERR_MAP;
		}
	}
	return (int64_t)(len / entry);
}

/* Lines written with the MMU off went straight to memory; drop any stale
 * copies so the cacheable view (and the table walker) sees them. */
static void inval_dcache(uintptr_t start, uintptr_t end)
{
	uint64_t line = UINT64_C(4) << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		__asm__ volatile("dc ivac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

int pt_enable_mmu(void)
{
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t ps = mmfr0 & 0xf;

	if (!PT_MMFR0_TGRAN_OK(mmfr0))
		return -FT_ERR_BADPARAM;
	/* PS = 48 bits (0b101) or what the CPU has, if less. */
	if (ps > 5)
		ps = 5;
	inval_dcache((uintptr_t)__image_start, (uintptr_t)_end);
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_EL2_RES1 | (ps << TCR_PS_SHIFT) | PT_TCR_TG0 |
				      TCR_SH0_INNER | TCR_ORGN0_WBWA |
				      TCR_IRGN0_WBWA | TCR_T0SZ);
	write_sysreg(ttbr0_el2, (uintptr_t)pt_root);
	isb();
	tlbi_alle2();
	__asm__ volatile("ic iallu" : : : "memory");
	dsb(ish);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
	pt_mmu_on = true;
	return 0;
}
