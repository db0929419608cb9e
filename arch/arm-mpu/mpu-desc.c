/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm MPU (Armv8-R AArch64 / AArch32 EL2 MPU): no translation, VA == PA.
 * The frametable is one allocation covered by one MPU region (base and
 * limit at 64-byte granularity, here page aligned), so holes cannot be
 * skipped in VA and PDX compression is the only saving. No window cap.
 */
#include <frametable/arch.h>

const struct ft_arch ft_arch_arm_mpu = {
	.name = "arm-mpu",
	.variant = "",
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
};
