/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sv39 / Sv48 page tables for an S-mode (HS-mode) stub, built in a pool
 * of 4 KiB table pages the caller provides: no allocation, no global
 * state, so a boot stub hands it a static array and a host test hands it
 * host memory. The stub's whole use, in order:
 *
 *	static uint64_t pool[N * 512] __attribute__((aligned(4096)));
 *	struct rv_pt pt;
 *	struct ft_ops ops = {...alloc, free, fill...};
 *	rv_pt_init(&pt, arch, pool, (uintptr_t)pool, sizeof(pool));
 *	rv_pt_map_range(&pt, image, image, image_len, RV_PERM_RWX);
 *	csr_write(satp, rv_pt_satp(&pt)); sfence.vma;
 *	pt.fence = rv_pt_sfence_vma;        (paging is on from here)
 *	rv_pt_ops(&pt, &ops);
 *	ft_apply(&ctx, &ops);               (pt.last_err says why a map failed)
 *
 * docs/riscv.md says which PTE bits are used and why.
 */
#ifndef FT_RISCV_PT_H
#define FT_RISCV_PT_H

#include <frametable/frametable.h>

#include "pte.h"

/* The leaves a table set can hold. */
enum rv_leaf {
	RV_LEAF_4K = 0, /* a page: one PTE at the last level */
	RV_LEAF_64K,	/* Svnapot: 16 equal NAPOT PTEs at the last level */
	RV_LEAF_2M,	/* a megapage: one level up */
	RV_LEAF_1G,	/* a gigapage: two levels up */
	RV_LEAF_512G,	/* a terapage: three levels up, Sv48 only */
	RV_LEAF_KINDS
};

/* Access rights of a leaf. Every leaf also gets V, G (hypervisor
 * mappings are the same in every address space), A, and D when writable;
 * never U. */
enum rv_perm {
	RV_PERM_RW,  /* data: the frametable, the DTB, MMIO */
	RV_PERM_RWX, /* the stub's own image: code, data and stack */
	RV_PERM_RX,  /* code only */
	RV_PERM_R,   /* read-only data */
};

/* Why a call refused; every function returns 0 or one of these negated,
 * and a refused call has changed nothing. */
enum rv_pt_err {
	RV_PT_OK = 0,
	/* rv_pt_init: the arch is not an Sv39/Sv48 description, or the pool
	 * is NULL, not 4 KiB aligned (pointer or PA), smaller than a page,
	 * or beyond the 56-bit physical address space. */
	RV_PT_ERR_BADPARAM = 1,
	/* The table pool has fewer free pages than the new tables need. */
	RV_PT_ERR_POOL_EMPTY = 2,
	/* va or pa is not aligned to the leaf size, or len is not a
	 * non-zero multiple of it. */
	RV_PT_ERR_MISALIGNED = 3,
	/* The VA range leaves the mode's canonical halves: bits 63..39
	 * (Sv39) or 63..48 (Sv48) must all equal the bit below them. */
	RV_PT_ERR_NONCANONICAL = 4,
	/* The PA range ends beyond 2^56, what a PPN can hold. */
	RV_PT_ERR_PA_RANGE = 5,
	/* Part of the VA range is mapped already (by a leaf there, or by a
	 * larger leaf above it, or a table below it). */
	RV_PT_ERR_MAPPED = 6,
	/* A 64K NAPOT leaf in a table set without Svnapot. */
	RV_PT_ERR_NO_SVNAPOT = 7,
	/* A leaf kind the mode has not (512G in Sv39), or a size class that
	 * is not one of the description's. */
	RV_PT_ERR_LEAF = 8,
	RV_PT_ERR_COUNT_ /* not an error: one past the last code */
};

/* A table set. Fields are public for reading; change them only through
 * these functions, except fence / fence_arg. */
struct rv_pt {
	/* The description the ft_ops hooks map for; it sets the mode (3 or 4
	 * levels) and whether Svnapot may be used (a 64K-napot size). */
	const struct ft_arch *arch;
	unsigned levels;
	bool svnapot;
	uint8_t class_leaf[FT_MAX_MAP_SIZES]; /* arch size class -> leaf */
	/* The pool: pool_pages pages at pool (as this code reads them) and
	 * at pool_pa (as the hardware walks them). */
	uint64_t *pool;
	uint64_t pool_pa, pool_pages;
	uint64_t next;		     /* pages never handed out start here */
	uint64_t free_head, nr_free; /* pages given back by unmap */
	uint64_t root_pa;
	/* Called after entries are written or cleared, with the VA range:
	 * where TLB maintenance goes (rv_pt_sfence_vma on the target once
	 * paging is on). NULL: nothing to do (the host, or paging off). */
	void (*fence)(void *arg, uint64_t va, uint64_t len);
	void *fence_arg;
	/* The last refusal (0 or -enum rv_pt_err): the hooks return
	 * -FT_ERR_MAP to the library, this says why. */
	int last_err;
};

/* Start an empty table set for arch (an Sv39 or Sv48 description) in the
 * pool_bytes at pool, whose physical address is pool_pa; takes the root
 * table from it. */
int rv_pt_init(struct rv_pt *pt, const struct ft_arch *arch, void *pool,
	       uint64_t pool_pa, uint64_t pool_bytes);
/* Map [va, va + len) to pa with leaves of one kind and the rights of perm;
 * both aligned to the leaf, len a multiple of it. All or nothing: any
 * refusal, a dry pool included, is found before the first write. */
int rv_pt_map(struct rv_pt *pt, uint64_t va, uint64_t pa, uint64_t len,
	      enum rv_leaf leaf, enum rv_perm perm);
/* Undo rv_pt_map with the same va, len and leaf: clear those leaves and
 * give every table left empty back to the pool. */
void rv_pt_unmap(struct rv_pt *pt, uint64_t va, uint64_t len,
		 enum rv_leaf leaf);
/* The stub's own direct or identity map: [va, va + len), edges rounded out
 * to 4 KiB pages, to pa (va == pa modulo 4 KiB), with the largest leaves
 * VA and PA are both aligned to (64K NAPOT runs only with Svnapot). All or
 * nothing. In Sv39 no identity map reaches a PA at or above 256 GiB
 * (RV_PT_ERR_NONCANONICAL). */
int rv_pt_map_range(struct rv_pt *pt, uint64_t va, uint64_t pa, uint64_t len,
		    enum rv_perm perm);

/* struct ft_ops hooks; arg is the struct rv_pt. map maps one run of the
 * arch's size class as frametable data (RV_PERM_RW); on refusal it returns
 * -FT_ERR_MAP and pt->last_err says why. unmap undoes it. */
int rv_pt_hook_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		   unsigned size_class);
void rv_pt_hook_unmap(void *arg, uint64_t va, uint64_t len,
		      unsigned size_class);
/* Point ops->map, ops->unmap and ops->map_arg at pt. */
void rv_pt_ops(struct rv_pt *pt, struct ft_ops *ops);

/* The satp value that turns this table set on: the mode, ASID 0, the
 * root's PPN. */
uint64_t rv_pt_satp(const struct rv_pt *pt);
/* Table pages in use, the root included. */
uint64_t rv_pt_pages_used(const struct rv_pt *pt);
/* A short static name of an enum rv_pt_err (0 or negative). */
const char *rv_pt_strerror(int err);

#if defined(__riscv)
/* A fence hook for the target: sfence.vma over the whole local TLB. */
void rv_pt_sfence_vma(void *arg, uint64_t va, uint64_t len);
#endif

#endif /* FT_RISCV_PT_H */
