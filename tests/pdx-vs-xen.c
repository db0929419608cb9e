/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The library's PDX schemes against Xen's (tests/pdx-parity.h) on:
 *   - every memory map of Xen's own unit test, tools/tests/pdx/test-pdx.c
 *     (xen.git, 2026), each with the verdict Xen's test expects of it, which
 *     also checks that the model of Xen (tests/xen-pdx-model.c) is right;
 *   - every board of boards/ ($FT_BOARDS_DIR or the first argument).
 * Exit 0 when all pass; 1 otherwise, or when no board was found.
 */
#define _POSIX_C_SOURCE 200809L

#include "banksfile.h"
#include "pdx-parity.h"
#include "testutil.h"
#include "xen-pdx-model.h"

#include <string.h>

#define MO  XEN_PDX_MAX_ORDER
#define OMO (UINT64_C(1) << MO)

struct xen_test_map {
	const char *name;
	struct xen_range r[12];
	/* Xen's expected verdicts, in its mask and its offset build. */
	bool mask_compresses, offset_compresses;
};

/* tools/tests/pdx/test-pdx.c, in its order; frames, [start, end). */
static const struct xen_test_map xen_maps[] = {
	{"4s Intel GNR",
	 {{0, 0x80000},
	  {0x100000, 0x8080000},
	  {0x63e80000, 0x6be80000},
	  {0xc7e80000, 0xcfe80000},
	  {0x12be80000, 0x133e80000}},
	 false,
	 true},
	{"simple hole", {{0, OMO}, {OMO << MO, (OMO << MO) | OMO}}, true, true},
	{"simple hole, unsorted",
	 {{OMO << MO, (OMO << MO) | OMO}, {0, OMO}},
	 true,
	 true},
	{"two ranges with the same high bit set",
	 {{(UINT64_C(1) << 39), (UINT64_C(1) << 39) + OMO},
	  {(UINT64_C(1) << 39) + 3 * OMO, (UINT64_C(1) << 39) + 4 * OMO}},
	 true,
	 true},
	{"2 ranges covered by the lower mask",
	 {{0, OMO}, {2 * OMO, 3 * OMO}, {20 * OMO, 22 * OMO}},
	 true,
	 true},
	{"single range not starting at 0", {{10 * OMO, 11 * OMO}}, true, true},
	{"region size leads to no compression",
	 {{0, OMO},
	  {2 * OMO, 3 * OMO},
	  {4 * OMO, 7 * OMO},
	  {8 * OMO, 12 * OMO}},
	 false,
	 false},
	{"AMD Versal Gen 2",
	 {{0, 0x80000},
	  {0x800000, 0x880000},
	  {0x50000000, 0x50080000},
	  {0x60000000, 0x60080000},
	  {0x70000000, 0x70080000}},
	 true,
	 true},
	{"unsorted, lower one not at 0",
	 {{(UINT64_C(1) << 23) + 2 * OMO, (UINT64_C(1) << 23) + 3 * OMO},
	  {2 * OMO, 3 * OMO}},
	 true,
	 true},
	{"AMD Naples Epyc 7281, 2 sockets, 8 NUMA nodes",
	 {{0, 0xa0},
	  {0x100, 0xb0000},
	  {0x100000, 0x430000},
	  {0x430000, 0x830000},
	  {0x830000, 0xc30000},
	  {0xc30000, 0x1030000},
	  {0x1030000, 0x1430000},
	  {0x1430000, 0x1830000},
	  {0x1830000, 0x1c30000},
	  {0x1c30000, 0x2030000}},
	 false,
	 false},
	{"2-node 2GB per node QEMU",
	 {{0, 0x80000}, {0x100000, 0x180000}},
	 true,
	 true},
	{"not compressible, smaller than MAX_ORDER",
	 {{0, 1}, {0x100, 0x101}},
	 false,
	 false},
	{"compressible, needs size adjusted to 1 << MAX_ORDER",
	 {{0, 1}, {0x100000, 0x100001}},
	 true,
	 true},
	{"2s Intel CLX, contiguous ranges",
	 {{0, 0x180000}, {0x180000, 0x3040000}},
	 false,
	 false},
	{"Dell R740, dual socket",
	 {{0, 0x80000},
	  {0x100000, 0x3070000},
	  {0x3070000, 0x3870000},
	  {0x3870000, 0x6870000},
	  {0x6870000, 0x7070000}},
	 false,
	 false},
};

