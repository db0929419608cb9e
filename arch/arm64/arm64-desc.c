/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arm64 (VMSAv8-64, EL2 stage 1, 48-bit VA): what the frametable may be
 * mapped with under each granule. Contiguous-bit sizes are N entries of
 * the level below (Arm ARM D8.6.1: 16 x 4K, 16 x 2M, 16 x 1G for 4K;
 * 128 x 16K, 32 x 32M for 16K; 32 x 64K, 32 x 512M for 64K). Level 1
 * blocks of the 16K and 64K granules exist only with 52-bit addressing and
 * are left out.
 *
 * The window is Xen arm64's frametable slot: 32 GiB at 0x0000_0200_0000_0000.
 */
#include <frametable/arch.h>

#define KB(x) ((uint64_t)(x) << 10)
#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

#define ARM64_WINDOW_BASE UINT64_C(0x0000020000000000)
#define ARM64_WINDOW_SIZE GB(32)

const struct ft_arch ft_arch_arm64_4k = {
	.name = "arm64",
	.variant = "4k",
	.page_shift = 12,
	.window_base = ARM64_WINDOW_BASE,
	.window_size = ARM64_WINDOW_SIZE,
	.nr_levels = 4,
	.level_shift = {39, 30, 21, 12},
	.nr_sizes = 6,
	.sizes =
		{
			{KB(4), 3, 0, "4K"},
			{KB(64), 3, 16, "64K-contig"},
			{MB(2), 2, 0, "2M"},
			{MB(32), 2, 16, "32M-contig"},
			{GB(1), 1, 0, "1G"},
			{GB(16), 1, 16, "16G-contig"},
		},
};

const struct ft_arch ft_arch_arm64_16k = {
	.name = "arm64",
	.variant = "16k",
	.page_shift = 14,
	.window_base = ARM64_WINDOW_BASE,
	.window_size = ARM64_WINDOW_SIZE,
	.nr_levels = 4,
	.level_shift = {47, 36, 25, 14},
	.nr_sizes = 4,
	.sizes =
		{
			{KB(16), 3, 0, "16K"},
			{MB(2), 3, 128, "2M-contig"},
			{MB(32), 2, 0, "32M"},
			{GB(1), 2, 32, "1G-contig"},
		},
};

const struct ft_arch ft_arch_arm64_64k = {
	.name = "arm64",
	.variant = "64k",
	.page_shift = 16,
	.window_base = ARM64_WINDOW_BASE,
	.window_size = ARM64_WINDOW_SIZE,
	.nr_levels = 3,
	.level_shift = {42, 29, 16},
	.nr_sizes = 4,
	.sizes =
		{
			{KB(64), 2, 0, "64K"},
			{MB(2), 2, 32, "2M-contig"},
			{MB(512), 1, 0, "512M"},
			{GB(16), 1, 32, "16G-contig"},
		},
};
