/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyp mode stage-1 translation tables of the arm32 stub: the LPAE
 * long-descriptor format, 4K granule, 32-bit VA from HTTBR (HTCR.T0SZ =
 * 0): level 1 (4 x 1G), level 2 (512 x 2M), level 3 (512 x 4K); output
 * addresses of 40 bits: the parameters of arch/lpae's shared tables
 * (lpae.h) and this port's layout. Table pages come from a pool inside
 * the stub image, which is identity mapped, so a table's PA is its
 * pointer. mmu.c holds the system operations (TLBIALLH, HMAIR0/HTCR/HTTBR).
 */
#ifndef FT_ARM32_PT_H
#define FT_ARM32_PT_H

#include "lpae.h"

/* Levels numbered from the root as in struct ft_arch: the root (the
 * architecture's level 1) already holds 1G blocks. */
#define LPAE_PAGE_SHIFT 12
#define LPAE_NR_LEVELS	3
#define LPAE_LEVEL_SHIFTS                                                      \
	{                                                                      \
		30, 21, 12                                                     \
	}
#define LPAE_MIN_BLOCK_LEVEL 0
#define LPAE_VA_BITS	     32
#define LPAE_OA_BITS	     40
/* 2 MiB: 512 tables, well above the window, the dense and scratch
 * windows and the identity map with 2M blocks. */
#define LPAE_POOL_BYTES (UINT64_C(2) << 20)

extern const struct ft_arch ft_arch_arm32;

/*
 * The 32-bit VA space (docs/arm32.md, "Memory layout"):
 *   0x0200_0000..0x0800_0000  the frametable window (ft_arch_arm32)
 *   0x0900_0000               the PL011, identity mapped
 *   0x4000_0000..0x4410_0000  the image and the DTB, identity mapped
 *   0x8000_0000..0x8600_0000  the dense layout (boot cost), 96 MiB like
 *                             Xen's window
 *   0xc000_0000..0xe000_0000  the scratch window: RAM at any 40-bit PA
 *                             mapped for a moment (Xen's map_domain_page
 *                             idea), for the pattern fill
 */
#define PT_DENSE_VA	 UINT64_C(0x80000000)
#define PT_SCRATCH_VA	 UINT64_C(0xc0000000)
#define PT_SCRATCH_SIZE	 (UINT64_C(512) << 20)
#define PT_SCRATCH_ALIGN (UINT64_C(2) << 20)

#endif /* FT_ARM32_PT_H */
