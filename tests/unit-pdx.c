/* SPDX-License-Identifier: BSD-2-Clause */
/* PDX translations: round trips, what they squeeze, what auto picks. */
#include "testutil.h"

#include <frametable/frametable.h>

/* AMD Versal NET (boards/amd-versal-net-vnx.banks): 0, 32 GiB, 5 TiB. */
static const struct ft_bank versal[] = {{0x0, 0x80000000},
					{0x800000000, 0x380000000},
					{0x50000000000, 0x400000000}};

static uint64_t span(const struct ft_pdx *p, const struct ft_bank *b,
		     unsigned n)
{
	uint64_t last = ((b[n - 1].base + b[n - 1].size) >> 12) - 1;
	return ft_pfn_to_pdx(p, last) + 1 - ft_pfn_to_pdx(p, b[0].base >> 12);
}

static void check_round_trips(const struct ft_pdx *p, const struct ft_bank *b,
			      unsigned n)
{
	uint64_t prev = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t f = b[i].base >> 12, l = f + (b[i].size >> 12) - 1;
		uint64_t pf = ft_pfn_to_pdx(p, f), pl = ft_pfn_to_pdx(p, l);
		TU_CHECK_EQ(ft_pdx_to_pfn(p, pf), f);
		TU_CHECK_EQ(ft_pdx_to_pfn(p, pl), l);
		TU_CHECK_EQ(
			ft_pdx_to_pfn(
				p, ft_pfn_to_pdx(p, f + 12345 % (l - f + 1))),
			f + 12345 % (l - f + 1));
		/* Banks stay contiguous and in order. */
		TU_CHECK_EQ(pl - pf, l - f);
		TU_CHECK(i == 0 || pf > prev);
		prev = pl;
	}
}

