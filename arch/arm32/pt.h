/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyp mode stage-1 translation tables of the arm32 stub: the LPAE
 * long-descriptor format, 4K granule, 32-bit VA from HTTBR (HTCR.T0SZ =
 * 0): level 1 (4 x 1G), level 2 (512 x 2M), level 3 (512 x 4K); output
 * addresses of 40 bits. Table pages come from a pool inside the stub
 * image, which is identity mapped, so a table's PA is its pointer.
 */
#ifndef FT_ARM32_PT_H
#define FT_ARM32_PT_H

#include <frametable/frametable.h>

extern const struct ft_arch ft_arch_arm32;

enum pt_attr {
	PT_NORMAL_EXEC, /* the stub image: write-back, executable */
	PT_NORMAL_XN,	/* data: DTB, frametable, scratch */
	PT_DEVICE,	/* MMIO: Device, never executable */
};

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

/* Take the root table from the pool; fails if arch is not the LPAE 4K
 * description these tables implement. */
int pt_init(const struct ft_arch *arch);
/* Map [va, va + len) to pa with the largest plain blocks that fit; edges
 * rounded out to pages. For the stub's own identity map. */
int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr);
/* Clear every leaf over [va, va + len) (edges rounded out to pages),
 * free the tables left empty and publish it (TLBIALLH included). */
void pt_unmap_range(uint64_t va, uint64_t len);
/* Map [pa, pa + len) read-write, non-executable, in the scratch window;
 * the VA, or 0. Undo with pt_unmap_range before the next call. */
uint64_t pt_scratch_map(uint64_t pa, uint64_t len);
/* Program HMAIR0, HTCR, HTTBR and turn the MMU and caches on. Returns
 * -FT_ERR_BADPARAM if the CPU lacks LPAE. */
int pt_enable_mmu(void);
uint64_t pt_pages_used(void);
uint64_t pt_pool_pages(void);

/* struct ft_ops map / unmap hooks (arg: the struct ft_arch). map writes
 * len / entry entries, with the contiguous hint for a contiguous class;
 * it refuses misaligned or already mapped ranges, changing nothing. */
int pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		unsigned size_class);
void pt_hook_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class);

/* What the live tables hold for va: false if no leaf; else the leaf's size,
 * va's output address and the size class whose attributes pt_hook_map
 * gives (-1 if none). The mapper's own view: ptcheck.c judges the entries
 * by the architecture's rules. */
bool pt_lookup(const struct ft_arch *arch, uint64_t va, uint64_t *pa,
	       uint64_t *size, int *size_class);

#endif /* FT_ARM32_PT_H */
