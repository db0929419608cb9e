/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VMSAv8-64 stage-1 translation tables for EL2 (TTBR0_EL2, 48-bit VA),
 * for the granule chosen at compile time with -DFT_ARM64_GRANULE_4K,
 * _16K or _64K: the parameters of arch/lpae's shared tables (lpae.h) and
 * this port's layout. Table pages come from a static pool inside the stub
 * image, so they never compete with the boot allocator's RAM. mmu.c holds
 * the system operations (TLBI ALLE2, MAIR/TCR/TTBR0_EL2).
 */
#ifndef FT_ARM64_PT_H
#define FT_ARM64_PT_H

#include "lpae.h"

/* T0SZ = 16. The level shifts, root first, as struct ft_arch numbers the
 * levels; blocks from the level whose size a 48-bit output address
 * allows (16K: level-1 blocks need 52-bit VA; 64K: 4T blocks need 52-bit
 * PA). */
#if defined(FT_ARM64_GRANULE_4K)
#define FT_ARM64_PAGE_SHIFT   12
#define FT_ARM64_GRANULE_NAME "4k"
#define FT_ARM64_ARCH	      ft_arch_arm64_4k
#define LPAE_NR_LEVELS	      4
#define LPAE_LEVEL_SHIFTS                                                      \
	{                                                                      \
		39, 30, 21, 12                                                 \
	}
#define LPAE_MIN_BLOCK_LEVEL 1 /* 1G blocks */
#elif defined(FT_ARM64_GRANULE_16K)
#define FT_ARM64_PAGE_SHIFT   14
#define FT_ARM64_GRANULE_NAME "16k"
#define FT_ARM64_ARCH	      ft_arch_arm64_16k
#define LPAE_NR_LEVELS	      4
#define LPAE_LEVEL_SHIFTS                                                      \
	{                                                                      \
		47, 36, 25, 14                                                 \
	}
#define LPAE_MIN_BLOCK_LEVEL 2 /* 32M blocks */
#elif defined(FT_ARM64_GRANULE_64K)
#define FT_ARM64_PAGE_SHIFT   16
#define FT_ARM64_GRANULE_NAME "64k"
#define FT_ARM64_ARCH	      ft_arch_arm64_64k
#define LPAE_NR_LEVELS	      3
#define LPAE_LEVEL_SHIFTS                                                      \
	{                                                                      \
		42, 29, 16                                                     \
	}
#define LPAE_MIN_BLOCK_LEVEL 1 /* 512M blocks */
#else
#error "define one of FT_ARM64_GRANULE_4K, _16K, _64K"
#endif

#define FT_ARM64_PAGE_SIZE (UINT64_C(1) << FT_ARM64_PAGE_SHIFT)

#define LPAE_PAGE_SHIFT FT_ARM64_PAGE_SHIFT
#define LPAE_VA_BITS	48
#define LPAE_OA_BITS	48 /* TCR_EL2.PS is at most 48 bits */
/* 8 MiB: 2048 4K tables, 512 16K tables or 128 64K tables, well above
 * what a 32 GiB window plus the identity map can need with blocks. */
#define LPAE_POOL_BYTES (UINT64_C(8) << 20)

/* The arch description this granule's tables implement (arm64-desc.c). */
extern const struct ft_arch FT_ARM64_ARCH;

/* The scratch window: a VA range the stub maps allocated RAM at for a
 * moment (the pattern fill before ft_apply), clear of the identity map,
 * the frametable window (0x0000_0200_0000_0000) and the dense window
 * (0x0000_0300_0000_0000). */
#define PT_SCRATCH_VA	 UINT64_C(0x0000010000000000)
#define PT_SCRATCH_SIZE	 (UINT64_C(64) << 30)
#define PT_SCRATCH_ALIGN (UINT64_C(1) << 30)

#endif /* FT_ARM64_PT_H */
