/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Property test: thousands of random memory maps (1..64 banks, spans up to
 * 2^48 bytes), for every arch description and policy, planned, placed and
 * applied on the sim arch; every invariant of DESIGN.md is checked by
 * sim_check(), errors must leave nothing behind, and injected allocator and
 * map failures must unwind completely. Seeded: a failure prints its seed
 * and iteration, and `prop-random SEED ITERATIONS` replays it.
 *
 * A quarter of the maps move the arch's window to the very top of the
 * address space: ending at 2^64, a few pages below it, fitted tightly to
 * the plan's own extent (so rounding a chunk edge up overflows), or
 * wrapping past 2^64 (which ft_init must refuse). Whenever ft_plan returns
 * 0, every RAM frame's descriptor must lie in a chunk, and after apply be
 * mapped: checked over each bank's whole descriptor range, not sampled.
 */
#include "pdx-parity.h"
#include "policy-order.h"
#include "sim.h"
#include "testutil.h"
#include "upstream-model.h"

#include <string.h>

FT_STORAGE_DEFINE(prop, 256, 64, 1024, 1 << 20, 0);
FT_STORAGE_DEFINE(alt, 256, 64, 1024, 1 << 20, 0);
/* The valid map of ft_mfn_valid, sized per map by ft_storage_need(). */
#define HOT_VALID_WORDS (1 << 16)
FT_STORAGE_DEFINE(hot, 256, 64, 1024, 1 << 20, HOT_VALID_WORDS);

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: small, seedable, good enough to spread maps. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Random disjoint page-aligned banks below 2^span_bits. */
static unsigned gen_banks(struct ft_bank *out, unsigned max,
			  unsigned page_shift)
{
	uint64_t pts[128];
	unsigned span_bits = 30 + (unsigned)rnd_below(19);
	unsigned want = 1 + (unsigned)rnd_below(max);
	unsigned n = 0;
	unsigned style = (unsigned)rnd_below(4);

	for (unsigned i = 0; i < 2 * want; i++) {
		uint64_t v = rnd_below(UINT64_C(1) << span_bits);
		/* Some maps favour big aligned banks, as real boards do. */
		if (style == 0)
			v &= ~((UINT64_C(1) << 30) - 1);
		else if (style == 1)
			v &= ~((UINT64_C(1) << 21) - 1);
		pts[i] = v >> page_shift << page_shift;
	}
	qsort(pts, 2 * want, sizeof(pts[0]), cmp_u64);
	for (unsigned i = 0; i + 1 < 2 * want; i += 2) {
		uint64_t base = pts[i], end = pts[i + 1];
		if (style == 3 && n && rnd_below(3) == 0)
			base = out[n - 1].base + out[n - 1].size; /* adjacent */
		if (end <= base)
			continue;
		if (n && base < out[n - 1].base + out[n - 1].size)
			continue;
		out[n].base = base;
		out[n].size = end - base;
		n++;
	}
	if (!n) {
		out[0].base = UINT64_C(1) << 31;
		out[0].size = UINT64_C(1) << page_shift;
		n = 1;
	}
	return n;
}

/* Bytes and TLB entries of the same map planned with another PDX mode;
 * false when that plan fails. */
static bool plan_with_pdx(const struct ft_ctx *like, enum ft_pdx_mode mode,
			  struct ft_stats *st)
{
	static struct ft_ctx alt;
	struct ft_params p = like->params;

	p.pdx_mode = mode;
	if (ft_init(&alt, like->arch, &p, &alt_storage))
		return false;
	for (unsigned i = 0; i < like->nr_banks; i++)
		if (ft_add_bank(&alt, like->st.banks[i].base,
				like->st.banks[i].size))
			return false;
	if (ft_plan(&alt))
		return false;
	ft_get_stats(&alt, st);
	return true;
}

/*
 * "auto" weighs every scheme by its plan: min-tlb and min-memory are never
 * beaten, in their own order, by a single scheme's plan, and the default
 * never by mask's (Xen/Arm's scheme, which bounds every default plan).
 */
