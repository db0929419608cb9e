/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Arm long-descriptor translation tables the arm64 and arm32 stubs
 * share: VMSAv8-64 stage 1 at EL2 and LPAE stage 1 in Hyp mode (Armv7-A
 * B3.6) have the same descriptors (block, table, page; AttrIndx, AP, SH,
 * AF, contiguous bit, XN), the same walk and the same contiguous runs;
 * only the granule, the VA width (so the start level) and the system
 * registers differ. Like Xen's asm/lpae.h, this folder holds the one copy:
 * pt.c (the mapper, the pool, the lookup) and ptcheck.c (the walk judging
 * the live tables by the architecture's rules).
 *
 * A port using it adds arch/lpae to its include path and provides:
 *
 *   pt.h in its own folder, included by pt.c, defining its translation:
 *     LPAE_PAGE_SHIFT       the granule (12, 14, 16)
 *     LPAE_NR_LEVELS        levels walked from the root (struct ft_arch's)
 *     LPAE_LEVEL_SHIFTS     { VA shift of each level, root first }
 *     LPAE_MIN_BLOCK_LEVEL  the first of those levels with blocks
 *     LPAE_VA_BITS          the VA width the root table covers
 *     LPAE_OA_BITS          the widest output address the port programs
 *     LPAE_POOL_BYTES       the static table pool
 *     PT_SCRATCH_VA, PT_SCRATCH_SIZE, PT_SCRATCH_ALIGN
 *                           the scratch window (the alignment: a multiple
 *                           of a block size, so a mapping takes blocks)
 *   and the three system operations below, in its own code, as they are
 *   the only parts that read or write system registers.
 */
#ifndef FT_LPAE_H
#define FT_LPAE_H

#include <frametable/frametable.h>

enum pt_attr {
	PT_NORMAL_EXEC, /* the stub image: write-back, executable */
	PT_NORMAL_XN,	/* data: DTB, frametable, scratch */
	PT_DEVICE,	/* MMIO: Device(-nGnRE), never executable */
};

/* Take the root table from the pool; fails if arch does not describe
 * this port's translation (page shift, level shifts, leaf levels). */
int pt_init(const struct ft_arch *arch);
/* Map [va, va + len) to pa with the largest plain blocks that fit; edges
 * rounded out to pages. For the stub's own identity map. */
int pt_map_range(uint64_t va, uint64_t pa, uint64_t len, enum pt_attr attr);
/* Unmap what pt_map_range mapped over the same range (edges rounded out
 * to pages): every leaf met is cleared, tables left empty go back to the
 * pool, and the change is made visible (TLB invalidation included). */
void pt_unmap_range(uint64_t va, uint64_t len);
/* Map [pa, pa + len) read-write, non-executable, in the scratch window;
 * returns the VA, or 0 if it does not fit or the pool ran dry. Undo with
 * pt_unmap_range(va, len) before the next call. */
uint64_t pt_scratch_map(uint64_t pa, uint64_t len);
/* Turn the MMU and caches on over the tables built so far (the port's
 * lpae_sys_enable_mmu). Returns -FT_ERR_BADPARAM if the CPU lacks the
 * translation regime the tables are for. */
int pt_enable_mmu(void);
/* Table pages taken from the pool so far, the most ever in use (the root
 * included), and the pool's size in pages. */
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

/*
 * The port's system operations. The memory attributes the descriptors
 * name are fixed here, so the port's MAIR (HMAIR0/1) must hold them.
 */
#define LPAE_MAIR_NORMAL_IDX 0 /* 0xff: normal write-back, RW-allocate */
#define LPAE_MAIR_DEVICE_IDX 1 /* 0x04: Device-nGnRE (arm32: Device) */

/* Invalidate every TLB entry of the stub's translation regime (TLBI
 * ALLE2, TLBIALLH): an entry going back to invalid may be held there.
 * pt.c brackets it with DSB ISHST before and DSB ISH, ISB after, which
 * A64 and A32 spell alike. */
void lpae_sys_tlb_flush(void);
/* Check that the CPU has the translation regime, make the tables written
 * with the MMU off visible to the walker, program the attribute, control
 * and base registers for root (a PA: the stub is identity mapped), and
 * turn the MMU and caches on. -FT_ERR_BADPARAM if the CPU cannot. */
int lpae_sys_enable_mmu(uint64_t root);

/* What ptcheck.c reads from the live registers, not from pt.c. */
struct lpae_walk_regs {
	unsigned granule_shift; /* from the control register's TG0 */
	unsigned va_bits;	/* from T0SZ */
	unsigned first_level;	/* the architecture's number (0..3) */
	unsigned oa_bits;	/* output address bits the port programs */
	uint64_t mair;		/* the 8 attribute bytes */
	uint64_t root;		/* the base register's table address */
};
/* Fill regs from the live registers; false if they describe no walk
 * ptcheck.c knows (an unknown granule, a VA size out of range). */
bool lpae_sys_walk_regs(struct lpae_walk_regs *regs);

#endif /* FT_LPAE_H */
