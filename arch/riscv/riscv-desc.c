/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V (S-mode paging): Sv39 and Sv48 with Svnapot, whose only defined
 * NAPOT size is 64 KiB (16 x 4K leaf PTEs, privileged spec, Svnapot
 * chapter). Megapages (2M), gigapages (1G) and, in Sv48, terapages
 * (512G) are leaves at the upper levels.
 *
 * Windows (this project's layout, in the upper half of each VA space):
 * Sv39 64 GiB at 0xffff_ffd0_0000_0000, Sv48 1 TiB at 0xffff_c000_0000_0000.
 */
#include <frametable/arch.h>

#define KB(x) ((uint64_t)(x) << 10)
#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

const struct ft_arch ft_arch_riscv_sv39 = {
	.name = "riscv64",
	.variant = "sv39",
	.page_shift = 12,
	.window_base = UINT64_C(0xffffffd000000000),
	.window_size = GB(64),
	.nr_levels = 3,
	.level_shift = {30, 21, 12},
	.nr_sizes = 4,
	.sizes =
		{
			{KB(4), 2, 0, "4K"},
			{KB(64), 2, 16, "64K-napot"},
			{MB(2), 1, 0, "2M"},
			{GB(1), 0, 0, "1G"},
		},
};

const struct ft_arch ft_arch_riscv_sv48 = {
	.name = "riscv64",
	.variant = "sv48",
	.page_shift = 12,
	.window_base = UINT64_C(0xffffc00000000000),
	.window_size = GB(1024),
	.nr_levels = 4,
	.level_shift = {39, 30, 21, 12},
	.nr_sizes = 5,
	.sizes =
		{
			{KB(4), 3, 0, "4K"},
			{KB(64), 3, 16, "64K-napot"},
			{MB(2), 2, 0, "2M"},
			{GB(1), 1, 0, "1G"},
			{GB(512), 0, 0, "512G"},
		},
};
