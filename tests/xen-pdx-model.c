/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen's PDX compression rules, restated (xen/common/pdx.c, 2026):
 *
 * Mask: a bit "may be one" if it is set in some range's first frame or
 * lies at or below the highest bit that differs between a range's first
 * and last frame; bits below MAX_ORDER always may. The longest run of
 * always-zero bits that has a may-be-one bit above it is squeezed out; of
 * equally long runs, the lowest.
 *
 * Offset: ranges are sorted; each start is rounded down to 2^MAX_ORDER
 * frames (its end stays), and ranges that then overlap merge (adjacent ones
 * do not, yet). The bits that move inside some range (down from its
 * highest moving bit, and all bits below MAX_ORDER) are masked out of the
 * OR of the XOR of every pair of starts: what remains tells the ranges
 * apart. The table index is taken at the lowest such bit if the remaining
 * bits fit in the table order, else from the top remaining bit down by the
 * table order; with nothing remaining, above the moving bits. Consecutive
 * ranges with the same index merge. The region size is the largest merged
 * range rounded up to a power of two, at least 2^MAX_ORDER, and region i
 * takes PDXs [i * size, (i + 1) * size). When (ranges - 1) * size reaches
 * the last range's start, compression gains nothing and Xen disables it.
 */
#include "xen-pdx-model.h"

#include <stdlib.h>
#include <string.h>

#define TBL_SIZE (1u << XEN_PDX_TBL_ORDER)

/* Set every bit below the highest set bit. */
static uint64_t fill_down(uint64_t v)
{
	for (unsigned s = 1; s < 64; s <<= 1)
		v |= v >> s;
	return v;
}

/* 1-based index of the highest / lowest set bit; 0 for none. */
static unsigned high_bit1(uint64_t v)
{
	unsigned n = 0;
	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static unsigned low_bit1(uint64_t v)
{
	if (!v)
		return 0;
	unsigned n = 1;
	while (!(v & 1)) {
		n++;
		v >>= 1;
	}
	return n;
}

static uint64_t moving_bits(uint64_t first, uint64_t last)
{
	return fill_down(first ^ last);
}

bool xen_pdx_mask_setup(struct xen_pdx *x, const struct xen_range *r,
			unsigned n)
{
	uint64_t may = (UINT64_C(1) << XEN_PDX_MAX_ORDER) - 1;
	unsigned best_len = 0, best_start = 0;

	memset(x, 0, sizeof(*x));
	if (!n)
		return false;
	for (unsigned i = 0; i < n; i++)
		may |= r[i].start | moving_bits(r[i].start, r[i].end - 1);
	/* Scan zero runs bounded above by a set bit. */
	unsigned bit = XEN_PDX_MAX_ORDER;
	while (bit < 64) {
		if (may & (UINT64_C(1) << bit)) {
			bit++;
			continue;
		}
		unsigned start = bit;
		while (bit < 64 && !(may & (UINT64_C(1) << bit)))
			bit++;
		if (bit == 64)
			break; /* no set bit above: not a hole */
		if (bit - start > best_len) {
			best_len = bit - start;
			best_start = start;
		}
	}
	if (!best_len)
		return false;
	x->compressed = true;
	x->hole_start = best_start;
	x->hole_len = best_len;
	return true;
}

static int by_start(const void *a, const void *b)
{
	const struct xen_range *l = a, *r = b;
	return l->start < r->start ? -1 : l->start > r->start;
}

static unsigned table_index(const struct xen_pdx *x, uint64_t pfn)
{
	return (unsigned)((pfn >> x->pfn_index_shift) & (TBL_SIZE - 1));
}

bool xen_pdx_offset_setup(struct xen_pdx *x, const struct xen_range *in,
			  unsigned n)
{
	static struct xen_range r[XEN_PDX_MAX_RANGES];
	const uint64_t align = UINT64_C(1) << XEN_PDX_MAX_ORDER;
	uint64_t moving = align - 1, apart = 0, largest = 0;
	unsigned m = 0;

	memset(x, 0, sizeof(*x));
	if (!n || n > XEN_PDX_MAX_RANGES)
		return false;
	memcpy(r, in, n * sizeof(*r));
	qsort(r, n, sizeof(*r), by_start);
	/* Round starts down; merge what then overlaps. */
	for (unsigned i = 0; i < n; i++) {
		uint64_t s = r[i].start & ~(align - 1), e = r[i].end;
		if (m && s < r[m - 1].end) {
			r[m - 1].end = e;
			continue;
		}
		r[m].start = s;
		r[m].end = e;
		m++;
	}
	for (unsigned i = 0; i < m; i++) {
		moving |= moving_bits(r[i].start, r[i].end - 1);
		for (unsigned j = i + 1; j < m; j++)
			apart |= r[i].start ^ r[j].start;
	}
	apart &= ~moving;
	if (!apart)
		x->pfn_index_shift = high_bit1(moving);
	else if (high_bit1(apart) - low_bit1(apart) < XEN_PDX_TBL_ORDER)
		x->pfn_index_shift = low_bit1(apart) - 1;
	else
		x->pfn_index_shift = high_bit1(apart) - XEN_PDX_TBL_ORDER;
	/* Merge consecutive ranges that share a table index. */
	unsigned k = 0;
	for (unsigned i = 0; i < m; i++) {
		if (table_index(x, r[i].start) != table_index(x, r[i].end - 1))
			return false; /* Xen asserts this cannot happen */
		if (k && table_index(x, r[k - 1].start) ==
				 table_index(x, r[i].start)) {
			r[k - 1].end = r[i].end;
			continue;
		}
		r[k++] = r[i];
	}
	for (unsigned i = 0; i < k; i++)
		if (r[i].end - r[i].start > largest)
			largest = r[i].end - r[i].start;
	uint64_t size = align;
	while (size < largest)
		size <<= 1;
	if (size * (k - 1) >= r[k - 1].start) {
		memset(x, 0, sizeof(*x));
		return false;
	}
	x->compressed = true;
	x->offset = true;
	x->pdx_index_shift = high_bit1(size - 1);
	for (unsigned i = 0; i < k; i++) {
		uint64_t delta = r[i].start - size * i;
		x->pfn_lookup[table_index(x, r[i].start)] = delta;
		x->pdx_lookup[i] = delta;
	}
	return true;
}

uint64_t xen_pfn_to_pdx(const struct xen_pdx *x, uint64_t pfn)
{
	if (!x->compressed)
		return pfn;
	if (x->offset)
		return pfn - x->pfn_lookup[table_index(x, pfn)];
	uint64_t low = (UINT64_C(1) << x->hole_start) - 1;
	return (pfn & low) | ((pfn >> x->hole_len) & ~low);
}

uint64_t xen_pdx_to_pfn(const struct xen_pdx *x, uint64_t pdx)
{
	if (!x->compressed)
		return pdx;
	if (x->offset)
		return pdx + x->pdx_lookup[(pdx >> x->pdx_index_shift) &
					   (TBL_SIZE - 1)];
	uint64_t low = (UINT64_C(1) << x->hole_start) - 1;
	return (pdx & low) | ((pdx & ~low) << x->hole_len);
}

uint64_t xen_pdx_span(const struct xen_pdx *x, const struct xen_range *r,
		      unsigned n)
{
	uint64_t first = UINT64_MAX, last = 0;

	for (unsigned i = 0; i < n; i++) {
		if (r[i].start < first)
			first = r[i].start;
		if (r[i].end - 1 > last)
			last = r[i].end - 1;
	}
	return xen_pfn_to_pdx(x, last) + 1 - xen_pfn_to_pdx(x, first);
}
