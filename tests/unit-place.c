/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Placement: largest chunks first, every chunk congruent, the chunks back
 * in VA order afterwards (ft_place sorts them in place to find that
 * order), and all or nothing: a failure gives everything back, names the
 * failing chunk by its index in VA order and leaves the plan as it was.
 */
#include "testutil.h"

#include <frametable/bootalloc.h>
#include <string.h>

#define NBANKS 64

FT_STORAGE_DEFINE(pl, NBANKS, 4, 4 * NBANKS, 1 << 14, 0);

struct rec {
	struct ft_bootalloc ba;
	struct ft_bank store[4 * NBANKS];
	uint64_t sizes[64 * NBANKS]; /* every alloc call's size, in order */
	unsigned calls, frees;
	uint64_t fail_size; /* return NOMEM for chunks of this size */
	bool wrap;	    /* hand out a range that wraps past 2^64 */
};

static int rec_alloc(void *arg, uint64_t size, uint64_t align, uint64_t phase,
		     uint64_t *pa)
{
	struct rec *r = arg;

	if (r->calls < sizeof(r->sizes) / sizeof(r->sizes[0]))
		r->sizes[r->calls] = size;
	r->calls++;
	if (size == r->fail_size)
		return -FT_ERR_NOMEM;
	if (r->wrap) {
		*pa = 0 - align + phase; /* congruent, but past 2^64 */
		return 0;
	}
	return ft_bootalloc_alloc(&r->ba, size, align, phase, pa);
}

static void rec_free(void *arg, uint64_t pa, uint64_t size)
{
	struct rec *r = arg;

	r->frees++;
	if (!r->wrap)
		ft_bootalloc_add(&r->ba, pa, size);
}

/* Banks of many sizes, far apart: each is a chunk of its own. */
static void plan(struct ft_ctx *ctx)
{
	struct ft_params p;

	ft_params_default(&p);
	p.policy = FT_POLICY_MIN_MEMORY;
	ft_init(ctx, ft_arch_find("arm64", "4k"), &p, &pl_storage);
	for (unsigned i = 0; i < NBANKS; i++) {
		uint64_t size = (UINT64_C(1) << 21) * (1 + (i * 37) % 23);
		ft_add_bank(ctx, (UINT64_C(1) << 36) * (i + 1), size);
	}
	TU_CHECK_EQ(ft_plan(ctx), 0);
	TU_CHECK(ctx->nr_chunks >= NBANKS);
}

static void ops_for(struct ft_ops *ops, struct rec *r, const struct ft_ctx *ctx)
{
	memset(ops, 0, sizeof(*ops));
	ops->alloc = rec_alloc;
	ops->free = rec_free;
	ops->alloc_arg = r;
	ft_bootalloc_init(&r->ba, r->store,
			  sizeof(r->store) / sizeof(r->store[0]));
	TU_CHECK_EQ(ft_bootalloc_from_ctx(&r->ba, ctx), 0);
}

static bool in_va_order(const struct ft_ctx *ctx)
{
	for (unsigned i = 1; i < ctx->nr_chunks; i++)
		if (ctx->st.chunks[i - 1].va_end >= ctx->st.chunks[i].va_start)
			return false;
	return true;
}

int main(void)
{
	static struct ft_ctx ctx, before;
	static struct rec r;
	struct ft_ops ops;

	TU_CASE("chunks_are_placed_largest_first_and_stay_in_va_order");
	plan(&ctx);
	before = ctx;
	ops_for(&ops, &r, &ctx);
	uint64_t free0 = ft_bootalloc_free_bytes(&r.ba);
	TU_CHECK_EQ(ft_place(&ctx, &ops), 0);
	TU_CHECK(in_va_order(&ctx));
	for (unsigned i = 1; i < r.calls; i++)
		TU_CHECK(r.sizes[i] <= r.sizes[i - 1]);
	uint64_t bytes = 0;
	for (unsigned i = 0; i < ctx.nr_chunks; i++) {
		const struct ft_chunk *c = &ctx.st.chunks[i],
				      *b = &before.st.chunks[i];
		TU_CHECK(c->pa != FT_PA_NONE);
		TU_CHECK_EQ((c->pa - c->va_start) % c->pa_align, 0);
		/* Only the PA and what it allows changed, nothing moved. */
		TU_CHECK_EQ(c->va_start, b->va_start);
		TU_CHECK_EQ(c->pdx_end, b->pdx_end);
		bytes += c->va_end - c->va_start;
	}
	TU_CHECK_EQ(free0 - ft_bootalloc_free_bytes(&r.ba), bytes);

	TU_CASE("a_failed_placement_names_the_chunk_in_va_order");
	{
		/* Fail the chunk in the middle of the VA order. */
		unsigned k = before.nr_chunks / 2;
		const struct ft_chunk *want = &before.st.chunks[k];
		uint64_t len = want->va_end - want->va_start;
		unsigned first = 0; /* the first of that size in VA order */
		while (before.st.chunks[first].va_end -
			       before.st.chunks[first].va_start !=
		       len)
			first++;
		ctx = before;
		memset(&r, 0, sizeof(r));
		r.fail_size = len;
		ops_for(&ops, &r, &ctx);
		TU_CHECK_EQ(ft_place(&ctx, &ops), -FT_ERR_NOMEM);
		TU_CHECK_EQ(ctx.state, FT_STATE_PLANNED);
		TU_CHECK(in_va_order(&ctx));
		/* Equal sizes go in VA order: the first of them fails. */
		TU_CHECK_EQ(ctx.err.index, first);
		TU_CHECK_EQ(ctx.err.base,
			    ctx.st.chunks[ctx.err.index].va_start);
		TU_CHECK_EQ(ctx.err.size, len);
		TU_CHECK_EQ(ft_bootalloc_free_bytes(&r.ba), free0);
		TU_CHECK_EQ(memcmp(ctx.st.chunks, before.st.chunks,
				   ctx.nr_chunks * sizeof(ctx.st.chunks[0])),
			    0);
	}

	TU_CASE("a_range_past_2_64_from_the_allocator_is_refused_and_freed");
	ctx = before;
	memset(&r, 0, sizeof(r));
	r.wrap = true;
	ops_for(&ops, &r, &ctx);
	TU_CHECK_EQ(ft_place(&ctx, &ops), -FT_ERR_BADPARAM);
	TU_CHECK_EQ(r.frees, r.calls); /* the bad range too */
	TU_CHECK_EQ(ctx.state, FT_STATE_PLANNED);
	TU_CHECK(in_va_order(&ctx));
	return tu_finish();
}
