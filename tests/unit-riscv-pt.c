/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V Sv39 / Sv48 page tables (arch/riscv/pt.c) judged by the
 * independent checker (arch/riscv/pt-check.c): every leaf kind in every
 * riscv64 variant with its PTE pinned to the spec's bits, refusals that
 * change nothing, unwinding, the stub's direct map, bugs planted in the
 * PTEs that the checker must name, and real boards planned, placed and
 * applied through the map hook, then translated back through the tables.
 *
 * The "physical" memory of the table pool is host memory; the frametable's
 * PAs have no backing (the fill hook only checks they are mapped).
 * Boards come from $FT_BOARDS_DIR (set by make check).
 */
#include "../arch/riscv/pt-check.h"
#include "banksfile.h"
#include "testutil.h"

#include <frametable/bootalloc.h>

#include <stdlib.h>
#include <string.h>

#define KB(x) ((uint64_t)(x) << 10)
#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

/* The spec's numbers, written out here rather than taken from pte.h, so
 * that a wrong constant there fails these tests. */
#define BIT_V		UINT64_C(0x1)
#define BIT_R		UINT64_C(0x2)
#define BIT_W		UINT64_C(0x4)
#define BIT_X		UINT64_C(0x8)
#define BIT_U		UINT64_C(0x10)
#define BIT_A		UINT64_C(0x40)
#define BIT_D		UINT64_C(0x80)
#define BIT_N		(UINT64_C(1) << 63)
#define DATA_LEAF_BITS	UINT64_C(0xe7) /* V R W G A D */
#define PPN_FIELD(pa)	((uint64_t)(pa) >> 12 << 10)
#define NAPOT_FIELD(pa) (((uint64_t)(pa) >> 12 | 0x8) << 10)
#define POOL_PAGES	1024
#define POOL_PA		UINT64_C(0x123400000) /* any 4K-aligned PA */
#define SV39_WINDOW	UINT64_C(0xffffffd000000000)
#define SV48_WINDOW	UINT64_C(0xffffc00000000000)

static _Alignas(4096) uint64_t pool[POOL_PAGES * 512];
static uint64_t pool_copy[POOL_PAGES * 512];

static const struct ft_arch *variant(const char *name)
{
	const struct ft_arch *a = ft_arch_find("riscv64", name);

	if (!a) {
		printf("ERROR: no riscv64 variant %s\n", name);
		exit(99);
	}
	return a;
}

static void start(struct rv_pt *pt, const char *name, uint64_t pages)
{
	memset(pool, 0xa5, sizeof(pool)); /* pool pages need not be zero */
	if (rv_pt_init(pt, variant(name), pool, POOL_PA, pages * 4096)) {
		printf("ERROR: rv_pt_init %s\n", name);
		exit(99);
	}
}

/* The PTE of va at level, found with this test's own walk. */
static uint64_t *pte_of(const struct rv_pt *pt, uint64_t va, unsigned level)
{
	uint64_t *t = pool + (pt->root_pa - POOL_PA) / 8;

	for (unsigned l = 0;; l++) {
		unsigned shift = 12 + 9 * (pt->levels - 1 - l);
		uint64_t *e = &t[(va >> shift) & 511];
		if (l == level)
			return e;
		t = pool + ((*e >> 10 << 12) - POOL_PA) / 8;
	}
}

static int check(const struct rv_pt *pt, struct rv_ptc_report *rep)
{
	return rv_ptc_check(pt, pt->arch->window_base, pt->arch->window_size,
			    NULL, NULL, rep);
}

static void expect_translation(const struct rv_pt *pt, uint64_t va, uint64_t pa,
			       uint64_t size)
{
	uint64_t got_pa = 0, got_size = 0;

	TU_CHECK_EQ(rv_ptc_translate(pt, va, &got_pa, &got_size), 0);
	TU_CHECK_EQ(got_pa, pa);
	TU_CHECK_EQ(got_size, size);
}

static void expect_unmapped(const struct rv_pt *pt, uint64_t va)
{
	uint64_t pa, size;

	TU_CHECK_EQ(rv_ptc_translate(pt, va, &pa, &size), -RV_PTC_UNMAPPED);
}

/* ---- every leaf kind ---- */

