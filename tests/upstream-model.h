/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An independent model of Xen's upstream Arm sparse frametable, the yardstick
 * FT_POLICY_DEFAULT promises never to lose to. See upstream-model.c for the
 * rules and where they come from.
 *
 * It shares nothing with lib/'s planner: its only inputs from the library are
 * the PDX translation of an already planned context (ft_pfn_to_pdx) and the
 * arch description, so that a bug in the planner cannot hide in the model.
 */
#ifndef FRAMETABLE_TESTS_UPSTREAM_MODEL_H
#define FRAMETABLE_TESTS_UPSTREAM_MODEL_H

#include <frametable/frametable.h>

struct upstream_figures {
	uint64_t bytes; /* sum of the chunks' mapped bytes */
	uint64_t
		tlb_entries; /* best case over the PAs the allocator may give */
	uint64_t nr_chunks;
	uint64_t group_frames; /* PDX_GROUP_COUNT */
	uint64_t base_pdx;     /* frametable_base_pdx */
	uint64_t max_pdx;      /* one past the last RAM frame's pdx */
};

struct upstream_chunk {
	uint64_t pdx_start, pdx_end; /* descriptors initialised */
	uint64_t va;		     /* VA of pdx_start's descriptor */
	uint64_t bytes;		     /* mapped, page rounded */
	uint64_t pa_align;	     /* what Xen asks alloc_boot_pages for */
	uint64_t pa_phase;	     /* the PA residue that gave tlb_entries */
	uint64_t tlb_entries;
};

/*
 * Model Xen's frametable for banks (sorted, disjoint, non-empty) translated
 * by pdx. window_base is the VA of the descriptor of the frametable's base
 * pdx (Xen's FRAMETABLE_VIRT_START). Returns 0 or a negative enum ft_err:
 * -FT_ERR_NOBANKS, -FT_ERR_BADPARAM (descriptor size, arch table),
 * -FT_ERR_BANK_ZERO, -FT_ERR_BANK_OVERLAP (unsorted or overlapping banks, or
 * a translation that is not monotonic).
 */
int upstream_model(const struct ft_bank *banks, unsigned nr,
		   const struct ft_pdx *pdx, const struct ft_arch *arch,
		   uint32_t desc_size, uint64_t window_base,
		   struct upstream_figures *out);

/* The same, also storing the first max_chunks chunks (chunks may be NULL);
 * out->nr_chunks counts them all. */
int upstream_model_chunks(const struct ft_bank *banks, unsigned nr,
			  const struct ft_pdx *pdx, const struct ft_arch *arch,
			  uint32_t desc_size, uint64_t window_base,
			  struct upstream_chunk *chunks, unsigned max_chunks,
			  struct upstream_figures *out);

/* Frames per PDX group: the level-2 block size over the largest power of two
 * dividing desc_size. 0 if the arch or desc_size does not allow one. */
uint64_t upstream_group_frames(const struct ft_arch *arch, uint32_t desc_size);

/* TLB entries of map_pages_to_xen(..., _PAGE_BLOCK) mapping len bytes at va
 * to pa. UINT64_MAX if va, pa or len is not page aligned. */
uint64_t upstream_map_tlb(const struct ft_arch *arch, uint64_t va, uint64_t pa,
			  uint64_t len);

/* The fewest TLB entries of a chunk of len bytes at va over every PA that is
 * a multiple of align; *best_phase (may be NULL) gets the PA residue that
 * achieves it, modulo the largest mapping size that fits in len. */
uint64_t upstream_chunk_tlb(const struct ft_arch *arch, uint64_t va,
			    uint64_t len, uint64_t align, uint64_t *best_phase);

#endif /* FRAMETABLE_TESTS_UPSTREAM_MODEL_H */
