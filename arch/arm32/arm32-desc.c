/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arm32 (Armv7-A with LPAE, the Hyp mode stage-1 regime): the
 * long-descriptor format with a 32-bit VA (HTCR.T0SZ = 0), so the walk
 * starts at level 1 with four 1G entries, then 512 x 2M, then 512 x 4K.
 * The contiguous hint covers 16 entries at every level (Arm ARM, Armv7-A
 * B3.6.2 and the AArch32 long-descriptor format: 16 x 4K = 64K, 16 x 2M =
 * 32M; 16 x 1G would need 16 first-level entries, a 32-bit VA has 4).
 *
 * The defaults are Xen arm32's: the frametable slot is 96 MiB at 32 MiB
 * (xen/arch/arm/include/asm/mmu/layout.h, FRAMETABLE_VIRT_START MB(32),
 * FRAMETABLE_SIZE MB(128 - 32)) and struct page_info is 32 bytes with a
 * 32-bit unsigned long; LPAE outputs 40-bit physical addresses. 96 MiB
 * of 32-byte descriptors cover 12 GiB of PDX space.
 */
#include <frametable/arch.h>

#define KB(x) ((uint64_t)(x) << 10)
#define MB(x) ((uint64_t)(x) << 20)
#define GB(x) ((uint64_t)(x) << 30)

const struct ft_arch ft_arch_arm32 = {
	.name = "arm32",
	.variant = "4k",
	.page_shift = 12,
	.window_base = MB(32),
	.window_size = MB(128 - 32),
	.nr_levels = 3,
	.level_shift = {30, 21, 12},
	.nr_sizes = 5,
	.sizes =
		{
			{.size = KB(4), .level = 2, .contig = 0, .name = "4K"},
			{.size = KB(64),
			 .level = 2,
			 .contig = 16,
			 .name = "64K-contig"},
			{.size = MB(2), .level = 1, .contig = 0, .name = "2M"},
			{.size = MB(32),
			 .level = 1,
			 .contig = 16,
			 .name = "32M-contig"},
			{.size = GB(1), .level = 0, .contig = 0, .name = "1G"},
		},
	.desc_size = 32,
	.pa_bits = 40,
};
