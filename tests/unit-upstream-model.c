/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hand-computed cases for tests/upstream-model.c: the model is the yardstick
 * of boards-vs-upstream, so a mistake in it would move the goalposts.
 *
 * The arch tables are written out here rather than taken from the library,
 * so that the expected figures below depend on nothing but this file (the
 * last check only compares the library's tables with them).
 *
 * Shorthand in the comments: 4K pages, D = 56 bytes per descriptor, so a
 * PDX group is G = 2 MiB / (56 & -56) = 2 MiB / 8 = 2^18 frames (1 GiB of
 * RAM) and its descriptors take G * 56 = 14 MiB. WB is the window base.
 */
#include "upstream-model.h"

#include <inttypes.h>
#include <stdio.h>

#define KIB ((uint64_t)1 << 10)
#define MIB ((uint64_t)1 << 20)
#define GIB ((uint64_t)1 << 30)
#define D   56u
#define WB  UINT64_C(0x20000000000) /* 2 TiB: 1 GiB aligned */

/* Tables in the layout of arch/arm64/arm64-desc.c, one size a line. */
/* clang-format off */
static const struct ft_arch arm64_4k = {
	.name = "arm64",
	.variant = "4k",
	.page_shift = 12,
	.window_base = WB,
	.window_size = 128 * GIB,
	.nr_levels = 4,
	.level_shift = {39, 30, 21, 12},
	.nr_sizes = 5,
	.sizes = {
		{4 * KIB, 3, 0, "4K"},
		{64 * KIB, 3, 16, "64K-contig"},
		{2 * MIB, 2, 0, "2M"},
		{32 * MIB, 2, 16, "32M-contig"},
		{GIB, 1, 0, "1G"},
	},
};

/* With a level-0 block the library leaves out (52-bit only), to check that
 * sizes larger than any chunk change nothing. */
static const struct ft_arch arm64_64k = {
	.name = "arm64",
	.variant = "64k",
	.page_shift = 16,
	.window_base = WB,
	.window_size = 128 * GIB,
	.nr_levels = 3,
	.level_shift = {42, 29, 16},
	.nr_sizes = 5,
	.sizes = {
		{64 * KIB, 2, 0, "64K"},
		{2 * MIB, 2, 32, "2M-contig"},
		{512 * MIB, 1, 0, "512M"},
		{16 * GIB, 1, 32, "16G-contig"},
		{4096 * GIB, 0, 0, "4T"},
	},
};
/* clang-format on */

static const struct ft_pdx pdx_none = {.mode = FT_PDX_NONE};

static int failures;

static void expect(const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		return;
	printf("FAIL %s: got %" PRIu64 " (0x%" PRIx64 "), want %" PRIu64
	       " (0x%" PRIx64 ")\n",
	       what, got, got, want, want);
	failures++;
}

static void expect_model(const char *what, const struct ft_arch *arch,
			 const struct ft_bank *banks, unsigned nr,
			 const struct ft_pdx *pdx, uint64_t bytes, uint64_t tlb,
			 uint64_t nr_chunks, struct upstream_chunk *chunks,
			 unsigned max_chunks, struct upstream_figures *out)
{
	int rc = upstream_model_chunks(banks, nr, pdx, arch, D, WB, chunks,
				       max_chunks, out);
	char label[96];

	if (rc) {
		printf("FAIL %s: upstream_model returned %d\n", what, rc);
		failures++;
		return;
	}
	snprintf(label, sizeof(label), "%s bytes", what);
	expect(label, out->bytes, bytes);
	snprintf(label, sizeof(label), "%s tlb", what);
	expect(label, out->tlb_entries, tlb);
	snprintf(label, sizeof(label), "%s chunks", what);
	expect(label, out->nr_chunks, nr_chunks);
	printf("%-34s %12" PRIu64 " B %4" PRIu64 " TLB %2" PRIu64 " chunks\n",
	       what, out->bytes, out->tlb_entries, out->nr_chunks);
}

static void test_greedy(void)
{
	/* VA 0, PA 4K: never both 64K aligned, 1 MiB of 4K pages: 256. */
	expect("greedy misaligned 1M",
	       upstream_map_tlb(&arm64_4k, 0, 4 * KIB, MIB), 256);
	/*
	 * VA = PA = 4K, 2 MiB: 15 pages up to 64K, then 64K-contig runs up
	 * to 2M: (2M - 64K) / 64K = 31, then the last 4K page (2M is now
	 * aligned but only 4K is left): 15 + 31 + 1 = 47.
	 */
	expect("greedy 4K..2M+4K",
	       upstream_map_tlb(&arm64_4k, 4 * KIB, 4 * KIB, 2 * MIB), 47);
	/* Xen's "2MB + 4k": one block and one page. */
	expect("greedy 2M+4K",
	       upstream_map_tlb(&arm64_4k, 0, 0, 2 * MIB + 4 * KIB), 2);
	/* VA 1G aligned, PA 512M: they agree modulo 32M but not 1G, so
	 * 1792M is all 32M-contig runs: 56. */
	expect("greedy 1792M PA 512M",
	       upstream_map_tlb(&arm64_4k, 0, 512 * MIB, 1792 * MIB), 56);
	/* Same with PA 1G aligned: one 1G block + 768M / 32M = 24 runs. */
	expect("greedy 1792M PA 1G",
	       upstream_map_tlb(&arm64_4k, 0, GIB, 1792 * MIB), 25);
	expect("greedy unaligned len", upstream_map_tlb(&arm64_4k, 0, 0, 100),
	       UINT64_MAX);
}

/* Xen's loop one step at a time, as pt.c reads: the batched walk in the
 * model must agree with it. */
static uint64_t naive_map_tlb(const struct ft_arch *arch, uint64_t va,
			      uint64_t pa, uint64_t len)
{
	uint64_t tlb = 0;

	while (len) {
		uint64_t base = 0, step;
		unsigned i;

		for (i = 0; i < arch->nr_sizes; i++)
			if (!arch->sizes[i].contig &&
			    arch->sizes[i].size <= len &&
			    !((va | pa) & (arch->sizes[i].size - 1)))
				base = arch->sizes[i].size;
		step = base;
		for (i = 0; i < arch->nr_sizes; i++) {
			const struct ft_map_size *c = &arch->sizes[i];

			if (c->contig && c->size / c->contig == base &&
			    c->size <= len && !((va | pa) & (c->size - 1)))
				step = c->size;
		}
		tlb++;
		va += step;
		pa += step;
		len -= step;
	}
	return tlb;
}

static void test_greedy_vs_naive(void)
{
	static const struct ft_arch *const arches[] = {&arm64_4k, &arm64_64k};
	uint64_t seed = 0x9e3779b97f4a7c15u;
	unsigned i, bad = 0;

	/* Addresses near large boundaries, so that every size gets used. */
	for (i = 0; i < 20000 && bad < 5; i++) {
		const struct ft_arch *a = arches[i & 1];
		uint64_t page = (uint64_t)1 << a->page_shift;
		uint64_t va, pa, len, want, got;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		va = (GIB * ((seed >> 60) & 3)) +
		     (((seed >> 20) & 0xffff) % 8 ? 0 : 1) * 32 * MIB +
		     ((seed >> 36) & 0xff) * page * ((seed >> 44) & 1);
		pa = (seed >> 8) & 1 ? va + GIB * 5
				     : ((seed >> 1) & 0x3f) * 2 * MIB;
		len = (((seed >> 12) & 0x3fff) + 1) * page *
		      ((seed >> 56) & 1 ? 1 : 97);
		want = naive_map_tlb(a, va, pa, len);
		got = upstream_map_tlb(a, va, pa, len);
		if (got != want) {
			printf("FAIL greedy %s va 0x%" PRIx64 " pa 0x%" PRIx64
			       " len 0x%" PRIx64 ": %" PRIu64
			       ", step by step %" PRIu64 "\n",
			       a->variant, va, pa, len, got, want);
			failures++;
			bad++;
		}
	}
}

static void test_models(void)
{
	struct upstream_chunk ch[4];
	struct upstream_figures f;

	expect("group frames 4K", upstream_group_frames(&arm64_4k, D),
	       (uint64_t)1 << 18);
	/* 64K granule: level-2 block (index nr_levels - 2 = 1) is 512M;
	 * 512M / 8 = 2^26 frames (4 TiB of RAM). */
	expect("group frames 64K", upstream_group_frames(&arm64_64k, D),
	       (uint64_t)1 << 26);

	/*
	 * One 2 GiB bank at 0x80000000, no PDX: pfns 0x80000..0xfffff,
	 * groups 2..3, base_pdx 0x80000, max_pdx 0x100000. One (last) chunk
	 * of 2^19 frames * 56 = 28 MiB at WB. Under 32 MiB so PA is 2M
	 * aligned and 32M-contig cannot fit: 14 blocks of 2M.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 2 * GIB}};

		expect_model("2G@2G", &arm64_4k, b, 1, &pdx_none, 28 * MIB, 14,
			     1, ch, 4, &f);
		expect("2G@2G base_pdx", f.base_pdx, 0x80000);
		expect("2G@2G max_pdx", f.max_pdx, 0x100000);
		expect("2G@2G va", ch[0].va, WB);
		expect("2G@2G align", ch[0].pa_align, 2 * MIB);
	}

	/*
	 * 2 GiB at 0x80000000 and 2 GiB at 0x8_0000_0000, no PDX: groups 2..3
	 * and 32..33 (pfn 0x800000 / 2^18 = 32). Chunk 1 = [0x80000,
	 * 0x100000), 28 MiB, 14 TLB. Chunk 2 (last) = [0x800000, 0x880000),
	 * 28 MiB at WB + (0x800000 - 0x80000) * 56 = WB + 420 MiB: 2M but
	 * not 32M aligned, still 14 blocks. Total 56 MiB, 28 TLB, 2 chunks.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 2 * GIB},
					    {UINT64_C(0x800000000), 2 * GIB}};

		expect_model("2G@2G+2G@32G none", &arm64_4k, b, 2, &pdx_none,
			     56 * MIB, 28, 2, ch, 4, &f);
		expect("none chunk2 pdx", ch[1].pdx_start, 0x800000);
		expect("none chunk2 end", ch[1].pdx_end, 0x880000);
		expect("none chunk2 va", ch[1].va, WB + 420 * MIB);
	}

	/*
	 * The same banks moved to 0x8_8000_0000 with mask compression written
	 * out by hand: RAM pfns 0x80000..0xfffff and 0x880000..0x8fffff are
	 * all zero in bits 20..22, so hole_shift 20, hole_bits 3, low_mask
	 * 0xfffff; the second bank's pdx is 0x180000..0x1fffff (bit 23 lands
	 * on bit 20). Groups 2..3 and 6..7. Chunk 2 at WB + (0x180000 -
	 * 0x80000) * 56 = WB + 56 MiB. Same bytes and TLB as without
	 * compression: upstream only saves VA here.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 2 * GIB},
					    {UINT64_C(0x880000000), 2 * GIB}};
		const struct ft_pdx mask = {.mode = FT_PDX_MASK,
					    .hole_shift = 20,
					    .hole_bits = 3,
					    .low_mask = 0xfffff};

		expect_model("2G@2G+2G@34G mask", &arm64_4k, b, 2, &mask,
			     56 * MIB, 28, 2, ch, 4, &f);
		expect("mask chunk2 pdx", ch[1].pdx_start, 0x180000);
		expect("mask chunk2 va", ch[1].va, WB + 56 * MIB);
		expect("mask max_pdx", f.max_pdx, 0x200000);
	}

	/*
	 * A bank smaller than a group, starting mid-group: 0x80100000 + 3 MiB
	 * + 4K = pfns 0x80100..0x80400. base_pdx rounds down to 0x80000,
	 * max_pdx 0x80401: 1025 descriptors * 56 = 57400 bytes, rounded to
	 * 15 pages = 61440. Under 64K, so 15 pages of 4K.
	 */
	{
		const struct ft_bank b[] = {{0x80100000, 3 * MIB + 4 * KIB}};

		expect_model("3M+4K@2G+1M", &arm64_4k, b, 1, &pdx_none, 61440,
			     15, 1, ch, 4, &f);
		expect("small base_pdx", f.base_pdx, 0x80000);
	}

	/*
	 * Two 4 MiB banks with a 4 MiB hole, both in group 2: one chunk
	 * [0x80000, 0x80c00) that maps the hole's descriptors too: 3072 * 56
	 * = 172032 = 42 pages. Two 64K-contig runs (128K) + 10 pages = 12.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 4 * MIB},
					    {0x80800000, 4 * MIB}};

		expect_model("4M+hole+4M same group", &arm64_4k, b, 2,
			     &pdx_none, 172032, 12, 1, ch, 4, &f);
	}

	/*
	 * Two 16 MiB banks at 2 GiB and 4 GiB: groups 2 and 4. Chunk 1 is
	 * not the last so it covers its whole group: 14 MiB, 7 blocks of 2M.
	 * Chunk 2 (last) = [0x100000, 0x101000): 4096 * 56 = 229376 = 224K
	 * at WB + (0x100000 - 0x80000) * 56 = WB + 28 MiB: 3 64K-contig runs
	 * + 8 pages = 11. Total 14 MiB + 224K = 14909440 B, 18 TLB.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 16 * MIB},
					    {0x100000000, 16 * MIB}};

		expect_model("16M@2G+16M@4G", &arm64_4k, b, 2, &pdx_none,
			     14909440, 18, 2, ch, 4, &f);
		expect("16M chunk1 bytes", ch[0].bytes, 14 * MIB);
		expect("16M chunk1 tlb", ch[0].tlb_entries, 7);
		expect("16M chunk2 bytes", ch[1].bytes, 229376);
		expect("16M chunk2 va", ch[1].va, WB + 28 * MIB);
		expect("16M chunk2 tlb", ch[1].tlb_entries, 11);
	}

	/*
	 * A chunk of 32 MiB or more: 4 GiB at 2 GiB = groups 2..5 = 56 MiB,
	 * PA 32M aligned: one 32M-contig run + 12 blocks of 2M = 13.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 4 * GIB}};

		expect_model("4G@2G", &arm64_4k, b, 1, &pdx_none, 56 * MIB, 13,
			     1, ch, 4, &f);
		expect("4G align", ch[0].pa_align, 32 * MIB);
	}

	/*
	 * A chunk over 1 GiB, where the PA's luck matters: 128 GiB at 2 GiB
	 * = 2^25 frames * 56 = 1792 MiB at WB (1G aligned). PA is a multiple
	 * of 32M; the best residue modulo 1G is 0: one 1G block + 24 runs of
	 * 32M = 25 (any other residue gives 56).
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 128 * GIB}};

		expect_model("128G@2G", &arm64_4k, b, 1, &pdx_none, 1792 * MIB,
			     25, 1, ch, 4, &f);
		expect("128G phase", ch[0].pa_phase, 0);
		expect("128G chunk tlb va+32M",
		       upstream_chunk_tlb(&arm64_4k, WB + 32 * MIB, 1792 * MIB,
					  32 * MIB, NULL),
		       56);
	}

	/*
	 * 64K granule, 2 GiB at 2 GiB: pfns 0x8000..0xffff, all in group 0
	 * (G = 2^26), so base_pdx = 0 and the table starts at pfn 0: 0x10000
	 * descriptors * 56 = 3.5 MiB = 56 pages of 64K. PA 2M aligned: one
	 * 2M-contig run + 1.5M / 64K = 24 pages = 25.
	 */
	{
		const struct ft_bank b[] = {{0x80000000, 2 * GIB}};

		expect_model("64K: 2G@2G", &arm64_64k, b, 1, &pdx_none,
			     3584 * KIB, 25, 1, ch, 4, &f);
		expect("64K base_pdx", f.base_pdx, 0);
	}
}

static void test_errors(void)
{
	const struct ft_bank unsorted[] = {{0x100000000, GIB},
					   {0x80000000, GIB}};
	const struct ft_bank one[] = {{0x80000000, GIB}};
	struct upstream_figures f;

	expect("no banks",
	       (uint64_t)(int64_t)upstream_model(one, 0, &pdx_none, &arm64_4k,
						 D, WB, &f),
	       (uint64_t)(int64_t)-FT_ERR_NOBANKS);
	expect("unsorted",
	       (uint64_t)(int64_t)upstream_model(unsorted, 2, &pdx_none,
						 &arm64_4k, D, WB, &f),
	       (uint64_t)(int64_t)-FT_ERR_BANK_OVERLAP);
	expect("desc 0",
	       (uint64_t)(int64_t)upstream_model(one, 1, &pdx_none, &arm64_4k,
						 0, WB, &f),
	       (uint64_t)(int64_t)-FT_ERR_BADPARAM);
}

/* The library's arm64 tables must have the level-2 blocks assumed above
 * (2M, 32M, 512M), else boards-vs-upstream compares against another Xen. */
static void test_library_tables(void)
{
	static const struct {
		const char *variant;
		uint64_t group;
	} want[] = {{"4k", (uint64_t)1 << 18},
		    {"16k", (uint64_t)1 << 22},
		    {"64k", (uint64_t)1 << 26}};
	unsigned i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct ft_arch *a =
			ft_arch_find("arm64", want[i].variant);
		char label[48];

		snprintf(label, sizeof(label), "library arm64 %s group",
			 want[i].variant);
		if (!a) {
			printf("FAIL %s: no such arch\n", label);
			failures++;
			continue;
		}
		expect(label, upstream_group_frames(a, D), want[i].group);
	}
	/* The 2 GiB case again with the library's own 4K table. */
	{
		const struct ft_arch *a = ft_arch_find("arm64", "4k");
		const struct ft_bank b[] = {{0x80000000, 2 * GIB}};
		struct upstream_figures f;

		if (a && !upstream_model(b, 1, &pdx_none, a, D, WB, &f)) {
			expect("library 4k 2G bytes", f.bytes, 28 * MIB);
			expect("library 4k 2G tlb", f.tlb_entries, 14);
		}
	}
}

int main(void)
{
	test_greedy();
	test_greedy_vs_naive();
	test_models();
	test_errors();
	test_library_tables();
	if (failures) {
		printf("%d failures\n", failures);
		return 1;
	}
	printf("upstream model: all cases pass\n");
	return 0;
}
