/* SPDX-License-Identifier: BSD-2-Clause */
#include "pdx-parity.h"
#include "xen-pdx-model.h"

#include <inttypes.h>
#include <stdio.h>

#define PAGE_SHIFT 12

static struct xen_range xr[XEN_PDX_MAX_RANGES];

static uint64_t lib_span(const struct ft_pdx *p, const struct ft_bank *b,
			 unsigned n)
{
	uint64_t first = b[0].base >> PAGE_SHIFT;
	uint64_t last = ((b[n - 1].base + (b[n - 1].size - 1)) >> PAGE_SHIFT);
	return ft_pfn_to_pdx(p, last) + 1 - ft_pfn_to_pdx(p, first);
}

/* Every bank's edges round-trip; banks keep their order and length. */
static int check_round_trips(const char *label, const struct ft_pdx *p,
			     const struct ft_bank *b, unsigned n)
{
	uint64_t prev_end = 0;

	for (unsigned i = 0; i < n; i++) {
		uint64_t f = b[i].base >> PAGE_SHIFT;
		uint64_t l = (b[i].base + (b[i].size - 1)) >> PAGE_SHIFT;
		uint64_t pf = ft_pfn_to_pdx(p, f), pl = ft_pfn_to_pdx(p, l);
		if (ft_pdx_to_pfn(p, pf) != f || ft_pdx_to_pfn(p, pl) != l ||
		    pl - pf != l - f || (i && pf < prev_end)) {
			printf("%s: offset breaks bank %u [%#" PRIx64
			       ", %#" PRIx64 "] -> pdx [%#" PRIx64 ", %#" PRIx64
			       "]\n",
			       label, i, f, l, pf, pl);
			return 1;
		}
		prev_end = pl + 1;
	}
	return 0;
}

int pdx_parity_check(const char *label, const struct ft_bank *raw,
		     unsigned nraw, const struct ft_bank *banks, unsigned nr,
		     struct pdx_parity_figures *out)
{
	struct ft_pdx p;
	struct xen_pdx x;
	int bad = 0;

	if (nraw > XEN_PDX_MAX_RANGES || !nr)
		return 0;
	for (unsigned i = 0; i < nraw; i++) {
		xr[i].start = raw[i].base >> PAGE_SHIFT;
		xr[i].end =
			((raw[i].base + (raw[i].size - 1)) >> PAGE_SHIFT) + 1;
	}

	ft_pdx_setup(&p, FT_PDX_NONE, FT_PDX_OFFSET_MAX_SLOTS, banks, nr,
		     PAGE_SHIFT);
	out->none = lib_span(&p, banks, nr);

	ft_pdx_setup(&p, FT_PDX_MASK, FT_PDX_OFFSET_MAX_SLOTS, banks, nr,
		     PAGE_SHIFT);
	out->mask = lib_span(&p, banks, nr);
	xen_pdx_mask_setup(&x, xr, nraw);
	out->xen_mask = xen_pdx_span(&x, xr, nraw);
	if (p.hole_bits != x.hole_len ||
	    (p.hole_bits && p.hole_shift != x.hole_start)) {
		printf("%s: mask squeezes bits %u+%u, Xen's %u+%u\n", label,
		       p.hole_shift, p.hole_bits, x.hole_start, x.hole_len);
		bad++;
	}
	if (out->mask != out->xen_mask) {
		printf("%s: mask span %#" PRIx64 ", Xen's %#" PRIx64 "\n",
		       label, out->mask, out->xen_mask);
		bad++;
	}

	out->xen_offset_compresses = xen_pdx_offset_setup(&x, xr, nraw);
	out->xen_offset = xen_pdx_span(&x, xr, nraw);
	out->offset = 0;
	if (ft_pdx_setup(&p, FT_PDX_OFFSET, FT_PDX_OFFSET_MAX_SLOTS, banks, nr,
			 PAGE_SHIFT)) {
		if (out->xen_offset_compresses) {
			printf("%s: offset refuses a map Xen's compresses\n",
			       label);
			bad++;
		}
	} else {
		out->offset = lib_span(&p, banks, nr);
		bad += check_round_trips(label, &p, banks, nr);
		if (out->offset > out->xen_offset) {
			printf("%s: offset span %#" PRIx64 ", Xen's %#" PRIx64
			       "\n",
			       label, out->offset, out->xen_offset);
			bad++;
		}
	}

	uint64_t ours = out->none, xens = out->none;
	if (out->mask < ours)
		ours = out->mask;
	if (out->offset && out->offset < ours)
		ours = out->offset;
	if (out->xen_mask < xens)
		xens = out->xen_mask;
	if (out->xen_offset < xens)
		xens = out->xen_offset;
	if (ours > xens) {
		printf("%s: best span %#" PRIx64 ", Xen's best %#" PRIx64 "\n",
		       label, ours, xens);
		bad++;
	}
	return bad;
}
