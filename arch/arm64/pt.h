/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VMSAv8-64 stage-1 translation tables for EL2 (TTBR0_EL2, 48-bit VA),
 * for the granule chosen at compile time with -DFT_ARM64_GRANULE_4K,
 * _16K or _64K. Table pages come from a static pool inside the stub image,
 * so they never compete with the boot allocator's RAM.
 */
#ifndef FT_ARM64_PT_H
#define FT_ARM64_PT_H

#include <frametable/frametable.h>

#if defined(FT_ARM64_GRANULE_4K)
#define FT_ARM64_PAGE_SHIFT   12
#define FT_ARM64_GRANULE_NAME "4k"
#define FT_ARM64_ARCH	      ft_arch_arm64_4k
#elif defined(FT_ARM64_GRANULE_16K)
#define FT_ARM64_PAGE_SHIFT   14
#define FT_ARM64_GRANULE_NAME "16k"
#define FT_ARM64_ARCH	      ft_arch_arm64_16k
#elif defined(FT_ARM64_GRANULE_64K)
#define FT_ARM64_PAGE_SHIFT   16
#define FT_ARM64_GRANULE_NAME "64k"
#define FT_ARM64_ARCH	      ft_arch_arm64_64k
#else
#error "define one of FT_ARM64_GRANULE_4K, _16K, _64K"
#endif

#define FT_ARM64_PAGE_SIZE (UINT64_C(1) << FT_ARM64_PAGE_SHIFT)

/* The arch description this granule's tables implement (arm64-desc.c). */
extern const struct ft_arch FT_ARM64_ARCH;

enum pt_attr {
	PT_NORMAL_EXEC, /* the stub image: write-back, executable */
	PT_NORMAL_XN,	/* data: DTB, frametable */
	PT_DEVICE,	/* MMIO: Device-nGnRE, never executable */
};

/* The scratch window: a VA range the stub maps allocated RAM at for a
 * moment (the pattern fill before ft_apply), clear of the identity map,
 * the frametable window (0x0000_0200_0000_0000) and the dense window
 * (0x0000_0300_0000_0000). */
#define PT_SCRATCH_VA	 UINT64_C(0x0000010000000000)
#define PT_SCRATCH_SIZE	 (UINT64_C(64) << 30)
#define PT_SCRATCH_ALIGN (UINT64_C(1) << 30)

/* Take the root table from the pool; fails if arch does not describe this
 * granule's translation (level shifts, leaf levels). */
int pt_init(const struct ft_arch *arch);
/* Map [va, va + len) to pa with the largest plain blocks that fit; edges
 * rounded out to pages. For the stub's own identity map. */
int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr);
/* Unmap what pt_map_range mapped over the same range (edges rounded out
 * to pages): every leaf met is cleared, tables left empty go back to the
 * pool, and the change is made visible (TLBI included). */
void pt_unmap_range(uint64_t va, uint64_t len);
/* Map [pa, pa + len) read-write, non-executable, in the scratch window;
 * returns the VA, or 0 if it does not fit or the pool ran dry. Undo with
 * pt_unmap_range(va, len) before the next call. */
uint64_t pt_scratch_map(uint64_t pa, uint64_t len);
/* Program MAIR/TCR/TTBR0_EL2 and turn the MMU and caches on. Returns
 * -FT_ERR_BADPARAM if the CPU lacks the granule. */
int pt_enable_mmu(void);
/* Table pages taken from the pool so far, the most ever in use (the root
 * included). */
uint64_t pt_pages_used(void);
uint64_t pt_pool_pages(void);

/* struct ft_ops map / unmap hooks; arg is the struct ft_arch given to
 * pt_init. map writes len / sizes[size_class].size runs, each of
 * sizes[size_class].contig entries with the contiguous bit when the
 * class is a contiguous one; it refuses misaligned or already mapped
 * ranges with -FT_ERR_MAP, changing nothing. */
int pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		unsigned size_class);
void pt_hook_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class);

/* What the live tables hold for va: false if no leaf; else the leaf's
 * size, va's output address, and the size class whose entry size and
 * attributes pt_hook_map would give the entry (-1 if none). It shares the
 * mapper's idea of the attributes, so it proves the plan was carried out,
 * not that the entries are right: ptcheck.c judges those by the
 * architecture's rules. */
bool pt_lookup(const struct ft_arch *arch, uint64_t va, uint64_t *pa,
	       uint64_t *size, int *size_class);

#endif /* FT_ARM64_PT_H */
