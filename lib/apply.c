/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Apply: carry a placed plan out through the arch's map hook, then make
 * the descriptors usable: every descriptor wholly inside a chunk is zeroed
 * (RAM frames and inert ghosts alike), the partial descriptor bytes at a
 * chunk's edges are poisoned with all-ones so a stray access stands out.
 *
 * All or nothing: if the arch refuses a mapping, every mapping made so far
 * is undone, the memory goes back to the allocator and the context is
 * back to "planned"; no descriptor was written.
 */
#include "internal.h"

struct map_state {
	const struct ft_ops *ops;
	uint64_t done;	/* runs mapped so far */
	uint64_t limit; /* when unmapping: runs to undo */
	int rc;
};

static int map_one(void *arg, const struct ft_mapping *m)
{
	struct map_state *s = arg;
	int rc = s->ops->map(s->ops->map_arg, m->va, m->pa, m->size * m->count,
			     m->size_class);

	if (rc)
		return rc < 0 ? rc : -FT_ERR_MAP;
	s->done++;
	return 0;
}

static int unmap_one(void *arg, const struct ft_mapping *m)
{
	struct map_state *s = arg;

	if (s->done == s->limit)
		return 1;
	if (s->ops->unmap)
		s->ops->unmap(s->ops->map_arg, m->va, m->size * m->count,
			      m->size_class);
	s->done++;
	return 0;
}

static void fill_chunk(const struct ft_ctx *ctx, const struct ft_ops *ops,
		       const struct ft_chunk *c)
{
	uint64_t d = ctx->params.desc_size;
	uint64_t first = ctx->window_base + (c->pdx_start - ctx->base_pdx) * d;
	uint64_t last = ctx->window_base + (c->pdx_end - ctx->base_pdx) * d;

	if (first > c->va_start)
		ops->fill(ops->fill_arg, c->va_start, 0xff,
			  first - c->va_start);
	if (last > first)
		ops->fill(ops->fill_arg, first, 0, last - first);
	if (c->va_end > last)
		ops->fill(ops->fill_arg, last, 0xff, c->va_end - last);
}

int ft_apply(struct ft_ctx *ctx, const struct ft_ops *ops)
{
	struct map_state s = {ops, 0, 0, 0};
	int rc;

	if (ctx->state != FT_STATE_PLACED)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	if (!ops || !ops->map || !ops->fill)
		return ft_fail(ctx, FT_ERR_BADPARAM, -1, 0, 0);
	rc = ft_for_each_mapping(ctx, map_one, &s);
	if (rc) {
		struct map_state u = {ops, 0, s.done, 0};
		ft_for_each_mapping(ctx, unmap_one, &u);
		ft_unplace_internal(ctx, ops);
		return ft_fail(ctx, FT_ERR_MAP, -1, 0, 0);
	}
	for (unsigned i = 0; i < ctx->nr_chunks; i++)
		fill_chunk(ctx, ops, &ctx->st.chunks[i]);
	ctx->state = FT_STATE_APPLIED;
	return 0;
}
