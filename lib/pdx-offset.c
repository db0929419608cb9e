/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PDX offset compression (the idea of Xen's offset scheme, xen/common/pdx.c).
 *
 * Mask compression squeezes a single run of bits, so banks at 0x0,
 * 0x8_0000_0000 and 0x500_0000_0000 with different sizes compress only
 * partly. Offset compression instead slides each region of RAM down by its
 * own offset, found in a small lookup table indexed by some bits of the PFN:
 *
 *   pdx = pfn - pfn_delta[(pfn >> pfn_shift) & (slots - 1)]
 *   pfn = pdx + pdx_delta[pdx >> pdx_shift]
 *
 * (inline, include/frametable/hot.h)
 *
 * A PFN's table index is its block number, block = pfn >> pfn_shift, taken
 * modulo the table size. So, for a given pfn_shift:
 *   - a bank must lie in one block (its frames share one offset);
 *   - banks in the same block share an index and so an offset: they are
 *     merged into one region, from the first one's start to the last one's
 *     end, and the gap between them stays in the PDX space uncompressed.
 *     This is what lets a map with 2 GiB at 0 and a bank from 4 GiB
 *     compress: both sit in block 0 and become one region;
 *   - two regions in different blocks must not collide modulo the table.
 * Each region starts at its first bank's frame rounded down to
 * 2^FT_PDX_OFFSET_ALIGN_ORDER (1 GiB at 4K), so a region's offset keeps
 * every aligned block of up to that size contiguous, and with it the large
 * mappings of its descriptors. Each region gets a PDX slot of 2^pdx_shift
 * frames, the smallest power of two (at least the alignment) that holds
 * the largest region; slots follow the address order, so the PDX keeps the
 * order of the PFNs and every bank stays contiguous in PDX space.
 *
 * The PDX span is then (regions - 1) slots, plus the last region up to its
 * last frame, minus the first region's part below its first frame. Xen
 * derives one pfn_shift from the bits where region bases differ. Here every
 * shift from the alignment up is tried and the one with the smallest span
 * kept; Xen's shift is among them, with the same merging, so this is never
 * worse than Xen's choice at the same table size. The table is also larger
 * by default (256 entries against Xen's 64): maps whose blocks collide
 * modulo 64 at every useful shift (banks at 0, 32 GiB, 5, 6 and 7 TiB) stop
 * colliding, and need no merging at all.
 *
 * Cost: two table loads per conversion pair, and a slot per region: with
 * very unequal regions the span grows to regions x the largest one, which
 * is why "auto" compares plans across schemes.
 */
#include "pdx-internal.h"

/* One shift's outcome. */
struct offset_layout {
	unsigned regions;
	unsigned slot_order; /* log2 of the PDX slot */
	uint64_t span;	     /* UINT64_MAX: this shift cannot be used */
};

static uint64_t bank_first_pfn(const struct ft_bank *b, unsigned page_shift)
{
	return b->base >> page_shift;
}

/* The bank's last frame. Validated banks end at or below 2^64, so the end
 * can be 2^64 exactly: compute from the last byte. */
static uint64_t bank_last_pfn(const struct ft_bank *b, unsigned page_shift)
{
	return (b->base + (b->size - 1)) >> page_shift;
}

static unsigned ceil_log2(uint64_t x)
{
	return x <= 1 ? 0 : ft_msb64(x - 1) + 1;
}

/* A region: frames [first, last] in one block, sharing one offset. */
struct offset_region {
	uint64_t first, last;
	unsigned idx; /* table index: block number modulo the table */
	/* A bank runs on into the next block: the region must end exactly
	 * at its slot's end, so the bank stays contiguous in PDX space. */
	bool end_anchored;
};

typedef void (*region_fn)(void *arg, unsigned nth,
			  const struct offset_region *r);

/* The regions a walk has closed so far. */
struct region_walk {
	uint64_t used[FT_PDX_OFFSET_MAX_SLOTS / 64]; /* table indices taken */
	unsigned n;				     /* regions opened */
	uint64_t largest;			     /* frames, the largest */
	region_fn fn;
	void *arg;
};

/* Close region n - 1: false when its table index is already taken. */
static bool close_region(struct region_walk *w, const struct offset_region *r)
{
	uint64_t bit = UINT64_C(1) << (r->idx % 64);

	if (w->used[r->idx / 64] & bit)
		return false;
	w->used[r->idx / 64] |= bit;
	w->largest = ft_max64(w->largest, r->last - r->first + 1);
	if (w->fn)
		w->fn(w->arg, w->n - 1, r);
	return true;
}

/*
 * Walk the banks as regions under shift, calling fn (may be NULL) for
 * each. A validated bank may be two adjacent banks of the map merged,
 * while Xen sees them apart: a bank that crosses a block boundary is cut
 * there, and the region before the cut is anchored at its slot's end, so
 * the two pieces meet in PDX space as they do in PFN space. Returns false
 * when regions collide in the table or outnumber it. *largest gets the
 * largest region's frames.
 */
static bool walk_regions(const struct ft_bank *banks, unsigned nr,
			 unsigned page_shift, unsigned shift, unsigned slots,
			 region_fn fn, void *arg, unsigned *nr_regions,
			 uint64_t *largest)
{
	const uint64_t align = UINT64_C(1) << FT_PDX_OFFSET_ALIGN_ORDER;
	struct region_walk w = {.fn = fn, .arg = arg};
	struct offset_region r = {0, 0, 0, false};
	uint64_t r_block = 0;

	for (unsigned i = 0; i < nr; i++) {
		uint64_t cur = bank_first_pfn(&banks[i], page_shift);
		uint64_t last = bank_last_pfn(&banks[i], page_shift);
		for (;;) {
			uint64_t block = cur >> shift, piece_last = last;
			if (block != (last >> shift))
				piece_last = ((block + 1) << shift) - 1;
			if (w.n && block == r_block) {
				r.last = piece_last;
			} else {
				if ((w.n && !close_region(&w, &r)) ||
				    w.n == slots)
					return false;
				r.first = ft_round_down(cur, align);
				r.last = piece_last;
				r.idx = (unsigned)(block & (slots - 1));
				r_block = block;
				w.n++;
			}
			r.end_anchored = piece_last != last;
			if (piece_last == last)
				break;
			cur = piece_last + 1;
		}
	}
	if (w.n && !close_region(&w, &r))
		return false;
	*nr_regions = w.n;
	*largest = w.largest;
	return true;
}

/* A region's offset: its first frame at its slot's start, or its last
 * frame at its slot's end. Both are multiples of the alignment. */
static uint64_t region_delta(const struct offset_region *r, unsigned nth,
			     unsigned slot_order)
{
	uint64_t slot_start = (uint64_t)nth << slot_order;

	if (r->end_anchored)
		return r->last + 1 - (UINT64_C(1) << slot_order) - slot_start;
	return r->first - slot_start;
}

struct span_walk {
	struct offset_region first, last;
};

static void note_edges(void *arg, unsigned nth, const struct offset_region *r)
{
	struct span_walk *w = arg;

	if (nth == 0)
		w->first = *r;
	w->last = *r;
}

static struct offset_layout try_shift(const struct ft_bank *banks, unsigned nr,
				      unsigned page_shift, unsigned shift,
				      unsigned slots)
{
	struct offset_layout l = {0, 0, UINT64_MAX};
	struct span_walk w;
	uint64_t largest;

	if (!walk_regions(banks, nr, page_shift, shift, slots, note_edges, &w,
			  &l.regions, &largest))
		return l;
	l.slot_order = ceil_log2(
		ft_max64(largest, UINT64_C(1) << FT_PDX_OFFSET_ALIGN_ORDER));
	/* The slots must fit below 2^64 PDXs. */
	if (l.slot_order >= 64 ||
	    (uint64_t)l.regions > (UINT64_MAX >> l.slot_order))
		return l;
	/* Span: the last frame's PDX + 1 - the first frame's PDX. The last
	 * region is never end-anchored: no bank runs on past it. */
	uint64_t first_pfn = bank_first_pfn(&banks[0], page_shift);
	uint64_t last_pfn = bank_last_pfn(&banks[nr - 1], page_shift);
	uint64_t end_pdx = last_pfn + 1 -
			   region_delta(&w.last, l.regions - 1, l.slot_order);
	uint64_t first_pdx =
		first_pfn - region_delta(&w.first, 0, l.slot_order);
	l.span = end_pdx - first_pdx;
	return l;
}

static void fill_region(void *arg, unsigned nth, const struct offset_region *r)
{
	struct ft_pdx *pdx = arg;
	uint64_t delta = region_delta(r, nth, pdx->pdx_shift);

	pdx->pfn_delta[r->idx] = delta;
	pdx->pdx_delta[nth] = delta;
}

int ft_pdx_offset_setup(struct ft_pdx *pdx, unsigned slots,
			const struct ft_bank *banks, unsigned nr,
			unsigned page_shift)
{
	struct offset_layout best = {0, 0, UINT64_MAX};
	unsigned best_shift = 0;
	uint64_t largest;

	ft_zero(pdx, sizeof(*pdx));
	pdx->mode = FT_PDX_OFFSET;
	if (!nr || slots < 2 || slots > FT_PDX_OFFSET_MAX_SLOTS ||
	    !ft_is_pow2(slots))
		return -FT_ERR_BADPARAM;
	/* Shift 63 puts every frame number below 2^63 in block 0: the
	 * single-region layout, the last resort. */
	for (unsigned shift = FT_PDX_OFFSET_ALIGN_ORDER; shift < 64; shift++) {
		struct offset_layout l =
			try_shift(banks, nr, page_shift, shift, slots);
		if (l.span < best.span) {
			best = l;
			best_shift = shift;
		}
	}
	if (best.span == UINT64_MAX)
		return -FT_ERR_PDX_UNFIT;
	pdx->slots = slots;
	pdx->pfn_shift = best_shift;
	pdx->pdx_shift = best.slot_order;
	pdx->nr_regions = best.regions;
	walk_regions(banks, nr, page_shift, best_shift, slots, fill_region, pdx,
		     &best.regions, &largest);
	return 0;
}