static int check_auto_is_best(uint64_t seed, unsigned iter,
			      const struct ft_ctx *ctx)
{
	enum ft_policy pol = ctx->params.policy;
	struct ft_stats ours, other;

	ft_get_stats(ctx, &ours);
	for (int m = FT_PDX_NONE; m <= FT_PDX_OFFSET; m++) {
		if (pol == FT_POLICY_DEFAULT && m != FT_PDX_MASK)
			continue;
		if (!plan_with_pdx(ctx, (enum ft_pdx_mode)m, &other))
			continue;
		if (plan_worse(pol, &ours, &other)) {
			printf("seed %#" PRIx64 " iter %u: %s auto (%" PRIu64
			       " B, %" PRIu64
			       " TLB) loses to --pdx %s (%" PRIu64
			       " B, %" PRIu64 " TLB)\n",
			       seed, iter, ft_policy_name(pol),
			       ours.allocated_bytes, ours.tlb_entries,
			       ft_pdx_mode_name((enum ft_pdx_mode)m),
			       other.allocated_bytes, other.tlb_entries);
			return -1;
		}
	}
	return 0;
}

static bool nothing_planned(const struct ft_ctx *ctx)
{
	return ctx->nr_chunks == 0 && ctx->state == FT_STATE_BANKS;
}

struct totals {
	unsigned maps, planned, applied, window_errors, nomem, pdx_unfit,
		injected, groups_full, vs_upstream, vs_xen_pdx, vs_schemes,
		top_planned, top_applied, wraps_refused, hot_checked;
};

/* The descriptor VAs of bank b's frames, [*va, *end); false when they are
 * not one contiguous, unwrapped range of one descriptor per frame. */
static bool bank_desc_range(const struct ft_ctx *ctx, const struct ft_bank *b,
			    uint64_t *va, uint64_t *end)
{
	unsigned shift = ctx->arch->page_shift;
	uint64_t d = ctx->params.desc_size, n = b->size >> shift;
	uint64_t last =
		ft_mfn_to_desc_va(ctx, ((b->base + b->size) >> shift) - 1);

	*va = ft_mfn_to_desc_va(ctx, b->base >> shift);
	*end = last + d;
	return last >= *va && *end > last && *end - *va == n * d;
}

/* Every RAM frame's descriptor lies wholly in a chunk (plan level). */
static const char *descs_in_chunks(const struct ft_ctx *ctx)
{
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		uint64_t va, end;
		if (!bank_desc_range(ctx, &ctx->st.banks[i], &va, &end))
			return "a bank's descriptors wrap or are not "
			       "contiguous";
		int c = ft_chunk_of_va(ctx, va);
		while (c >= 0 && ctx->st.chunks[c].va_end < end &&
		       (unsigned)c + 1 < ctx->nr_chunks &&
		       ctx->st.chunks[c + 1].va_start ==
			       ctx->st.chunks[c].va_end)
			c++;
		if (c < 0 || ctx->st.chunks[c].va_end < end)
			return "a RAM frame's descriptor lies outside every "
			       "chunk";
	}
	return NULL;
}

/* Every RAM frame's descriptor is mapped (after apply). */
static bool descs_mapped(const struct ft_ctx *ctx, const struct sim *sim)
{
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		uint64_t va, end;
		if (!bank_desc_range(ctx, &ctx->st.banks[i], &va, &end) ||
		    !sim_mapped(sim, va, end - va))
			return false;
	}
	return true;
}

/* The map of one iteration, to plan it again with another window. */
struct map {
	struct ft_bank banks[64], res[3];
	unsigned n, nres;
};

