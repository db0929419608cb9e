/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hot path: conversions between frames, PDXs and descriptor addresses,
 * and ft_mfn_valid, inline and O(1). Included by frametable.h; a
 * hypervisor calls these on every page reference, so they cost what
 * Xen's own inline macros cost (make bench: tools/fthot.c).
 *
 * - No out-of-line switch on the PDX mode: none and mask share one formula
 *   (none is mask with no hole: low_mask 0, hole_bits 0), offset takes one
 *   predictable inline branch. The formulas are explained in
 *   lib/pdx-mask.c and lib/pdx-offset.c.
 * - Descriptor VAs are linear in the PDX from ctx->base_pdx, which the
 *   planner chooses and is not zero in general: every conversion goes
 *   through it (no frame_table[pdx] that would assume zero).
 * - The descriptor size is ctx->params.desc_size, or a compile-time
 *   constant when the environment defines FT_ENV_DESC_SIZE (ft_env.h);
 *   the *_n forms take it as an argument, for a caller that knows
 *   sizeof(struct page_info) without an environment header. Descriptor VA
 *   to index is an exact division by a precomputed inverse: no divide.
 * - No range checks in the conversions: for a frame without a descriptor
 *   the result means nothing (as Xen's pdx_to_page). ft_mfn_valid is the
 *   check.
 */
#ifndef FRAMETABLE_HOT_H
#define FRAMETABLE_HOT_H

#ifndef FRAMETABLE_FRAMETABLE_H
#error "include <frametable/frametable.h>, not <frametable/hot.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor size the conversions multiply by. */
#ifdef FT_ENV_DESC_SIZE
#define FT_DESC_SIZE(ctx) ((void)(ctx), (uint64_t)(FT_ENV_DESC_SIZE))
#else
#define FT_DESC_SIZE(ctx) ((uint64_t)(ctx)->params.desc_size)
#endif

/* ---- PDX translation ---- */

/* The one branch on the mode: inline, predicted, and laid out for the
 * mask / none formula (Arm's and the common case). */
static inline bool ft_pdx_is_offset_(const struct ft_pdx *pdx)
{
	return __builtin_expect(pdx->mode == FT_PDX_OFFSET, 0);
}

static inline uint64_t ft_pfn_to_pdx(const struct ft_pdx *pdx, uint64_t pfn)
{
	if (ft_pdx_is_offset_(pdx))
		return pfn - pdx->pfn_delta[(pfn >> pdx->pfn_shift) &
					    (pdx->slots - 1)];
	return (pfn & pdx->low_mask) |
	       ((pfn >> pdx->hole_bits) & ~pdx->low_mask);
}

/* A PDX that names no frame (offset: past the regions) gives UINT64_MAX,
 * which never round-trips. */
static inline uint64_t ft_pdx_to_pfn(const struct ft_pdx *pdx, uint64_t pdx_val)
{
	if (ft_pdx_is_offset_(pdx)) {
		uint64_t slot = pdx_val >> pdx->pdx_shift;
		if (slot >= pdx->nr_regions)
			return UINT64_MAX;
		return pdx_val + pdx->pdx_delta[slot];
	}
	return (pdx_val & pdx->low_mask) |
	       ((pdx_val & ~pdx->low_mask) << pdx->hole_bits);
}

/* ---- descriptor addresses ---- */

/* The inverse of an odd number modulo 2^64 (Newton's iteration, each step
 * doubling the correct low bits from the 3 that odd * odd == 1 mod 8
 * gives), as a constant expression when odd is one. */
#define FT_INV_STEP_(o, x) ((x) * (2 - (o) * (x)))
#define FT_INVERSE_ODD64(odd)                                                  \
	FT_INV_STEP_(                                                          \
		(uint64_t)(odd),                                               \
		FT_INV_STEP_(                                                  \
			(uint64_t)(odd),                                       \
			FT_INV_STEP_(                                          \
				(uint64_t)(odd),                               \
				FT_INV_STEP_((uint64_t)(odd),                  \
					     FT_INV_STEP_((uint64_t)(odd),     \
							  (uint64_t)(odd))))))

static inline uint64_t ft_inverse_odd64(uint64_t odd)
{
	return FT_INVERSE_ODD64(odd);
}

/* off / desc_size for an off that is a multiple of desc_size. */
static inline uint64_t ft_desc_index_n(const struct ft_ctx *ctx, uint64_t off,
				       uint64_t desc_size)
{
	if (__builtin_constant_p(desc_size))
		return (off >> __builtin_ctzll(desc_size)) *
		       FT_INVERSE_ODD64(desc_size >>
					__builtin_ctzll(desc_size));
	return (off >> ctx->desc_shift) * ctx->desc_inverse;
}

static inline uint64_t ft_pdx_to_desc_va_n(const struct ft_ctx *ctx,
					   uint64_t pdx_val, uint64_t desc_size)
{
	return ctx->window_base + (pdx_val - ctx->base_pdx) * desc_size;
}

static inline uint64_t ft_mfn_to_desc_va_n(const struct ft_ctx *ctx,
					   uint64_t mfn, uint64_t desc_size)
{
	return ft_pdx_to_desc_va_n(ctx, ft_pfn_to_pdx(&ctx->pdx, mfn),
				   desc_size);
}

/* va must be a descriptor's first byte (as page_to_mfn takes a page). */
static inline uint64_t ft_desc_va_to_mfn_n(const struct ft_ctx *ctx,
					   uint64_t va, uint64_t desc_size)
{
	return ft_pdx_to_pfn(
		&ctx->pdx,
		ctx->base_pdx +
			ft_desc_index_n(ctx, va - ctx->window_base, desc_size));
}

static inline uint64_t ft_pdx_to_desc_va(const struct ft_ctx *ctx,
					 uint64_t pdx_val)
{
	return ft_pdx_to_desc_va_n(ctx, pdx_val, FT_DESC_SIZE(ctx));
}

/* Any va: the PDX of the descriptor holding its byte (rounds down). Not
 * a hot path: it divides. */
static inline uint64_t ft_desc_va_to_pdx(const struct ft_ctx *ctx, uint64_t va)
{
	return ctx->base_pdx + (va - ctx->window_base) / FT_DESC_SIZE(ctx);
}

static inline uint64_t ft_mfn_to_desc_va(const struct ft_ctx *ctx, uint64_t mfn)
{
	return ft_mfn_to_desc_va_n(ctx, mfn, FT_DESC_SIZE(ctx));
}

/* va must be a descriptor's first byte; ft_desc_va_to_pdx takes any. */
static inline uint64_t ft_desc_va_to_mfn(const struct ft_ctx *ctx, uint64_t va)
{
	return ft_desc_va_to_mfn_n(ctx, va, FT_DESC_SIZE(ctx));
}

/* ---- ft_mfn_valid ---- */

/* Is pdx_val's descriptor wholly inside a chunk? A binary search over the
 * chunks: ft_mfn_valid's answer for the frames of a group that a chunk's
 * edge cuts (lib/convert.c). */
FT_ATTR_PURE bool ft_pdx_has_desc(const struct ft_ctx *ctx, uint64_t pdx_val);

/*
 * Has mfn a mapped descriptor? True for every RAM frame and for the ghost
 * frames whose descriptor lies wholly in a chunk; false otherwise, and
 * false before ft_plan(). Never "is RAM".
 *
 * As Xen's __mfn_valid: is mfn named by the PDX (mask: no bit in the
 * squeezed hole; offset: it round-trips) and its group inside the map,
 * then one bit of a bitmap, read behind the environment's speculation
 * hooks (ft_env.h). The map (ctx->valid, built by ft_plan() into
 * st.valid_words) has two bitmaps: FULL groups, every descriptor mapped,
 * answer at once; CUT groups, where a chunk's edge falls (at most the
 * first and last group of a chunk), ask ft_pdx_has_desc(). Without
 * valid_words storage every group reads as cut: exact, but O(log chunks).
 */
static inline bool ft_mfn_valid(const struct ft_ctx *ctx, uint64_t mfn)
{
	const struct ft_pdx *p = &ctx->pdx;
	uint64_t pdx_val = ft_pfn_to_pdx(p, mfn), g;
	bool invalid;

	if (ft_pdx_is_offset_(p))
		invalid = ft_pdx_to_pfn(p, pdx_val) != mfn;
	else
		invalid = (mfn & p->hole_mask) != 0;
	g = (pdx_val >> ctx->valid.order) - ctx->valid.first;
	invalid |= g >= ctx->valid.groups;
	if (FT_EVALUATE_NOSPEC(invalid))
		return false;
	size_t w = FT_ARRAY_INDEX_NOSPEC((size_t)(g / FT_WORD_BITS),
					 ctx->valid.nr_words);
	unsigned bit = (unsigned)(g % FT_WORD_BITS);
	if ((ctx->valid.full[w] >> bit) & 1)
		return true;
	return ((ctx->valid.cut[w] >> bit) & 1) &&
	       ft_pdx_has_desc(ctx, pdx_val);
}

#ifdef __cplusplus
}
#endif

#endif /* FRAMETABLE_HOT_H */
