/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Property test: thousands of random memory maps (1..64 banks, spans up to
 * 2^48 bytes), for every arch description and policy, planned, placed and
 * applied on the sim arch; every invariant of DESIGN.md is checked by
 * sim_check(), errors must leave nothing behind, and injected allocator and
 * map failures must unwind completely. Seeded: a failure prints its seed
 * and iteration, and `prop-random SEED ITERATIONS` replays it.
 */
#include "pdx-parity.h"
#include "sim.h"
#include "testutil.h"
#include "upstream-model.h"

#include <string.h>

FT_STORAGE_DEFINE(prop, 256, 64, 1024, 1 << 20);
FT_STORAGE_DEFINE(alt, 256, 64, 1024, 1 << 20);

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
		bool tlb_first = pol == FT_POLICY_MIN_TLB;
		uint64_t a1 =
			tlb_first ? ours.tlb_entries : ours.allocated_bytes;
		uint64_t a2 =
			tlb_first ? ours.allocated_bytes : ours.tlb_entries;
		uint64_t b1 =
			tlb_first ? other.tlb_entries : other.allocated_bytes;
		uint64_t b2 =
			tlb_first ? other.allocated_bytes : other.tlb_entries;
		if (a1 > b1 || (a1 == b1 && a2 > b2)) {
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
		injected, groups_full, vs_upstream, vs_xen_pdx, vs_schemes;
};

static int one_map(uint64_t seed, unsigned iter, struct totals *t)
{
	static struct ft_bank banks[64];
	unsigned nr_arch = 0;
	while (ft_arch_nth(nr_arch))
		nr_arch++;
	const struct ft_arch *arch = ft_arch_nth(iter % nr_arch);
	struct ft_params p;
	struct ft_ctx ctx;
	struct sim sim;
	struct ft_ops ops;
	int rc;

	ft_params_default(&p);
	p.policy = (enum ft_policy)((iter / nr_arch) % 3);
	unsigned pick = (unsigned)rnd_below(10);
	p.pdx_mode = pick < 7 ? FT_PDX_AUTO : (enum ft_pdx_mode)(pick - 6);
	if (rnd_below(8) == 0)
		p.desc_size = 32 + 8 * (unsigned)rnd_below(12);
	unsigned n = gen_banks(banks, 64, arch->page_shift);
	t->maps++;

	if (ft_init(&ctx, arch, &p, &prop_storage))
		return -1;
	/* Feed banks in a shuffled order: the library sorts. */
	for (unsigned i = n; i > 1; i--) {
		unsigned j = (unsigned)rnd_below(i);
		struct ft_bank tmp = banks[i - 1];
		banks[i - 1] = banks[j];
		banks[j] = tmp;
	}
	for (unsigned i = 0; i < n; i++)
		if (ft_add_bank(&ctx, banks[i].base, banks[i].size))
			return -1;
	/* A few reserved carve-outs inside RAM. */
	for (unsigned i = 0; i < 3 && rnd_below(2); i++) {
		const struct ft_bank *b = &banks[rnd_below(n)];
		uint64_t page = UINT64_C(1) << arch->page_shift;
		uint64_t off = rnd_below(b->size / page) * page;
		ft_add_reserved(&ctx, b->base + off, page * (1 + rnd_below(4)));
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
		if (pdx_parity_check(label, banks, n, ctx.st.banks,
				     ctx.nr_banks, &f))
			return -1;
	}
	if (rc) {
		if (rc == -FT_ERR_WINDOW)
			t->window_errors++;
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
		for (uint64_t i = 0; i < up.nr_chunks && i < 1024; i++)
			if (upc[i].bytes > big_chunk)
				big_chunk = upc[i].bytes;
		/* Upstream's layout must itself be placeable (every chunk
		 * in one bank) for the comparison to mean anything. */
		if (!urc && up.nr_chunks <= 1024 && big_chunk <= big_bank &&
		    ++t->vs_upstream &&
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
		bool expect = ft_pdx_to_pfn(&ctx.pdx, pdx) == mfn &&
			      pdx >= ctx.base_pdx &&
			      sim_mapped(&sim, ft_pdx_to_desc_va(&ctx, pdx),
					 p.desc_size);
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
	t->applied++;
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
	if (t.applied < iters / 4 || t.vs_upstream < iters / 20 ||
	    t.vs_xen_pdx < iters / 10 || t.vs_schemes < iters / 40) {
		printf("FAIL: too few maps reached apply\n");
		failures++;
	}
	printf("%s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