FT_STORAGE_DEFINE(px, 4096, 4096, 16, 16, 0);
static struct ft_ctx ctx;
static struct ft_bank raw[4096];

/* Xen's maps reach past 2^48 bytes. */
static int init_ctx(void)
{
	struct ft_params p;

	ft_params_default(&p);
	p.pa_bits = 64;
	return ft_init(&ctx, ft_arch_find("arm64", "4k"), &p, &px_storage);
}

/* Validate the ctx's banks, keeping a copy of them as declared. */
static int validate_keeping_raw(unsigned *nraw)
{
	*nraw = ctx.nr_banks;
	memcpy(raw, ctx.st.banks, ctx.nr_banks * sizeof(raw[0]));
	return ft_banks_validate(&ctx);
}

static void check_xen_map(const struct xen_test_map *m)
{
	struct pdx_parity_figures f;
	struct xen_pdx x;
	unsigned n = 0, nraw;

	TU_CASE(m->name);
	while (n < 12 && m->r[n].end)
		n++;
	TU_CHECK_EQ(xen_pdx_mask_setup(&x, m->r, n), m->mask_compresses);
	TU_CHECK_EQ(xen_pdx_offset_setup(&x, m->r, n), m->offset_compresses);
	/* The model round-trips its own edges where it compresses. */
	for (unsigned i = 0; i < n && x.compressed; i++) {
		TU_CHECK_EQ(
			xen_pdx_to_pfn(&x, xen_pfn_to_pdx(&x, m->r[i].start)),
			m->r[i].start);
		TU_CHECK_EQ(
			xen_pdx_to_pfn(&x, xen_pfn_to_pdx(&x, m->r[i].end - 1)),
			m->r[i].end - 1);
	}
	TU_CHECK_EQ(init_ctx(), 0);
	for (unsigned i = 0; i < n; i++)
		TU_CHECK_EQ(ft_add_bank(&ctx, m->r[i].start << 12,
					(m->r[i].end - m->r[i].start) << 12),
			    0);
	TU_CHECK_EQ(validate_keeping_raw(&nraw), 0);
	TU_CHECK_EQ(pdx_parity_check(m->name, raw, nraw, ctx.st.banks,
				     ctx.nr_banks, &f),
		    0);
	printf("  spans: none %#" PRIx64 " mask %#" PRIx64 " offset %#" PRIx64
	       " | Xen mask %#" PRIx64 " offset %#" PRIx64 "%s\n",
	       f.none, f.mask, f.offset, f.xen_mask, f.xen_offset,
	       f.xen_offset_compresses ? "" : " (Xen: not compressed)");
}

static unsigned check_boards(const char *dir)
{
	char **names = NULL;
	size_t nr = 0;
	unsigned boards = 0;

	if (banksfile_list(dir, &names, &nr))
		return 0;
	for (size_t i = 0; i < nr; i++) {
		char path[4096];
		struct pdx_parity_figures f;
		unsigned bad_line = 0, nraw;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		TU_CASE(names[i]);
		char *text = banksfile_slurp(path, NULL);
		TU_CHECK(text != NULL);
		if (!text)
			continue;
		TU_CHECK_EQ(init_ctx(), 0);
		TU_CHECK_EQ(banksfile_load(&ctx, text, &bad_line), 0);
		TU_CHECK_EQ(validate_keeping_raw(&nraw), 0);
		TU_CHECK_EQ(pdx_parity_check(names[i], raw, nraw, ctx.st.banks,
					     ctx.nr_banks, &f),
			    0);
		printf("  spans: none %#" PRIx64 " mask %#" PRIx64
		       " offset %#" PRIx64 " | Xen mask %#" PRIx64
		       " offset %#" PRIx64 "\n",
		       f.none, f.mask, f.offset, f.xen_mask, f.xen_offset);
		boards++;
		free(text);
		free(names[i]);
	}
	free(names);
	return boards;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("FT_BOARDS_DIR");

	for (size_t i = 0; i < sizeof(xen_maps) / sizeof(xen_maps[0]); i++)
		check_xen_map(&xen_maps[i]);
	TU_CASE("every_board");
	TU_CHECK(dir && check_boards(dir) > 0);
	return tu_finish();
}
