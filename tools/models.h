/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Models of the frametable layouts a user would pick instead of this
 * library, for the benchmark (tools/ftbench.c). Each model is written from
 * the rules of its source (see models.c for the rules and where they come
 * from), not from its code, and shares nothing with lib/'s planner: the
 * inputs are the validated banks, the arch description and, for Xen's
 * layouts, a PDX translation (struct ft_pdx, converted with
 * ft_pfn_to_pdx()).
 */
#ifndef FRAMETABLE_TOOLS_MODELS_H
#define FRAMETABLE_TOOLS_MODELS_H

#include <frametable/frametable.h>

/* What one layout costs. */
struct model_figures {
	/* false: the model does not apply to this arch ("-" in reports). */
	bool applies;
	/* false: the layout is larger than the arch's frametable window, so
	 * the scheme would refuse to boot ("panic: Frametable too small");
	 * the figures are still those of the layout it would need. */
	bool fits;
	uint64_t bytes;	      /* mapped (= allocated) bytes */
	uint64_t pt_pages;    /* page-table pages below the root */
	uint64_t tlb_entries; /* a contiguous-hint run counts once */
	uint64_t chunks;      /* separate allocations */
};

/* Xen's MAX_ORDER on Arm (CONFIG_PAGEALLOC_MAX_ORDER): the low PFN bits
 * Xen never compresses. */
#define MODEL_XEN_ARM_MAX_ORDER 18

/*
 * Xen's classic mask compression for banks (sorted, disjoint), by Xen's
 * rule: keep the low MODEL_XEN_ARM_MAX_ORDER bits of the PFN, squeeze the
 * longest run of bits that is zero in every bank and has a one above it.
 * pdx gets a FT_PDX_MASK translation usable with ft_pfn_to_pdx(). Returns
 * 0 or a negative enum ft_err.
 */
int model_xen_mask_pdx(struct ft_pdx *pdx, const struct ft_bank *banks,
		       unsigned nr, unsigned page_shift);

/* (a) Dense: Xen/Arm before sparse frametables, one table for the PDX
 * range of ram_start..ram_end. */
int model_dense(const struct ft_bank *banks, unsigned nr,
		const struct ft_pdx *pdx, const struct ft_arch *arch,
		uint32_t desc_size, struct model_figures *out);

/* (a') Dense on RISC-V: Xen's RISC-V port, which maps one table for the
 * frames of ram_start..ram_end without PDX compression, 2 MiB rounded,
 * in a window of whole root-level slots. Applies to riscv64 only. */
int model_xen_riscv_dense(const struct ft_bank *banks, unsigned nr,
			  const struct ft_arch *arch, uint32_t desc_size,
			  struct model_figures *out);

/* (b) Xen upstream's sparse frametable: tests/upstream-model.c for bytes
 * and TLB entries, plus its page-table pages. */
int model_upstream(const struct ft_bank *banks, unsigned nr,
		   const struct ft_pdx *pdx, const struct ft_arch *arch,
		   uint32_t desc_size, struct model_figures *out);

/* (c) Linux SPARSEMEM_VMEMMAP at boot: 128 MiB sections, each present
 * section's whole descriptor range mapped with PMD blocks. Applies to
 * arm64 4K and RISC-V Sv39 (out->applies is false elsewhere). */
int model_vmemmap(const struct ft_bank *banks, unsigned nr,
		  const struct ft_arch *arch, uint32_t desc_size,
		  struct model_figures *out);

#endif /* FRAMETABLE_TOOLS_MODELS_H */
