/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm MPU (PMSAv8: Armv8-M Mainline, Armv8-R): no translation, VA == PA.
 * The frametable is one allocation covered by one MPU region (base and
 * limit at 32-byte granularity on v8-M, 64 on v8-R; the table is page
 * rounded), so holes cannot be skipped in VA and PDX compression is the
 * only saving. No window cap.
 *
 * regions: the budget of the QEMU mps3-an547 Cortex-M55, whose MPU_TYPE
 * reports 16 data regions, less the 4 the boot stub keeps for itself
 * (image, data and stack, DTB, the pattern fill's scratch region). A stub
 * replaces it with what its own CPU reports; ftplan --mpu-regions too.
 * docs/arm-mpu.md has the budget.
 */
#include <frametable/arch.h>

const struct ft_arch ft_arch_arm_mpu = {
	.name = "arm-mpu",
	.variant = "4k",
	.page_shift = 12,
	.window_base = 0,
	.window_size = 0,
	.identity = true,
	.nr_levels = 0,
	.nr_sizes = 1,
	.sizes =
		{
			{UINT64_C(4096), 0, 0, "region"},
		},
	.regions = 12,
};