int main(void)
{
	struct ft_pdx p;
	uint64_t none_span, mask_span, off_span;

	TU_CASE("none_is_identity");
	TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_NONE, 64, versal, 3, 12), 0);
	TU_CHECK_EQ(ft_pfn_to_pdx(&p, 0x50000000), 0x50000000);
	none_span = span(&p, versal, 3);

	TU_CASE("mask_squeezes_always_zero_bits_and_round_trips");
	TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_MASK, 64, versal, 3, 12), 0);
	TU_CHECK(p.hole_bits > 0);
	check_round_trips(&p, versal, 3);
	mask_span = span(&p, versal, 3);
	TU_CHECK(mask_span < none_span);
	/* A frame with a squeezed bit set names no PDX of its own. */
	uint64_t in_hole = UINT64_C(1) << (p.hole_shift);
	TU_CHECK(ft_pdx_to_pfn(&p, ft_pfn_to_pdx(&p, in_hole)) != in_hole);

	TU_CASE("offset_packs_regions_and_round_trips");
	TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 64, versal, 3, 12), 0);
	check_round_trips(&p, versal, 3);
	off_span = span(&p, versal, 3);
	/* Three 1 GiB-aligned regions of at most 16 GiB: 3 slots of 2^22. */
	TU_CHECK(off_span <= 3 * (UINT64_C(1) << 22));
	TU_CHECK(off_span < mask_span);
	/* A frame between regions does not round-trip. */
	TU_CHECK(ft_pdx_to_pfn(&p, ft_pfn_to_pdx(&p, 0x1000000)) != 0x1000000);

	TU_CASE("auto_picks_the_smallest_span");
	TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_AUTO, 64, versal, 3, 12), 0);
	TU_CHECK_EQ(p.mode, FT_PDX_OFFSET);
	TU_CHECK_EQ(span(&p, versal, 3), off_span);

	TU_CASE("auto_prefers_none_when_nothing_compresses");
	{
		const struct ft_bank one[] = {{0x80000000, 0x80000000}};
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_AUTO, 64, one, 1, 12), 0);
		TU_CHECK_EQ(p.mode, FT_PDX_NONE);
	}

	TU_CASE("offset_merges_regions_that_collide_in_a_small_table");
	{
		static struct ft_bank many[9];
		for (unsigned i = 0; i < 9; i++) {
			many[i].base = (uint64_t)i << 36;
			many[i].size = 0x1000;
		}
		/* Nine blocks do not fit eight entries: neighbours share. */
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 8, many, 9, 12), 0);
		TU_CHECK(p.nr_regions <= 8);
		check_round_trips(&p, many, 9);
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 16, many, 9, 12),
			    0);
		TU_CHECK_EQ(p.nr_regions, 9);
		check_round_trips(&p, many, 9);
		/* Eight 1 GiB slots, then the last bank's page. */
		TU_CHECK_EQ(span(&p, many, 9), 8 * (UINT64_C(1) << 18) + 1);
	}

	TU_CASE("offset_merges_low_ram_with_the_bank_above_it");
	{
		/* PC/server layout: 2 GiB at 0, RAM from 4 GiB, then nodes
		 * 1 TiB apart. Low RAM and the 4 GiB bank share a block. */
		const struct ft_bank pc[] = {{0x0, 0x80000000},
					     {0x100000000, 0x3f00000000},
					     {0x10000000000, 0x4000000000},
					     {0x20000000000, 0x4000000000}};
		uint64_t ram = (0x80000000 + 0x3f00000000 + 0x8000000000) >> 12;
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 64, pc, 4, 12), 0);
		check_round_trips(&p, pc, 4);
		/* The low gap of 2 GiB is all that is left uncompressed. */
		TU_CHECK_EQ(span(&p, pc, 4), ram + (0x80000000 >> 12));
	}

	TU_CASE("offset_with_a_large_table_stops_blocks_colliding");
	{
		/* AMD Versal Gen 2 (Xen's test-pdx.c): 2 GiB at 0, 32 GiB,
		 * 5, 6 and 7 TiB collide modulo 64 at every useful shift;
		 * Xen merges the two low ones into a 64 GiB slot (19.4x). */
		const struct ft_bank v2[] = {{0x0, 0x80000000},
					     {0x800000000, 0x80000000},
					     {0x50000000000, 0x80000000},
					     {0x60000000000, 0x80000000},
					     {0x70000000000, 0x80000000}};
		uint64_t ram = 5 * (UINT64_C(0x80000000) >> 12);
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 256, v2, 5, 12), 0);
		check_round_trips(&p, v2, 5);
		TU_CHECK_EQ(span(&p, v2, 5), ram);
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 64, v2, 5, 12), 0);
		check_round_trips(&p, v2, 5);
		TU_CHECK(span(&p, v2, 5) <= UINT64_C(0x3080000));
	}

	TU_CASE("offset_keeps_the_shift_with_the_smallest_span");
	{
		/* A small bank below 4 GiB, two larger ones close together
		 * above it. */
		const struct ft_bank three[] = {{0x80000000, 0x40000000},
						{0x1000000000, 0x400000000},
						{0x1800000000, 0x400000000}};
		uint64_t ram = (0x40000000 + 2 * UINT64_C(0x400000000)) >> 12;
		uint64_t prev = UINT64_MAX;
		/* A larger table only widens the choice of shifts: the span
		 * never grows with it, and at 256 entries the banks are cut
		 * into 1 GiB regions that pack with no gap at all. */
		for (unsigned slots = 2; slots <= 256; slots *= 2) {
			TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, slots,
						 three, 3, 12),
				    0);
			check_round_trips(&p, three, 3);
			TU_CHECK(span(&p, three, 3) <= prev);
			prev = span(&p, three, 3);
		}
		TU_CHECK_EQ(prev, ram);
	}

	TU_CASE("offset_keeps_adjacent_banks_contiguous_across_blocks");
	{
		/* Two adjacent banks, merged by validation, that Xen sees
		 * apart: cut at the block boundary, they still meet. */
		const struct ft_bank adj[] = {{0x0, 0x180000000},
					      {0x1000000000, 0x40000000}};
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_OFFSET, 256, adj, 2, 12),
			    0);
		check_round_trips(&p, adj, 2);
		TU_CHECK_EQ(span(&p, adj, 2), (0x180000000 + 0x40000000) >> 12);
	}

	TU_CASE("mask_with_no_hole_is_identity");
	{
		const struct ft_bank dense[] = {{0x0, 0x100000000}};
		TU_CHECK_EQ(ft_pdx_setup(&p, FT_PDX_MASK, 64, dense, 1, 12), 0);
		TU_CHECK_EQ(p.hole_bits, 0);
		TU_CHECK_EQ(ft_pfn_to_pdx(&p, 0x12345), 0x12345);
	}
	return tu_finish();
}