static int load_into(struct ft_ctx *ctx, const struct ft_arch *arch,
		     const struct ft_params *p, const struct map *m,
		     const struct ft_storage *st)
{
	int rc = ft_init(ctx, arch, p, st);

	for (unsigned i = 0; !rc && i < m->n; i++)
		rc = ft_add_bank(ctx, m->banks[i].base, m->banks[i].size);
	for (unsigned i = 0; !rc && i < m->nres; i++)
		rc = ft_add_reserved(ctx, m->res[i].base, m->res[i].size);
	return rc;
}

static int load(struct ft_ctx *ctx, const struct ft_arch *arch,
		const struct ft_params *p, const struct map *m)
{
	return load_into(ctx, arch, p, m, &prop_storage);
}

/*
 * ft_storage_need() gives exactly what ctx's plan took, and the plan made
 * again with a valid map of exactly that size (one word less fails, with
 * err.need the size) answers ft_mfn_valid as ctx, which has no map and
 * searches, around every chunk edge. Returns 1 when the map was too big to
 * try, -1 on a failure.
 */
static int check_hot(const struct ft_ctx *ctx, const struct map *m)
{
	struct ft_storage st = hot_storage;
	struct ft_storage_need need;
	struct ft_ctx h;
	int rc = load_into(&h, ctx->arch, &ctx->params, m, &hot_storage);

	if (!rc)
		rc = ft_storage_need(&h, &need);
	if (rc || need.chunks != ctx->nr_chunks ||
	    need.group_words != ctx->nr_group_words || need.banks != m->n ||
	    need.reserved != m->nres) {
		printf("ft_storage_need: rc %d, chunks %u (plan %u), words %zu "
		       "(plan %zu), banks %u/%u, reserved %u/%u\n",
		       rc, need.chunks, ctx->nr_chunks, need.group_words,
		       ctx->nr_group_words, need.banks, m->n, need.reserved,
		       m->nres);
		return -1;
	}
	if (need.valid_words > HOT_VALID_WORDS || need.valid_words < 2)
		return 1;
	st.max_valid_words = need.valid_words - 1;
	rc = load_into(&h, ctx->arch, &ctx->params, m, &st);
	if (!rc)
		rc = ft_plan(&h);
	if (rc != -FT_ERR_VALIDMAP_FULL || h.err.need != need.valid_words) {
		printf("valid map one word short: rc %d, need %" PRIu64
		       " (ft_storage_need %zu)\n",
		       rc, h.err.need, need.valid_words);
		return -1;
	}
	st.max_valid_words = need.valid_words;
	rc = load_into(&h, ctx->arch, &ctx->params, m, &st);
	if (!rc)
		rc = ft_plan(&h);
	if (rc || 2 * h.valid.nr_words != need.valid_words) {
		printf("plan with the valid map: %s\n", ft_strerror(rc));
		return -1;
	}
	/* A group either side of each edge, at most 1024 PDXs (coarse groups
	 * of 64K pages are 2^20 PDXs and more). */
	uint64_t g = h.group_order < 10 ? UINT64_C(1) << h.group_order : 1024;
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		const uint64_t edges[2] = {c->pdx_start, c->pdx_end};
		for (unsigned e = 0; e < 2; e++) {
			uint64_t from = edges[e] > g ? edges[e] - g : 0;
			for (uint64_t pdx = from; pdx < edges[e] + g; pdx++) {
				uint64_t mfn = ft_pdx_to_pfn(&ctx->pdx, pdx);
				if (ft_mfn_valid(&h, mfn) ==
				    ft_mfn_valid(ctx, mfn))
					continue;
				printf("mfn_valid(%#" PRIx64 ") with the map "
				       "%d, searching %d\n",
				       mfn, !ft_mfn_valid(ctx, mfn),
				       ft_mfn_valid(ctx, mfn));
				return -1;
			}
		}
	}
	return 0;
}

enum top_kind { TOP_NONE, TOP_AT_2_64, TOP_BELOW, TOP_TIGHT, TOP_WRAPS };

/* Move arch's window to the top of the address space as kind says. For
 * TOP_TIGHT, extent is the VA a plan at the top used: the window is cut
 * to it, so the last chunk ends at or within a page of 2^64. */