static void every_leaf_kind(const char *name)
{
	struct rv_pt pt;
	struct rv_ptc_report rep;
	uint64_t w, pages;

	start(&pt, name, POOL_PAGES);
	w = pt.arch->window_base;
	printf("  %s: %u levels, Svnapot %s\n", name, pt.levels,
	       pt.svnapot ? "yes" : "no");
	TU_CHECK_EQ(rv_pt_map(&pt, w + KB(4), 0x80001000, KB(12), RV_LEAF_4K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + MB(2), 0x80100000, KB(128), RV_LEAF_64K,
			      RV_PERM_RW),
		    pt.svnapot ? 0 : -RV_PT_ERR_NO_SVNAPOT);
	TU_CHECK_EQ(rv_pt_map(&pt, w + MB(4), 0x80400000, MB(4), RV_LEAF_2M,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + GB(1), GB(256), GB(1), RV_LEAF_1G,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + GB(512), GB(512), GB(512), RV_LEAF_512G,
			      RV_PERM_RW),
		    pt.levels == 4 ? 0 : -RV_PT_ERR_LEAF);

	TU_CHECK_EQ(check(&pt, &rep), 0);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_4K], 3);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_64K], pt.svnapot ? 2 : 0);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_2M], 2);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_1G], 1);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_512G], pt.levels == 4 ? 1 : 0);
	TU_CHECK_EQ(rep.tables, rv_pt_pages_used(&pt));
	/* The root (holding the 1G leaf in Sv39, the 512G one in Sv48);
	 * in Sv48 the table of gigapages; the table of megapages of
	 * [w, w + 1G); the tables of the pages and of the NAPOT run. */
	pages = pt.levels == 4 ? 5 : 4;
	TU_CHECK_EQ(rv_pt_pages_used(&pt), pages - (pt.svnapot ? 0 : 1));

	expect_translation(&pt, w + KB(4) + 0x123, 0x80001123, KB(4));
	expect_translation(&pt, w + KB(16) - 1, 0x80003fff, KB(4));
	if (pt.svnapot)
		expect_translation(&pt, w + MB(2) + KB(64) + 0x4567, 0x80114567,
				   KB(64));
	else
		expect_unmapped(&pt, w + MB(2));
	expect_translation(&pt, w + MB(6) + 5, 0x80600005, MB(2));
	expect_translation(&pt, w + GB(1) + 0x12345678, GB(256) + 0x12345678,
			   GB(1));
	if (pt.levels == 4)
		expect_translation(&pt, w + GB(512) + 0x123456789a,
				   GB(512) + 0x123456789a, GB(512));
	expect_unmapped(&pt, w);
	expect_unmapped(&pt, w + KB(16));
	expect_unmapped(&pt, w + GB(3));

	/* The PTEs themselves, against the spec's encodings. */
	TU_CHECK_EQ(*pte_of(&pt, w + KB(4), pt.levels - 1),
		    PPN_FIELD(0x80001000) | DATA_LEAF_BITS);
	TU_CHECK_EQ(*pte_of(&pt, w + MB(4), pt.levels - 2),
		    PPN_FIELD(0x80400000) | DATA_LEAF_BITS);
	TU_CHECK_EQ(*pte_of(&pt, w + GB(1), pt.levels - 3),
		    PPN_FIELD(GB(256)) | DATA_LEAF_BITS);
	for (unsigned i = 0; pt.svnapot && i < 32; i++)
		TU_CHECK_EQ(*pte_of(&pt, w + MB(2) + i * KB(4), pt.levels - 1),
			    NAPOT_FIELD(0x80100000 + (i / 16) * KB(64)) |
				    DATA_LEAF_BITS | BIT_N);
	/* Non-leaf: V alone, a PPN inside the pool. */
	for (unsigned l = 0; l + 1 < pt.levels; l++) {
		uint64_t e = *pte_of(&pt, w + KB(4), l);
		TU_CHECK_EQ(e & 0xffc00000000003ff, BIT_V);
		TU_CHECK((e >> 10 << 12) - POOL_PA < POOL_PAGES * KB(4));
	}
	TU_CHECK_EQ(rv_pt_satp(&pt), (uint64_t)(pt.levels == 3 ? 8 : 9) << 60 |
					     pt.root_pa >> 12);
}

/* ---- init ---- */

