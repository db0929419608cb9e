/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Chunk sizing: cutting a chunk's descriptor VA range into TLB entries.
 *
 * Takes a page-aligned VA range, the arch's mapping sizes and the PA
 * congruence the chunk has (pa == va modulo pa_align); gives runs of equal
 * entries. Keeps the alignment invariant: an entry of size S starts at a VA
 * aligned to S and, through the congruence, at a PA aligned to S; it never
 * reaches past the range, so nothing is mapped into a neighbour's VA.
 *
 * Taking the biggest size that is aligned and fits at each step is optimal
 * when each size divides the next (true of every arch table here): any
 * cover of the range must split at the same alignment boundaries.
 */
#include "internal.h"

static unsigned usable_sizes(const struct ft_arch *arch, uint64_t pa_align)
{
	unsigned n = 1;

	while (n < arch->nr_sizes && arch->sizes[n].size <= pa_align)
		n++;
	return n;
}

uint64_t ft_best_align(const struct ft_arch *arch, uint64_t s, uint64_t e)
{
	uint64_t best = arch->sizes[0].size;

	for (unsigned i = 1; i < arch->nr_sizes; i++) {
		uint64_t sz = arch->sizes[i].size;
		uint64_t a = ft_round_up(s, sz);
		if (a >= s && a <= e && e - a >= sz)
			best = sz;
	}
	return best;
}

uint64_t ft_cut_mappings(const struct ft_arch *arch, uint64_t s, uint64_t e,
			 uint64_t pa_align,
			 void (*fn)(void *arg, uint64_t va, uint64_t count,
				    unsigned size_class),
			 void *arg)
{
	unsigned top = usable_sizes(arch, pa_align);
	uint64_t pos = s, entries = 0;

	while (pos < e) {
		unsigned i = top - 1;
		while (i > 0 && ((pos & (arch->sizes[i].size - 1)) ||
				 e - pos < arch->sizes[i].size))
			i--;
		uint64_t sz = arch->sizes[i].size;
		uint64_t end = pos + ft_round_down(e - pos, sz);
		if (i + 1 < top) {
			/* Stop where the next size up becomes usable. */
			uint64_t up = arch->sizes[i + 1].size;
			uint64_t next = ft_round_up(pos, up);
			if (next > pos && next < end && e - next >= up)
				end = next;
		}
		uint64_t count = (end - pos) / sz;
		/* Less than a page left: an end that is no page boundary (a
		 * planner edge saturated at UINT64_MAX) must not loop. */
		if (!count)
			break;
		if (fn)
			fn(arg, pos, count, i);
		entries += count;
		pos = end;
	}
	return entries;
}

void ft_pt_counter_init(struct ft_pt_counter *c, const struct ft_arch *arch)
{
	ft_zero(c, sizeof(*c));
	c->arch = arch;
}

void ft_pt_counter_add(struct ft_pt_counter *c, uint64_t va, uint64_t count,
		       unsigned size_class)
{
	const struct ft_arch *a = c->arch;
	unsigned leaf = a->sizes[size_class].level;
	uint64_t last_va = va + count * a->sizes[size_class].size - 1;

	/* A leaf at level L needs one table at each level 1..L; the table at
	 * level k is the one entry of level k - 1 covering the VA. */
	for (unsigned k = 1; k <= leaf && k < a->nr_levels; k++) {
		unsigned sh = a->level_shift[k - 1];
		uint64_t lo = va >> sh, hi = last_va >> sh;
		uint64_t n = hi - lo + 1;
		if (c->seen[k] && c->last_id[k] >= lo)
			n -= (c->last_id[k] - lo + 1);
		c->pages += n;
		c->last_id[k] = hi;
		c->seen[k] = true;
	}
}

struct walk_state {
	const struct ft_ctx *ctx;
	int (*fn)(void *arg, const struct ft_mapping *m);
	void *arg;
	unsigned chunk;
	int rc;
};

static void walk_run(void *arg, uint64_t va, uint64_t count,
		     unsigned size_class)
{
	struct walk_state *w = arg;
	const struct ft_chunk *c = &w->ctx->st.chunks[w->chunk];
	struct ft_mapping m;

	if (w->rc)
		return;
	m.va = va;
	m.pa = c->pa == FT_PA_NONE ? FT_PA_NONE : c->pa + (va - c->va_start);
	m.size = w->ctx->arch->sizes[size_class].size;
	m.count = count;
	m.size_class = size_class;
	m.chunk = w->chunk;
	w->rc = w->fn(w->arg, &m);
}

int ft_for_each_mapping(const struct ft_ctx *ctx,
			int (*fn)(void *arg, const struct ft_mapping *m),
			void *arg)
{
	struct walk_state w = {ctx, fn, arg, 0, 0};

	if (ctx->state < FT_STATE_PLANNED)
		return -FT_ERR_STATE;
	for (unsigned i = 0; i < ctx->nr_chunks && !w.rc; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		w.chunk = i;
		if (ctx->arch->identity) {
			/* One MPU region per chunk, whatever its size. */
			struct ft_mapping m = {
				c->va_start, c->pa, c->va_end - c->va_start,
				1,	     0,	    i};
			w.rc = fn(arg, &m);
			continue;
		}
		ft_cut_mappings(ctx->arch, c->va_start, c->va_end, c->pa_align,
				walk_run, &w);
	}
	return w.rc;
}