static void top_window(struct ft_arch *a, enum top_kind kind, uint64_t extent)
{
	uint64_t page = UINT64_C(1) << a->page_shift;

	switch (kind) {
	case TOP_AT_2_64:
		a->window_base = 0 - a->window_size;
		break;
	case TOP_BELOW:
		a->window_base = 0 - a->window_size - page * rnd_below(64);
		break;
	case TOP_TIGHT:
		a->window_size = extent + page * rnd_below(3);
		a->window_base = 0 - a->window_size;
		break;
	case TOP_WRAPS:
		a->window_base =
			0 - a->window_size + page * (1 + rnd_below(16));
		break;
	case TOP_NONE:
		break;
	}
}

static int one_map(uint64_t seed, unsigned iter, struct totals *t)
{
	static struct map m;
	unsigned nr_arch = 0;
	while (ft_arch_nth(nr_arch))
		nr_arch++;
	const struct ft_arch *arch = ft_arch_nth(iter % nr_arch);
	struct ft_arch top, unlimited;
	struct ft_params p;
	struct ft_ctx ctx;
	struct sim sim;
	struct ft_ops ops;
	int rc;

	/* The MPU's region budget refuses maps of many banks; the properties
	 * below are about the plan, so the budget is lifted (unit-plan and
	 * the arm-mpu QEMU tests pin the refusal). */
	if (arch->regions) {
		unlimited = *arch;
		unlimited.regions = 0;
		arch = &unlimited;
	}

	ft_params_default(&p);
	p.policy = (enum ft_policy)((iter / nr_arch) % 3);
	unsigned pick = (unsigned)rnd_below(10);
	p.pdx_mode = pick < 7 ? FT_PDX_AUTO : (enum ft_pdx_mode)(pick - 6);
	if (rnd_below(8) == 0)
		p.desc_size = 32 + 8 * (unsigned)rnd_below(12);
	m.n = gen_banks(m.banks, 64, arch->page_shift);
	t->maps++;

	/* Feed banks in a shuffled order: the library sorts. */
	for (unsigned i = m.n; i > 1; i--) {
		unsigned j = (unsigned)rnd_below(i);
		struct ft_bank tmp = m.banks[i - 1];
		m.banks[i - 1] = m.banks[j];
		m.banks[j] = tmp;
	}
	/* A few reserved carve-outs inside RAM. */
	m.nres = 0;
	for (unsigned i = 0; i < 3 && rnd_below(2); i++) {
		const struct ft_bank *b = &m.banks[rnd_below(m.n)];
		uint64_t page = UINT64_C(1) << arch->page_shift;
		uint64_t off = rnd_below(b->size / page) * page;
		m.res[m.nres].base = b->base + off;
		m.res[m.nres].size = page * (1 + rnd_below(4));
		m.nres++;
	}

	enum top_kind kind = TOP_NONE;
	if (!arch->identity && rnd_below(4) == 0)
		kind = (enum top_kind)(1 + rnd_below(4));
	if (kind != TOP_NONE) {
		top = *arch;
		top_window(&top, kind == TOP_TIGHT ? TOP_AT_2_64 : kind, 0);
		arch = &top;
	}
	rc = load(&ctx, arch, &p, &m);
	if (kind == TOP_WRAPS) {
		if (rc != -FT_ERR_WINDOW_WRAPS) {
			printf("seed %#" PRIx64 " iter %u: window %#" PRIx64
			       "+%#" PRIx64 " wraps, ft_init says %d\n",
			       seed, iter, top.window_base, top.window_size,
			       rc);
			return -1;
		}
		t->wraps_refused++;
		return 0;
	}
	if (rc)
		return -1;
	if (kind == TOP_TIGHT) {
		/* Plan once at the top, then again in a window cut to the
		 * VA that plan used. */
		if (ft_plan(&ctx))
			return 0;
		const struct ft_chunk *lc = &ctx.st.chunks[ctx.nr_chunks - 1];
		top_window(&top, TOP_TIGHT, lc->va_end - top.window_base);
		if (load(&ctx, arch, &p, &m))
			return -1;
	}

	rc = ft_plan(&ctx);
	/* Banks are validated whatever the plan's outcome: the library's
	 * PDX schemes against Xen's on the same map (4K pages, as Xen). */
	if (arch->page_shift == 12 && ctx.nr_banks) {
		struct pdx_parity_figures f;
		char label[64];
		snprintf(label, sizeof(label), "seed %#" PRIx64 " iter %u",
			 seed, iter);
		t->vs_xen_pdx++;
		if (pdx_parity_check(label, m.banks, m.n, ctx.st.banks,
				     ctx.nr_banks, &f))
			return -1;
	}
	if (rc) {
		if (rc == -FT_ERR_WINDOW)
			t->window_errors++;
		else if (rc == -FT_ERR_CHUNK_TOO_BIG && arch->identity &&
			 ctx.err.need > ctx.err.have)
			t->nomem++; /* the one table fits no free range */
		else if (rc == -FT_ERR_PDX_UNFIT && p.pdx_mode == FT_PDX_OFFSET)
			t->pdx_unfit++;
		else if (rc == -FT_ERR_GROUPS_FULL &&
			 ctx.err.need > ctx.err.have)
			t->groups_full++; /* huge span, small groups: the
					     storage given is too small */
		else {
			printf("seed %#" PRIx64 " iter %u: plan failed: %s\n",
			       seed, iter, ft_strerror(rc));
			return -1;
		}
		if (!nothing_planned(&ctx)) {
			printf("seed %#" PRIx64
			       " iter %u: failed plan left chunks\n",
			       seed, iter);
			return -1;
		}
		return 0;
	}
	t->planned++;
	t->top_planned += kind != TOP_NONE;
	const char *why = descs_in_chunks(&ctx);
	if (why) {
		printf("seed %#" PRIx64 " iter %u (window %#" PRIx64
		       "+%#" PRIx64 "): plan returned 0 but %s\n",
		       seed, iter, arch->window_base, arch->window_size, why);
		return -1;
	}
	if (p.pdx_mode == FT_PDX_AUTO && !arch->identity && iter % 4 == 0) {
		t->vs_schemes++;
		if (check_auto_is_best(seed, iter, &ctx))
			return -1;
	}

	struct ft_stats st;
	ft_get_stats(&ctx, &st);
	uint64_t page = UINT64_C(1) << arch->page_shift;
	if (p.policy == FT_POLICY_MIN_MEMORY && !arch->identity &&
	    st.allocated_bytes > st.limit_bytes + 2 * page * ctx.nr_banks) {
		printf("seed %#" PRIx64 " iter %u: min-memory uses %" PRIu64
		       " bytes for a limit of %" PRIu64 "\n",
		       seed, iter, st.allocated_bytes, st.limit_bytes);
		return -1;
	}
	if (p.policy == FT_POLICY_DEFAULT && !arch->identity &&
	    p.group_order == -1) {
		static struct upstream_chunk upc[1024];
		struct upstream_figures up;
		uint64_t big_bank = 0, big_chunk = 0;
		int urc = upstream_model_chunks(
			ctx.st.banks, ctx.nr_banks, &ctx.pdx, arch, p.desc_size,
			arch->window_base, upc, 1024, &up);
		for (unsigned i = 0; i < ctx.nr_banks; i++)
			if (ctx.st.banks[i].size > big_bank)
				big_bank = ctx.st.banks[i].size;
		/* ft_plan's window_end: chunk ends are pages below 2^64. */
		uint64_t wend =
			arch->window_size > UINT64_MAX - arch->window_base
				? UINT64_MAX
				: arch->window_base + arch->window_size;
		wend &= ~(page - 1);
		bool in_window = true;
		for (uint64_t i = 0; i < up.nr_chunks && i < 1024; i++) {
			if (upc[i].bytes > big_chunk)
				big_chunk = upc[i].bytes;
			if (upc[i].va > wend || upc[i].bytes > wend - upc[i].va)
				in_window = false;
		}
		/* Upstream's layout must itself be placeable (every chunk
		 * in one bank, all in the window) for the comparison to mean
		 * anything. */
		if (!urc && up.nr_chunks <= 1024 && big_chunk <= big_bank &&
		    in_window && ++t->vs_upstream &&
		    (st.allocated_bytes > up.bytes ||
		     st.tlb_entries > up.tlb_entries)) {
			printf("seed %#" PRIx64 " iter %u: default (%" PRIu64
			       " B, %" PRIu64
			       " TLB) worse than upstream (%" PRIu64
			       " B, %" PRIu64 " TLB)\n",
			       seed, iter, st.allocated_bytes, st.tlb_entries,
			       up.bytes, up.tlb_entries);
			return -1;
		}
	}

	/* Injected failures first, on a copy of the planned context. */
	if (iter % 5 == 0) {
		struct ft_ctx copy = ctx;
		sim_init(&sim, &copy);
		sim_ops(&sim, &ops);
		sim.fail_alloc_at = (long)rnd_below(ctx.nr_chunks);
		rc = ft_place(&copy, &ops);
		if (rc && (rc != -FT_ERR_NOMEM || sim_check_clean(&sim) ||
			   copy.state != FT_STATE_PLANNED)) {
			printf("seed %#" PRIx64
			       " iter %u: injected alloc failure: rc %d, %s\n",
			       seed, iter, rc, sim.why);
			sim_fini(&sim);
			return -1;
		}
		if (!rc) {
			/* The allocator's retry with a smaller alignment
			 * absorbed the failure: then fail a map. */
			sim.fail_map_at = (long)rnd_below(4);
			rc = ft_apply(&copy, &ops);
			if (rc && (rc != -FT_ERR_MAP || sim_check_clean(&sim) ||
				   copy.state != FT_STATE_PLANNED)) {
				printf("seed %#" PRIx64
				       " iter %u: injected map failure: rc %d, "
				       "%s\n",
				       seed, iter, rc, sim.why);
				sim_fini(&sim);
				return -1;
			}
		}
		t->injected++;
		sim_fini(&sim);
	}

	sim_init(&sim, &ctx);
	sim_ops(&sim, &ops);
	rc = ft_place(&ctx, &ops);
	if (rc) {
		/* Random RAM can be too small for its own frametable. */
		if (rc != -FT_ERR_NOMEM || sim_check_clean(&sim) ||
		    ctx.state != FT_STATE_PLANNED) {
			printf("seed %#" PRIx64 " iter %u: place: %s %s\n",
			       seed, iter, ft_strerror(rc), sim.why);
			sim_fini(&sim);
			return -1;
		}
		t->nomem++;
		sim_fini(&sim);
		return 0;
	}
	rc = ft_apply(&ctx, &ops);
	if (!rc && !sim.why[0] && !descs_mapped(&ctx, &sim))
		snprintf(sim.why, sizeof(sim.why),
			 "a RAM frame's descriptor is not mapped");
	if (rc || sim_check(&sim, &ctx)) {
		printf("seed %#" PRIx64
		       " iter %u (%s/%s, %s, %u banks): %s %s\n",
		       seed, iter, arch->name, arch->variant,
		       ft_policy_name(p.policy), ctx.nr_banks,
		       rc ? ft_strerror(rc) : "", sim.why);
		sim_fini(&sim);
		return -1;
	}
	/* ft_mfn_valid means exactly "has a mapped descriptor". */
	const struct ft_bank *lb = &ctx.st.banks[ctx.nr_banks - 1];
	uint64_t lo = ctx.st.banks[0].base >> arch->page_shift;
	uint64_t hi = (lb->base + lb->size) >> arch->page_shift;
	for (int k = 0; k < 64; k++) {
		uint64_t mfn = lo - (lo ? 1 : 0) + rnd_below(hi - lo + 2);
		if (k & 1) {
			/* Near a bank edge, where ghosts and slack live. */
			const struct ft_bank *b =
				&ctx.st.banks[rnd_below(ctx.nr_banks)];
			mfn = ((k & 2) ? b->base + b->size : b->base) >>
			      arch->page_shift;
			mfn += rnd_below(1024) - 512;
		}
		uint64_t pdx = ft_pfn_to_pdx(&ctx.pdx, mfn);
		uint64_t d = p.desc_size, off = pdx - ctx.base_pdx;
		/* A descriptor past 2^64 exists nowhere: no wrapped VA. */
		bool in_va = pdx >= ctx.base_pdx &&
			     off <= (UINT64_MAX - ctx.window_base) / d &&
			     ctx.window_base + off * d <= UINT64_MAX - (d - 1);
		bool expect = ft_pdx_to_pfn(&ctx.pdx, pdx) == mfn && in_va &&
			      sim_mapped(&sim, ft_pdx_to_desc_va(&ctx, pdx), d);
		if (ft_mfn_valid(&ctx, mfn) != expect) {
			printf("seed %#" PRIx64 " iter %u: mfn_valid(%#" PRIx64
			       ") = %d, descriptor mapped = %d\n",
			       seed, iter, mfn, !expect, expect);
			sim_fini(&sim);
			return -1;
		}
	}
	if (sim_check_mfn_valid(&sim, &ctx, rnd())) {
		printf("seed %#" PRIx64 " iter %u: %s\n", seed, iter, sim.why);
		sim_fini(&sim);
		return -1;
	}
	rc = check_hot(&ctx, &m);
	if (rc < 0) {
		printf("seed %#" PRIx64 " iter %u: the above\n", seed, iter);
		sim_fini(&sim);
		return -1;
	}
	t->hot_checked += rc == 0;
	t->applied++;
	t->top_applied += kind != TOP_NONE;
	sim_fini(&sim);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed =
		argc > 1 ? strtoull(argv[1], NULL, 0) : UINT64_C(0x5eed);
	unsigned iters = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 10000;
	unsigned only = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : ~0u;
	struct totals t;
	int failures = 0;

	memset(&t, 0, sizeof(t));
	for (unsigned i = 0; i < iters; i++) {
		rng_state = seed ^
			    ((uint64_t)(i + 1) * UINT64_C(0x9e3779b97f4a7c15));
		if (only != ~0u && i != only)
			continue;
		if (one_map(seed, i, &t) && ++failures >= 10)
			break;
	}
	printf("%u maps: %u planned, %u applied and checked, %u too big for "
	       "the window, %u too big for their RAM, %u offset-unfit, %u "
	       "with injected failures, %u spans past the bitmap storage; %u "
	       "default plans no worse than "
	       "the upstream model; %u maps' PDX spans checked against Xen's, "
	       "%u auto plans against each single scheme's\n",
	       t.maps, t.planned, t.applied, t.window_errors, t.nomem,
	       t.pdx_unfit, t.injected, t.groups_full, t.vs_upstream,
	       t.vs_xen_pdx, t.vs_schemes);
	printf("windows at the top of the address space: %u planned, %u "
	       "applied and checked, %u wrapping ones refused\n",
	       t.top_planned, t.top_applied, t.wraps_refused);
	printf("%u plans sized by ft_storage_need and made again with a valid "
	       "map, ft_mfn_valid compared around every chunk edge\n",
	       t.hot_checked);
	if (t.applied < iters / 4 || t.hot_checked < iters / 8 ||
	    t.vs_upstream < iters / 20 || t.vs_xen_pdx < iters / 10 ||
	    t.vs_schemes < iters / 40 || t.top_applied < iters / 50 ||
	    t.wraps_refused < iters / 100) {
		printf("FAIL: too few maps reached apply\n");
		failures++;
	}
	printf("%s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