static void init_refusals(void)
{
	const struct ft_arch *sv39 = variant("sv39");
	struct ft_arch odd = *sv39;
	struct rv_pt pt;

	TU_CHECK_EQ(rv_pt_init(&pt, ft_arch_find("arm64", "4k"), pool, POOL_PA,
			       sizeof(pool)),
		    -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(rv_pt_init(&pt, ft_arch_find("arm-mpu", NULL), pool,
			       POOL_PA, sizeof(pool)),
		    -RV_PT_ERR_BADPARAM);
	odd.level_shift[0] = 31;
	TU_CHECK_EQ(rv_pt_init(&pt, &odd, pool, POOL_PA, sizeof(pool)),
		    -RV_PT_ERR_BADPARAM);
	odd = *sv39;
	odd.sizes[1].contig = 8; /* 8 x 8K: no such NAPOT size */
	TU_CHECK_EQ(rv_pt_init(&pt, &odd, pool, POOL_PA, sizeof(pool)),
		    -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(rv_pt_init(&pt, sv39, (char *)pool + 8, POOL_PA,
			       sizeof(pool) - 4096),
		    -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(rv_pt_init(&pt, sv39, pool, POOL_PA + 8, sizeof(pool)),
		    -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(rv_pt_init(&pt, sv39, pool, POOL_PA, 4095),
		    -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(
		rv_pt_init(&pt, sv39, pool, (UINT64_C(1) << 56) - 4096, 8192),
		-RV_PT_ERR_BADPARAM);
	/* A refused table set refuses every map, through the hook too. */
	TU_CHECK_EQ(rv_pt_hook_map(&pt, SV39_WINDOW, 0x80000000, 4096, 0),
		    -FT_ERR_MAP);
	TU_CHECK_EQ(pt.last_err, -RV_PT_ERR_BADPARAM);
	TU_CHECK_EQ(rv_pt_map(&pt, SV39_WINDOW, 0x80000000, 4096, RV_LEAF_4K,
			      RV_PERM_RW),
		    -RV_PT_ERR_LEAF);
	TU_CHECK_EQ(rv_ptc_check(&pt, 0, 0, NULL, NULL, NULL),
		    -RV_PTC_TABLE_OUTSIDE);
	{
		uint64_t pa, size;
		TU_CHECK_EQ(rv_ptc_translate(&pt, 0, &pa, &size),
			    -RV_PTC_TABLE_OUTSIDE);
	}
	TU_CHECK_EQ(rv_pt_init(&pt, sv39, pool, POOL_PA, 4096), 0);
	TU_CHECK_EQ(rv_pt_pages_used(&pt), 1);
	TU_CHECK_EQ(rv_pt_satp(&pt), UINT64_C(8) << 60 | POOL_PA >> 12);
	printf("  arm64, arm-mpu, bad shifts, an 8-entry NAPOT, misaligned or "
	       "tiny pools: %s\n",
	       rv_pt_strerror(-RV_PT_ERR_BADPARAM));
}

/* ---- refusals ---- */

static void snapshot(void)
{
	memcpy(pool_copy, pool, sizeof(pool));
}

static bool unchanged(void)
{
	return !memcmp(pool_copy, pool, sizeof(pool));
}

static unsigned refused;

#define REFUSED(call, err)                                                     \
	do {                                                                   \
		refused++;                                                     \
		snapshot();                                                    \
		TU_CHECK_EQ((call), -(err));                                   \
		TU_CHECK_EQ(pt.last_err, -(err));                              \
		TU_CHECK(unchanged());                                         \
	} while (0)

static unsigned fences;
static uint64_t fence_va, fence_len;

static void count_fence(void *arg, uint64_t va, uint64_t len)
{
	(void)arg;
	fences++;
	fence_va = va;
	fence_len = len;
}

static void refusals(const char *name)
{
	struct rv_pt pt;
	uint64_t w, gap, used;

	start(&pt, name, POOL_PAGES);
	w = pt.arch->window_base;
	pt.fence = count_fence;
	fences = 0;
	TU_CHECK_EQ(
		rv_pt_map(&pt, w, 0x80000000, KB(8), RV_LEAF_4K, RV_PERM_RW),
		0);
	TU_CHECK_EQ(fences, 1);
	TU_CHECK_EQ(fence_va, w);
	TU_CHECK_EQ(fence_len, KB(8));
	TU_CHECK_EQ(rv_pt_map(&pt, w + MB(2), 0x80200000, MB(2), RV_LEAF_2M,
			      RV_PERM_RW),
		    0);
	used = rv_pt_pages_used(&pt);
	fences = 0;
	refused = 0;

	REFUSED(rv_pt_map(&pt, w + KB(4) + MB(4), 0x80400000, MB(2), RV_LEAF_2M,
			  RV_PERM_RW),
		RV_PT_ERR_MISALIGNED);
	REFUSED(rv_pt_map(&pt, w + MB(4), 0x80408000, KB(64), RV_LEAF_64K,
			  RV_PERM_RW),
		RV_PT_ERR_MISALIGNED);
	REFUSED(rv_pt_map(&pt, w + MB(4), 0x80400000, 0, RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_MISALIGNED);
	REFUSED(rv_pt_map(&pt, w + MB(4), 0x80400000, KB(6), RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_MISALIGNED);
	/* Non-canonical: the first VA above the lower half, and a range
	 * that runs from the lower half's top into the gap. */
	gap = UINT64_C(1) << (pt.levels == 3 ? 38 : 47);
	REFUSED(rv_pt_map(&pt, gap, 0x80000000, KB(4), RV_LEAF_4K, RV_PERM_RW),
		RV_PT_ERR_NONCANONICAL);
	REFUSED(rv_pt_map(&pt, gap - MB(2), 0x80000000, MB(4), RV_LEAF_2M,
			  RV_PERM_RW),
		RV_PT_ERR_NONCANONICAL);
	REFUSED(rv_pt_map(&pt, UINT64_MAX - KB(4) + 1, 0x80000000, KB(8),
			  RV_LEAF_4K, RV_PERM_RW),
		RV_PT_ERR_NONCANONICAL);
	REFUSED(rv_pt_map(&pt, w + MB(4), UINT64_C(1) << 56, KB(4), RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_PA_RANGE);
	REFUSED(rv_pt_map(&pt, w + MB(4), (UINT64_C(1) << 56) - KB(4), KB(8),
			  RV_LEAF_4K, RV_PERM_RW),
		RV_PT_ERR_PA_RANGE);
	/* Double mappings: the same page; its neighbour and it; a page
	 * under a megapage; a megapage over a table of pages. */
	REFUSED(rv_pt_map(&pt, w + KB(4), 0x90000000, KB(4), RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_MAPPED);
	REFUSED(rv_pt_map(&pt, w + KB(8) - KB(8), 0x90000000, KB(12),
			  RV_LEAF_4K, RV_PERM_RW),
		RV_PT_ERR_MAPPED);
	REFUSED(rv_pt_map(&pt, w + MB(3), 0x90000000, KB(4), RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_MAPPED);
	REFUSED(rv_pt_map(&pt, w, 0x90000000, MB(2), RV_LEAF_2M, RV_PERM_RW),
		RV_PT_ERR_MAPPED);
	REFUSED(rv_pt_map(&pt, w + MB(4), 0x90000000, KB(4), RV_LEAF_KINDS,
			  RV_PERM_RW),
		RV_PT_ERR_LEAF);
	/* The hook answers the library in its terms, pt says why. */
	snapshot();
	TU_CHECK_EQ(rv_pt_hook_map(&pt, w + MB(4), 0x90000000, KB(4), 17),
		    -FT_ERR_MAP);
	TU_CHECK(unchanged());
	TU_CHECK_EQ(pt.last_err, -RV_PT_ERR_LEAF);
	TU_CHECK_EQ(fences, 0);
	TU_CHECK_EQ(rv_pt_pages_used(&pt), used);
	printf("  %s: %u refusals, tables unchanged, no fence\n", name,
	       refused + 1);

	/* A dry pool: three pages hold root + the two tables of one page
	 * in Sv39; another GiB needs two more. */
	start(&pt, name, pt.levels);
	TU_CHECK_EQ(
		rv_pt_map(&pt, w, 0x80000000, KB(4), RV_LEAF_4K, RV_PERM_RW),
		0);
	TU_CHECK_EQ(rv_pt_pages_used(&pt), pt.levels);
	REFUSED(rv_pt_map(&pt, w + GB(1), 0x80000000, KB(4), RV_LEAF_4K,
			  RV_PERM_RW),
		RV_PT_ERR_POOL_EMPTY);
	/* Room in the existing tables needs no page. */
	TU_CHECK_EQ(rv_pt_map(&pt, w + KB(4), 0x80001000, KB(4) * 511,
			      RV_LEAF_4K, RV_PERM_RW),
		    0);
	printf("  %s: a %u-page pool refuses a new table: %s\n", name,
	       pt.levels, rv_pt_strerror(-RV_PT_ERR_POOL_EMPTY));
}

/* ---- unmapping ---- */

static void unmap_gives_tables_back(const char *name)
{
	struct rv_pt pt;
	struct rv_ptc_report rep;
	uint64_t w, used, high;

	start(&pt, name, POOL_PAGES);
	w = pt.arch->window_base;
	TU_CHECK_EQ(
		rv_pt_map(&pt, w, 0x80000000, KB(8), RV_LEAF_4K, RV_PERM_RW),
		0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + MB(2), 0x80100000, KB(64), RV_LEAF_64K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + GB(2) + MB(2), 0x80200000, MB(2),
			      RV_LEAF_2M, RV_PERM_RW),
		    0);
	used = rv_pt_pages_used(&pt);
	high = pt.next;
	TU_CHECK(used > 1);
	pt.fence = count_fence;
	fences = 0;
	rv_pt_unmap(&pt, w + GB(2) + MB(2), MB(2), RV_LEAF_2M);
	rv_pt_unmap(&pt, w + MB(2), KB(64), RV_LEAF_64K);
	rv_pt_unmap(&pt, w, KB(8), RV_LEAF_4K);
	TU_CHECK_EQ(fences, 3);
	TU_CHECK_EQ(fence_va, w);
	TU_CHECK_EQ(fence_len, KB(8));
	TU_CHECK_EQ(rv_pt_pages_used(&pt), 1);
	TU_CHECK_EQ(check(&pt, &rep), 0);
	TU_CHECK_EQ(rep.tables, 1);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_4K] + rep.leaves[RV_LEAF_64K] +
			    rep.leaves[RV_LEAF_2M],
		    0);
	expect_unmapped(&pt, w);
	/* Where pages were, a megapage now fits: no empty table is left,
	 * and the freed pages are used again before new ones. */
	TU_CHECK_EQ(
		rv_pt_map(&pt, w, 0x80000000, MB(2), RV_LEAF_2M, RV_PERM_RW),
		0);
	TU_CHECK_EQ(rv_pt_map(&pt, w + MB(2), 0x80100000, KB(64), RV_LEAF_64K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(pt.next, high);
	TU_CHECK_EQ(check(&pt, &rep), 0);
	TU_CHECK_EQ(rep.tables, rv_pt_pages_used(&pt));
	printf("  %s: %" PRIu64 " tables given back, reused\n", name, used - 1);
}

/* ---- the stub's direct map ---- */

static int leaf_is_identity(void *arg, const struct rv_ptc_leaf *l)
{
	(void)arg;
	TU_CHECK_EQ(l->va, l->pa);
	TU_CHECK_EQ(l->pte & (BIT_R | BIT_W | BIT_X), BIT_R | BIT_W | BIT_X);
	return 0;
}

static void direct_map(const char *name)
{
	struct rv_pt pt;
	struct rv_ptc_report rep;
	uint64_t base = 0x801ff010, len = GB(1) + MB(2) + KB(64) + KB(8);
	uint64_t used;

	start(&pt, name, POOL_PAGES);
	TU_CHECK_EQ(rv_pt_map_range(&pt, base, base, len, RV_PERM_RWX), 0);
	TU_CHECK_EQ(rv_ptc_check(&pt, pt.arch->window_base,
				 pt.arch->window_size, leaf_is_identity, NULL,
				 &rep),
		    0);
	/* 0x801ff000: a page; 0x80200000..0xc0400000: megapages (none
	 * of the 1G-aligned stretch is a whole GiB); 0xc0400000: a NAPOT
	 * run or 16 pages; 0xc0410000: two pages. */
	TU_CHECK_EQ(rep.leaves[RV_LEAF_4K], pt.svnapot ? 3 : 19);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_64K], pt.svnapot ? 1 : 0);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_2M], 513);
	TU_CHECK_EQ(rep.leaves[RV_LEAF_1G], 0);
	expect_translation(&pt, 0x801ff000, 0x801ff000, KB(4));
	expect_translation(&pt, 0xc0411fff, 0xc0411fff, KB(4));
	expect_unmapped(&pt, 0xc0412000);
	expect_unmapped(&pt, 0x801fe000);
	printf("  %s: direct map of %#" PRIx64 "+%#" PRIx64 ": 4K %" PRIu64
	       ", 64K %" PRIu64 ", 2M %" PRIu64 "\n",
	       name, base, len, rep.leaves[RV_LEAF_4K], rep.leaves[RV_LEAF_64K],
	       rep.leaves[RV_LEAF_2M]);

	/* A whole aligned GiB is one gigapage. */
	TU_CHECK_EQ(rv_pt_map_range(&pt, GB(4), GB(4), GB(1), RV_PERM_RW), 0);
	expect_translation(&pt, GB(4) + 7, GB(4) + 7, GB(1));

	/* All or nothing: the last page collides, the rest is undone. */
	used = rv_pt_pages_used(&pt);
	TU_CHECK_EQ(rv_pt_map_range(&pt, GB(8) - MB(4), GB(8) - MB(4),
				    MB(4) + KB(4), RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map_range(&pt, GB(8) - MB(8), GB(8) - MB(8),
				    MB(4) + KB(4), RV_PERM_RW),
		    -RV_PT_ERR_MAPPED);
	expect_unmapped(&pt, GB(8) - MB(8));
	rv_pt_unmap(&pt, GB(8) - MB(4), MB(4), RV_LEAF_2M);
	rv_pt_unmap(&pt, GB(8), KB(4), RV_LEAF_4K);
	TU_CHECK_EQ(rv_pt_pages_used(&pt), used);

	/* An identity map of RAM at 256 GiB: out of Sv39's reach. */
	TU_CHECK_EQ(rv_pt_map_range(&pt, GB(256), GB(256), MB(2), RV_PERM_RW),
		    pt.levels == 3 ? -RV_PT_ERR_NONCANONICAL : 0);
	TU_CHECK_EQ(rv_pt_map_range(&pt, GB(255), GB(255), MB(2), RV_PERM_RW),
		    0);
	TU_CHECK_EQ(check(&pt, NULL), 0);
}

/* ---- bugs planted in the PTEs ---- */

struct plant {
	const char *what;
	enum rv_ptc_err want;
	uint64_t va;	/* the PTE's VA, for the report */
	unsigned level; /* its level */
};

static void expect_planted(const struct rv_pt *pt, const struct plant *p)
{
	struct rv_ptc_report rep;
	int rc = check(pt, &rep);

	printf("  planted %s: checker says \"%s\" at va %#" PRIx64
	       " level %u pte %#" PRIx64 "\n",
	       p->what, rv_ptc_strerror(rc), rep.va, rep.level, rep.pte);
	TU_CHECK_EQ(rc, -(int)p->want);
	TU_CHECK_EQ(rep.err, -(int)p->want);
	TU_CHECK_EQ(rep.va, p->va);
	TU_CHECK_EQ(rep.level, p->level);
}

/* A clean table set to plant in: Sv39 or Sv48, pages at w + 4K..+64K,
 * a NAPOT run at w + 2M, megapages at w + 4M. */
static void clean_set(struct rv_pt *pt, const char *name)
{
	uint64_t w;

	start(pt, name, POOL_PAGES);
	w = pt->arch->window_base;
	TU_CHECK_EQ(rv_pt_map(pt, w + KB(4), 0x80001000, KB(60), RV_LEAF_4K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(pt, w + MB(2), 0x80100000, KB(64), RV_LEAF_64K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(rv_pt_map(pt, w + MB(4), 0x80400000, MB(4), RV_LEAF_2M,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(check(pt, NULL), 0);
	snapshot();
}

static void restore(void)
{
	memcpy(pool, pool_copy, sizeof(pool));
}

static void planted_bugs(void)
{
	struct rv_pt pt;
	uint64_t w = SV39_WINDOW, *e, pa, size;
	const unsigned L = 2; /* Sv39's 4K level */

	clean_set(&pt, "sv39");

	/* 16 NAPOT PTEs from slot 8: a run not aligned to 16 slots. */
	for (unsigned i = 0; i < 16; i++)
		*pte_of(&pt, w + KB(4) * (8 + i), L) =
			NAPOT_FIELD(0x80800000) | DATA_LEAF_BITS | BIT_N;
	expect_planted(&pt, &(struct plant){"misaligned NAPOT run (slots "
					    "8..23)",
					    RV_PTC_NAPOT_RUN, w + KB(32), L});
	restore();

	*pte_of(&pt, w + MB(2) + KB(60), L) = 0;
	expect_planted(&pt, &(struct plant){"15-entry NAPOT run",
					    RV_PTC_NAPOT_RUN, w + MB(2), L});
	restore();

	*pte_of(&pt, w + MB(2) + KB(20), L) ^= PPN_FIELD(KB(64));
	expect_planted(&pt, &(struct plant){"NAPOT run with one PTE of "
					    "another 64K",
					    RV_PTC_NAPOT_RUN, w + MB(2), L});
	restore();

	for (unsigned i = 0; i < 16; i++)
		*pte_of(&pt, w + MB(2) + KB(4) * i, L) ^= (0x8 ^ 0x4) << 10;
	expect_planted(&pt,
		       &(struct plant){"NAPOT PPN[3:0] = 0b0100",
				       RV_PTC_NAPOT_ENCODING, w + MB(2), L});
	TU_CHECK_EQ(rv_ptc_translate(&pt, w + MB(2), &pa, &size),
		    -RV_PTC_NAPOT_ENCODING);
	restore();

	*pte_of(&pt, w + MB(6), L - 1) &= ~BIT_D;
	expect_planted(&pt, &(struct plant){"megapage without D", RV_PTC_NO_D,
					    w + MB(6), L - 1});
	restore();

	*pte_of(&pt, w + KB(8), L) |= BIT_X;
	expect_planted(&pt, &(struct plant){"X on a frametable page",
					    RV_PTC_DATA_RIGHTS, w + KB(8), L});
	restore();

	*pte_of(&pt, w + MB(4), L - 1) |= BIT_N;
	expect_planted(&pt, &(struct plant){"N = 1 on a megapage",
					    RV_PTC_N_ON_SUPERPAGE, w + MB(4),
					    L - 1});
	TU_CHECK_EQ(rv_ptc_translate(&pt, w + MB(4), &pa, &size),
		    -RV_PTC_N_ON_SUPERPAGE);
	restore();

	*pte_of(&pt, w + MB(6), L - 1) += PPN_FIELD(KB(4));
	expect_planted(&pt, &(struct plant){"megapage PPN 4K off its size",
					    RV_PTC_MISALIGNED_SUPERPAGE,
					    w + MB(6), L - 1});
	TU_CHECK_EQ(rv_ptc_translate(&pt, w + MB(6), &pa, &size),
		    -RV_PTC_MISALIGNED_SUPERPAGE);
	restore();

	*pte_of(&pt, w + KB(12), L) &= ~BIT_R;
	expect_planted(&pt, &(struct plant){"W without R", RV_PTC_WRITE_NO_READ,
					    w + KB(12), L});
	restore();

	*pte_of(&pt, w + KB(16), L) &= ~BIT_A;
	expect_planted(&pt, &(struct plant){"page without A", RV_PTC_NO_A,
					    w + KB(16), L});
	restore();

	*pte_of(&pt, w + KB(20), L) |= BIT_U;
	expect_planted(&pt, &(struct plant){"U on a page", RV_PTC_USER,
					    w + KB(20), L});
	restore();

	*pte_of(&pt, w + KB(24), L) |= UINT64_C(1) << 54;
	expect_planted(&pt,
		       &(struct plant){"reserved bit 54", RV_PTC_RESERVED_BITS,
				       w + KB(24), L});
	restore();

	*pte_of(&pt, w + KB(28), L) |= UINT64_C(1) << 61;
	expect_planted(&pt, &(struct plant){"PBMT = NC", RV_PTC_RESERVED_BITS,
					    w + KB(28), L});
	restore();

	e = pte_of(&pt, w, L - 1); /* points at the table of the pages */
	*e |= BIT_N;
	expect_planted(&pt, &(struct plant){"N = 1 on a non-leaf PTE",
					    RV_PTC_N_NONLEAF, w, L - 1});
	restore();

	*e |= BIT_A;
	expect_planted(&pt, &(struct plant){"A on a non-leaf PTE",
					    RV_PTC_NONLEAF_ADU, w, L - 1});
	restore();

	*pte_of(&pt, w + KB(32), L) &= ~(BIT_R | BIT_W | BIT_A | BIT_D);
	expect_planted(&pt,
		       &(struct plant){"non-leaf PTE at the 4K level",
				       RV_PTC_TABLE_AT_LAST, w + KB(32), L});
	restore();

	*e = PPN_FIELD(0x80000000) | BIT_V;
	expect_planted(&pt, &(struct plant){"table pointer out of the pool",
					    RV_PTC_TABLE_OUTSIDE, w, L - 1});
	restore();
	TU_CHECK_EQ(check(&pt, NULL), 0);

	/* Sv48: a gigapage whose PPN is only 2M aligned. */
	clean_set(&pt, "sv48");
	w = SV48_WINDOW;
	TU_CHECK_EQ(
		rv_pt_map(&pt, w + GB(1), GB(2), GB(1), RV_LEAF_1G, RV_PERM_RW),
		0);
	*pte_of(&pt, w + GB(1), 1) += PPN_FIELD(MB(2));
	expect_planted(&pt, &(struct plant){"Sv48 gigapage PPN 2M off its "
					    "size",
					    RV_PTC_MISALIGNED_SUPERPAGE,
					    w + GB(1), 1});

	/* A NAPOT run in a table set without Svnapot: 16 pages the mapper
	 * wrote, turned into one run. */
	start(&pt, "sv39-nonapot", POOL_PAGES);
	w = SV39_WINDOW;
	TU_CHECK_EQ(rv_pt_map(&pt, w + KB(64), 0x80100000, KB(64), RV_LEAF_4K,
			      RV_PERM_RW),
		    0);
	TU_CHECK_EQ(check(&pt, NULL), 0);
	for (unsigned i = 0; i < 16; i++)
		*pte_of(&pt, w + KB(64) + KB(4) * i, L) =
			NAPOT_FIELD(0x80100000) | DATA_LEAF_BITS | BIT_N;
	expect_planted(&pt, &(struct plant){"NAPOT run without Svnapot",
					    RV_PTC_N_WITHOUT_SVNAPOT,
					    w + KB(64), L});
	TU_CHECK_EQ(rv_ptc_translate(&pt, w + KB(64), &pa, &size),
		    -RV_PTC_N_WITHOUT_SVNAPOT);
}

static void canonical_lookups(void)
{
	struct rv_pt pt;
	uint64_t pa, size;

	start(&pt, "sv39", POOL_PAGES);
	TU_CHECK_EQ(rv_ptc_translate(&pt, UINT64_C(1) << 38, &pa, &size),
		    -RV_PTC_NONCANONICAL);
	TU_CHECK_EQ(rv_ptc_translate(&pt, SV39_WINDOW & ~(UINT64_C(1) << 63),
				     &pa, &size),
		    -RV_PTC_NONCANONICAL);
	expect_unmapped(&pt, SV39_WINDOW);
	expect_unmapped(&pt, (UINT64_C(1) << 38) - 1);
	start(&pt, "sv48", POOL_PAGES);
	TU_CHECK_EQ(rv_ptc_translate(&pt, UINT64_C(1) << 47, &pa, &size),
		    -RV_PTC_NONCANONICAL);
	expect_unmapped(&pt, SV39_WINDOW);
}

/* ---- real boards, through the library ---- */

FT_STORAGE_DEFINE(rv, 64, 64, 1024, 1 << 14, 0);
static struct ft_bank ba_storage[256];

struct entry {
	uint64_t va, pa, size;
};

struct board_run {
	struct rv_pt *pt;
	struct entry *e;
	size_t nr, cap, next;
	unsigned unmapped_fills, bad;
};

static int collect(void *arg, const struct ft_mapping *m)
{
	struct board_run *r = arg;

	for (uint64_t k = 0; k < m->count; k++) {
		if (r->nr == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 256;
			r->e = realloc(r->e, r->cap * sizeof(*r->e));
			if (!r->e)
				exit(99);
		}
		r->e[r->nr++] = (struct entry){m->va + k * m->size,
					       m->pa + k * m->size, m->size};
	}
	return 0;
}

/* Each leaf of the tables is the plan's next TLB entry: same VA, PA and
 * size, in the same order; nothing else is mapped. */
static int leaf_is_next_entry(void *arg, const struct rv_ptc_leaf *l)
{
	struct board_run *r = arg;
	const struct entry *e = r->next < r->nr ? &r->e[r->next] : NULL;

	if (!e || l->va != e->va || l->pa != e->pa || l->size != e->size) {
		printf("  leaf va %#" PRIx64 " pa %#" PRIx64 " size %#" PRIx64
		       " is not the plan's entry %zu\n",
		       l->va, l->pa, l->size, r->next);
		r->bad++;
		return 1;
	}
	r->next++;
	return 0;
}

static void fill_mapped(void *arg, uint64_t va, int byte, uint64_t len)
{
	struct board_run *r = arg;
	uint64_t pa, size;

	(void)byte;
	if (rv_ptc_translate(r->pt, va, &pa, &size) ||
	    rv_ptc_translate(r->pt, va + len - 1, &pa, &size))
		r->unmapped_fills++;
}

static char *load_board(const char *file)
{
	const char *dir = getenv("FT_BOARDS_DIR");
	char path[512];
	char *text;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "boards", file);
	text = banksfile_slurp(path, NULL);
	if (!text) {
		printf("ERROR: cannot read %s (set FT_BOARDS_DIR)\n", path);
		exit(99);
	}
	return text;
}

static int plan(struct ft_ctx *ctx, const struct ft_arch *arch,
		const char *text, enum ft_policy policy)
{
	struct ft_params p;
	unsigned line;

	ft_params_default(&p);
	p.policy = policy;
	if (ft_init(ctx, arch, &p, &rv_storage) ||
	    banksfile_load(ctx, text, &line) || ft_plan(ctx))
		return -1;
	return 0;
}

/* The library's boot allocator over ctx's banks, the fill check, and
 * r->pt's map hooks. */
static void board_ops(struct ft_ops *ops, struct ft_bootalloc *ba,
		      const struct ft_ctx *ctx, struct board_run *r)
{
	ft_bootalloc_init(ba, ba_storage, 256);
	TU_CHECK_EQ(ft_bootalloc_from_ctx(ba, ctx), 0);
	*ops = (struct ft_ops){
		.alloc = ft_bootalloc_hook_alloc,
		.free = ft_bootalloc_hook_free,
		.alloc_arg = ba,
		.fill = fill_mapped,
		.fill_arg = r,
	};
	rv_pt_ops(r->pt, ops);
}

static void board(const char *file, const struct ft_arch *arch,
		  enum ft_policy policy)
{
	static struct rv_pt pt;
	struct board_run r = {.pt = &pt};
	struct ft_ctx ctx;
	struct ft_bootalloc ba;
	struct ft_ops ops;
	struct rv_ptc_report rep;
	struct ft_stats st;
	char *text = load_board(file);
	uint64_t pa, size;

	TU_CHECK_EQ(plan(&ctx, arch, text, policy), 0);
	start(&pt, arch->variant, POOL_PAGES);
	board_ops(&ops, &ba, &ctx, &r);
	TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
	TU_CHECK_EQ(ft_apply(&ctx, &ops), 0);
	TU_CHECK_EQ(pt.last_err, 0);
	TU_CHECK_EQ(r.unmapped_fills, 0);

	ft_for_each_mapping(&ctx, collect, &r);
	for (size_t i = 0; i < r.nr; i++) {
		const struct entry *e = &r.e[i];
		/* The first and the last byte of every planned entry. */
		expect_translation(&pt, e->va, e->pa, e->size);
		expect_translation(&pt, e->va + e->size - 1,
				   e->pa + e->size - 1, e->size);
		if (!pt.svnapot)
			TU_CHECK(e->size != KB(64));
	}
	TU_CHECK_EQ(rv_ptc_check(&pt, arch->window_base, arch->window_size,
				 leaf_is_next_entry, &r, &rep),
		    0);
	TU_CHECK_EQ(r.next, r.nr);
	TU_CHECK_EQ(r.bad, 0);
	TU_CHECK_EQ(rep.tables, rv_pt_pages_used(&pt));
	/* The planner's page-table count is what the tables hold. */
	ft_get_stats(&ctx, &st);
	TU_CHECK_EQ(rep.tables - 1, st.pt_pages);
	TU_CHECK_EQ(rv_ptc_translate(&pt, ctx.st.chunks[0].va_start - 1, &pa,
				     &size),
		    -RV_PTC_UNMAPPED);
	printf("  %s %s %s: %zu entries (4K %" PRIu64 ", 64K %" PRIu64
	       ", 2M %" PRIu64 "), %" PRIu64 " tables\n",
	       file, arch->variant, ft_policy_name(policy), r.nr,
	       rep.leaves[RV_LEAF_4K], rep.leaves[RV_LEAF_64K],
	       rep.leaves[RV_LEAF_2M], rep.tables);
	free(r.e);
	free(text);
}

/* ft_apply with a pool one page short: the pool runs dry mid-plan, and
 * the library's unwinding through rv_pt_hook_unmap leaves no leaf and no
 * table behind. */
static void board_pool_runs_dry(const char *file, const struct ft_arch *arch)
{
	static struct rv_pt pt;
	struct board_run r = {.pt = &pt};
	struct ft_ctx ctx;
	struct ft_bootalloc ba;
	struct ft_ops ops;
	struct ft_stats st;
	struct rv_ptc_report rep;
	char *text = load_board(file);

	TU_CHECK_EQ(plan(&ctx, arch, text, FT_POLICY_MIN_MEMORY), 0);
	ft_get_stats(&ctx, &st);
	start(&pt, arch->variant, st.pt_pages); /* root + all but one */
	board_ops(&ops, &ba, &ctx, &r);
	TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
	TU_CHECK_EQ(ft_apply(&ctx, &ops), -FT_ERR_MAP);
	TU_CHECK_EQ(pt.last_err, -RV_PT_ERR_POOL_EMPTY);
	TU_CHECK_EQ(check(&pt, &rep), 0);
	TU_CHECK_EQ(rep.tables, 1);
	TU_CHECK_EQ(rv_pt_pages_used(&pt), 1);
	for (unsigned k = 0; k < RV_LEAF_KINDS; k++)
		TU_CHECK_EQ(rep.leaves[k], 0);
	printf("  %s %s: pool of %" PRIu64 " pages for %" PRIu64
	       " tables: %s, all unwound\n",
	       file, arch->variant, st.pt_pages, st.pt_pages + 1,
	       rv_pt_strerror(pt.last_err));
	free(text);
}

/* Every board, every policy: a nonapot variant's plan has no NAPOT entry
 * (and the Svnapot variant of the same mode has some, somewhere). */
struct napot_count {
	const struct ft_arch *arch;
	uint64_t entries;
};

static int count_napot(void *arg, const struct ft_mapping *m)
{
	struct napot_count *c = arg;

	if (c->arch->sizes[m->size_class].contig || m->size == KB(64))
		c->entries += m->count;
	return 0;
}

static void napot_only_with_svnapot(void)
{
	static const char *const modes[][2] = {{"sv39", "sv39-nonapot"},
					       {"sv48", "sv48-nonapot"}};
	static const enum ft_policy policies[] = {
		FT_POLICY_DEFAULT, FT_POLICY_MIN_MEMORY, FT_POLICY_MIN_TLB};
	const char *dir = getenv("FT_BOARDS_DIR");
	char **names, path[512];
	size_t nr, plans = 0;

	if (banksfile_list(dir ? dir : "boards", &names, &nr) || !nr) {
		printf("ERROR: no boards (set FT_BOARDS_DIR)\n");
		exit(99);
	}
	for (unsigned m = 0; m < 2; m++) {
		struct napot_count with = {variant(modes[m][0]), 0};
		struct napot_count without = {variant(modes[m][1]), 0};
		for (size_t b = 0; b < nr; b++) {
			char *text;
			snprintf(path, sizeof(path), "%s/%s",
				 dir ? dir : "boards", names[b]);
			text = banksfile_slurp(path, NULL);
			for (unsigned p = 0; text && p < 3; p++) {
				struct ft_ctx ctx;
				if (plan(&ctx, with.arch, text, policies[p]) ||
				    ft_for_each_mapping(&ctx, count_napot,
							&with) ||
				    plan(&ctx, without.arch, text,
					 policies[p]) ||
				    ft_for_each_mapping(&ctx, count_napot,
							&without))
					continue;
				plans += 2;
			}
			TU_CHECK(text != NULL);
			free(text);
		}
		printf("  %s: %" PRIu64 " NAPOT entries; %s: %" PRIu64 "\n",
		       modes[m][0], with.entries, modes[m][1], without.entries);
		TU_CHECK(with.entries > 0);
		TU_CHECK_EQ(without.entries, 0);
	}
	TU_CHECK_EQ(plans, 2 * 2 * 3 * nr);
	for (size_t b = 0; b < nr; b++)
		free(names[b]);
	free(names);
}

int main(void)
{
	static const char *const variants[] = {"sv39", "sv48", "sv39-nonapot",
					       "sv48-nonapot"};
	static const char *const boards[] = {
		"sifive-hifive-unmatched.banks", "starfive-visionfive2.banks",
		"sophgo-milkv-duo.banks", "thead-lichee-module-4a.banks",
		/* not a RISC-V board: its odd banks give 4K, 64K and 2M
		 * entries in one plan */
		"rockchip-rk3588-evb7.banks"};

	TU_CASE("init_refuses_what_is_not_an_sv39_or_sv48_walk");
	init_refusals();

	TU_CASE("every_leaf_kind_maps_with_the_spec_encoding");
	for (unsigned v = 0; v < 4; v++)
		every_leaf_kind(variants[v]);

	TU_CASE("refused_maps_change_no_table_and_fence_nothing");
	refusals("sv39");
	refusals("sv48");

	TU_CASE("unmap_gives_empty_tables_back_to_the_pool");
	unmap_gives_tables_back("sv39");
	unmap_gives_tables_back("sv48");

	TU_CASE("direct_map_takes_the_largest_aligned_leaves");
	for (unsigned v = 0; v < 4; v++)
		direct_map(variants[v]);

	TU_CASE("lookup_refuses_noncanonical_vas");
	canonical_lookups();

	TU_CASE("checker_names_every_planted_bug");
	planted_bugs();

	TU_CASE("board_plans_translate_through_the_tables_and_nothing_else");
	for (unsigned b = 0; b < sizeof(boards) / sizeof(boards[0]); b++)
		for (unsigned v = 0; v < 4; v++) {
			board(boards[b], variant(variants[v]),
			      FT_POLICY_DEFAULT);
			board(boards[b], variant(variants[v]),
			      FT_POLICY_MIN_MEMORY);
		}

	TU_CASE("pool_running_dry_in_ft_apply_unwinds_every_table");
	board_pool_runs_dry("rockchip-rk3588-evb7.banks", variant("sv39"));
	board_pool_runs_dry("rockchip-rk3588-evb7.banks",
			    variant("sv48-nonapot"));

	TU_CASE("nonapot_plans_never_hold_a_napot_entry");
	napot_only_with_svnapot();
	return tu_finish();
}
