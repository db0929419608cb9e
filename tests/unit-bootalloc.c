/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot allocator: top-down, congruent, only from free declared RAM. */
#include "testutil.h"

#include <frametable/bootalloc.h>

int main(void)
{
	struct ft_bootalloc ba;
	struct ft_bank store[8];
	uint64_t pa;

	TU_CASE("adjacent_ranges_merge");
	ft_bootalloc_init(&ba, store, 8);
	ft_bootalloc_add(&ba, 0x1000, 0x1000);
	ft_bootalloc_add(&ba, 0x3000, 0x1000);
	ft_bootalloc_add(&ba, 0x2000, 0x1000);
	TU_CHECK_EQ(ba.nr, 1);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&ba), 0x3000);

	TU_CASE("reserve_splits_a_range");
	ft_bootalloc_reserve(&ba, 0x2000, 0x1000);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&ba), 0x2000);

	TU_CASE("allocation_is_top_down_and_congruent");
	ft_bootalloc_init(&ba, store, 8);
	ft_bootalloc_add(&ba, 0x80000000, 0x40000000);
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x200000, 0x200000, 0, &pa), 0);
	TU_CHECK_EQ(pa, 0xbfe00000);
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x1000, 0x40000000, 0x1c00000, &pa),
		    0);
	TU_CHECK_EQ(pa, 0x81c00000);
	TU_CHECK_EQ(pa % 0x40000000, 0x1c00000);

	TU_CASE("running_dry_is_nomem");
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x80000000, 0x1000, 0, &pa),
		    -FT_ERR_NOMEM);
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x1000, 0x1000, 0x2000, &pa),
		    -FT_ERR_BADPARAM);

	TU_CASE("never_hands_out_reserved_memory");
	ft_bootalloc_init(&ba, store, 8);
	ft_bootalloc_add(&ba, 0x0, 0x10000);
	ft_bootalloc_reserve(&ba, 0x8000, 0x8000);
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x4000, 0x1000, 0, &pa), 0);
	TU_CHECK_EQ(pa, 0x4000);
	TU_CHECK_EQ(ft_bootalloc_alloc(&ba, 0x8000, 0x1000, 0, &pa),
		    -FT_ERR_NOMEM);

	TU_CASE("reserve_across_several_ranges_keeps_only_their_outer_ends");
	ft_bootalloc_init(&ba, store, 8);
	ft_bootalloc_add(&ba, 0x1000, 0x1000);
	ft_bootalloc_add(&ba, 0x3000, 0x1000);
	ft_bootalloc_add(&ba, 0x5000, 0x1000);
	ft_bootalloc_add(&ba, 0x7000, 0x2000);
	TU_CHECK_EQ(ft_bootalloc_reserve(&ba, 0x1800, 0x6000), 0);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ba.free[0].base, 0x1000);
	TU_CHECK_EQ(ba.free[0].size, 0x800);
	TU_CHECK_EQ(ba.free[1].base, 0x7800);
	TU_CHECK_EQ(ba.free[1].size, 0x1800);

	TU_CASE("add_absorbs_every_range_it_overlaps_or_touches");
	ft_bootalloc_init(&ba, store, 8);
	ft_bootalloc_add(&ba, 0x1000, 0x1000);
	ft_bootalloc_add(&ba, 0x3000, 0x1000);
	ft_bootalloc_add(&ba, 0x5000, 0x1000);
	ft_bootalloc_add(&ba, 0x9000, 0x1000);
	TU_CHECK_EQ(ft_bootalloc_add(&ba, 0x1800, 0x3800), 0);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ba.free[0].base, 0x1000);
	TU_CHECK_EQ(ba.free[0].size, 0x5000);
	TU_CHECK_EQ(ba.free[1].base, 0x9000);
	TU_CHECK_EQ(ft_bootalloc_add(&ba, 0, 0x1000), 0);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ba.free[0].base, 0);
	TU_CHECK_EQ(ft_bootalloc_add(&ba, UINT64_MAX - 0xfff, 0x1001),
		    -FT_ERR_BADPARAM);

	TU_CASE("a_full_free_list_refuses_a_split_and_keeps_its_memory");
	ft_bootalloc_init(&ba, store, 2);
	ft_bootalloc_add(&ba, 0x10000, 0x4000);
	ft_bootalloc_add(&ba, 0x20000, 0x4000);
	TU_CHECK_EQ(ft_bootalloc_reserve(&ba, 0x11000, 0x1000),
		    -FT_ERR_TOOMANYBANKS);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&ba), 0x8000);
	TU_CHECK_EQ(ft_bootalloc_add(&ba, 0x30000, 0x1000),
		    -FT_ERR_TOOMANYBANKS);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&ba), 0x8000);

	TU_CASE("reserving_nothing_changes_nothing");
	TU_CHECK_EQ(ft_bootalloc_reserve(&ba, 0x11000, 0), 0);
	TU_CHECK_EQ(ba.nr, 2);
	TU_CHECK_EQ(ft_bootalloc_reserve(&ba, 0x0, 0x1000), 0);
	TU_CHECK_EQ(ft_bootalloc_reserve(&ba, 0x40000, UINT64_MAX), 0);
	TU_CHECK_EQ(ft_bootalloc_free_bytes(&ba), 0x8000);
	return tu_finish();
}
