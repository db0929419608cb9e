/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An independent model of Xen's PFN -> PDX compression (xen/common/pdx.c as
 * of 2026: mask compression, and offset compression with its default table
 * of 2^6 entries, MAX_ORDER 18), written from the rules it follows, so the
 * library's own schemes can be measured against what Xen would do on the
 * same map. Frame numbers in, frame numbers out; 4K pages as Xen/Arm.
 */
#ifndef FRAMETABLE_TESTS_XEN_PDX_MODEL_H
#define FRAMETABLE_TESTS_XEN_PDX_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define XEN_PDX_MAX_ORDER  18
#define XEN_PDX_TBL_ORDER  6
#define XEN_PDX_MAX_RANGES 512

/* A RAM range in frames, [start, end), as Xen's test-pdx.c writes them. */
struct xen_range {
	uint64_t start, end;
};

struct xen_pdx {
	bool compressed;
	/* mask: pfn bits [hole_start, hole_start + hole_len) squeezed out */
	unsigned hole_start, hole_len;
	/* offset */
	bool offset;
	unsigned pfn_index_shift, pdx_index_shift;
	uint64_t pfn_lookup[1u << XEN_PDX_TBL_ORDER];
	uint64_t pdx_lookup[1u << XEN_PDX_TBL_ORDER];
};

/* Set up Xen's mask compression; returns whether Xen compresses. */
bool xen_pdx_mask_setup(struct xen_pdx *x, const struct xen_range *r,
			unsigned n);
/* Set up Xen's offset compression; returns whether Xen compresses. The
 * ranges may come unsorted, as Xen takes them. */
bool xen_pdx_offset_setup(struct xen_pdx *x, const struct xen_range *r,
			  unsigned n);
uint64_t xen_pfn_to_pdx(const struct xen_pdx *x, uint64_t pfn);
uint64_t xen_pdx_to_pfn(const struct xen_pdx *x, uint64_t pdx);
/* Last RAM frame's PDX + 1 - first RAM frame's PDX (identity when Xen does
 * not compress). */
uint64_t xen_pdx_span(const struct xen_pdx *x, const struct xen_range *r,
		      unsigned n);

#endif
