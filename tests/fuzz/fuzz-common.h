/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared by the fuzz targets (tests/fuzz/fuzz-*.c): the pipeline
 * plan -> place -> apply on the sim arch, and the checks of DESIGN.md's
 * invariants at every step. Any violation prints what broke on stderr and
 * traps, which libFuzzer reports as a crash (and the replay driver, built
 * with plain gcc, as an abort).
 *
 * Each target is one translation unit: this header holds static functions
 * and is included once. See docs/fuzzing.md.
 */
#ifndef FRAMETABLE_TESTS_FUZZ_COMMON_H
#define FRAMETABLE_TESTS_FUZZ_COMMON_H

#include "sim.h"
#include "fuzz-fail.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Generous static storage: 1024 banks, 512 reserved ranges, 4096 chunks,
 * 2^19 bitmap words (2^25 groups on a 64-bit host). */
#define FZ_MAX_BANKS	1024
#define FZ_MAX_RESERVED 512
#define FZ_MAX_CHUNKS	4096
FT_STORAGE_DEFINE(fz, FZ_MAX_BANKS, FZ_MAX_RESERVED, FZ_MAX_CHUNKS, 1 << 19, 0);

/* The sim holds 8192 free ranges inline: keep it off the stack. */
static struct sim fz_sim;
static struct ft_chunk fz_snap[FZ_MAX_CHUNKS];

/* rc is 0 or a code of the closed set, and the context names it. */
static void fz_check_rc(const struct ft_ctx *ctx, int rc, const char *what,
			bool ctx_err)
{
	if (rc == 0)
		return;
	if (rc > 0 || rc <= -FT_ERR_COUNT_)
		fz_fail("%s returned %d, outside the closed error set", what,
			rc);
	if (!strcmp(ft_strerror(rc), "unknown error"))
		fz_fail("%s returned %d, which ft_strerror does not name", what,
			rc);
	if (ctx_err && ctx->err.code != rc)
		fz_fail("%s returned %d (%s) but ctx->err.code is %d", what, rc,
			ft_strerror(rc), ctx->err.code);
}

static void fz_check_unplanned(const struct ft_ctx *ctx, const char *what)
{
	if (ctx->nr_chunks != 0 || ctx->state != FT_STATE_BANKS)
		fz_fail("after a failed %s: %u chunks, state %d (want 0, "
			"BANKS)",
			what, ctx->nr_chunks, (int)ctx->state);
}

/* The plan, before anything is placed: chunks sorted, disjoint, page
 * aligned, inside the window, holding their descriptors; figures sane. */
static void fz_check_plan(const struct ft_ctx *ctx)
{
	const struct ft_arch *a = ctx->arch;
	uint64_t page = UINT64_C(1) << a->page_shift;
	uint64_t d = ctx->params.desc_size, bytes = 0, frames = 0;
	struct ft_stats st;

	if (ctx->state != FT_STATE_PLANNED)
		fz_fail("ft_plan returned 0 but state is %d", (int)ctx->state);
	if (ctx->nr_chunks == 0 || ctx->nr_chunks > ctx->st.max_chunks)
		fz_fail("planned %u chunks", ctx->nr_chunks);
	if (ctx->nr_banks == 0)
		fz_fail("planned with no banks");
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		if (!b->size || (b->base | b->size) & (page - 1) ||
		    b->base + b->size < b->base)
			fz_fail("validated bank %u %#" PRIx64 "+%#" PRIx64
				" is empty, unaligned or wraps",
				i, b->base, b->size);
		if (i &&
		    ctx->st.banks[i - 1].base + ctx->st.banks[i - 1].size >=
			    b->base)
			fz_fail("validated banks %u and %u overlap or touch",
				i - 1, i);
		frames += b->size >> a->page_shift;
		/* The PDX translation round-trips at the bank's edges. */
		uint64_t f0 = b->base >> a->page_shift;
		uint64_t f1 = f0 + (b->size >> a->page_shift) - 1;
		if (ft_pdx_to_pfn(&ctx->pdx, ft_pfn_to_pdx(&ctx->pdx, f0)) !=
			    f0 ||
		    ft_pdx_to_pfn(&ctx->pdx, ft_pfn_to_pdx(&ctx->pdx, f1)) !=
			    f1)
			fz_fail("bank %u: PDX does not round-trip at its edges",
				i);
	}
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		if (c->va_start >= c->va_end ||
		    (c->va_start | c->va_end) & (page - 1))
			fz_fail("chunk %u [%#" PRIx64 ", %#" PRIx64
				") empty or not page aligned",
				i, c->va_start, c->va_end);
		if (i && ctx->st.chunks[i - 1].va_end > c->va_start)
			fz_fail("chunks %u and %u overlap or are unsorted",
				i - 1, i);
		if (c->pa != FT_PA_NONE)
			fz_fail("chunk %u has a PA before ft_place", i);
		if (c->pdx_start > c->pdx_end ||
		    (c->pdx_start < c->pdx_end &&
		     (ft_pdx_to_desc_va(ctx, c->pdx_start) < c->va_start ||
		      ft_pdx_to_desc_va(ctx, c->pdx_end) > c->va_end)))
			fz_fail("chunk %u: descriptors %#" PRIx64 "..%#" PRIx64
				" outside its VA",
				i, c->pdx_start, c->pdx_end);
		if (!a->identity &&
		    (c->va_start < a->window_base ||
		     c->va_end - a->window_base > a->window_size))
			fz_fail("chunk %u [%#" PRIx64 ", %#" PRIx64
				") outside the window",
				i, c->va_start, c->va_end);
		bytes += c->va_end - c->va_start;
	}
	ft_get_stats(ctx, &st);
	if (st.nr_chunks != ctx->nr_chunks || st.allocated_bytes != bytes)
		fz_fail("stats: %" PRIu64 " chunks, %" PRIu64
			" bytes; plan has %u, %" PRIu64,
			st.nr_chunks, st.allocated_bytes, ctx->nr_chunks,
			bytes);
	if (st.ram_frames != frames)
		fz_fail("stats: %" PRIu64 " RAM frames, banks hold %" PRIu64,
			st.ram_frames, frames);
	if (st.allocated_bytes / d < st.ram_frames)
		fz_fail("%" PRIu64 " bytes cannot hold %" PRIu64 " descriptors",
			st.allocated_bytes, st.ram_frames);
}

/* After a failed ft_place / ft_apply: back to "planned", nothing held,
 * the chunks as the planner left them. */
static void fz_check_unwound(const struct ft_ctx *ctx, struct sim *s,
			     const char *what)
{
	if (sim_check_clean(s))
		fz_fail("after a failed %s: %s", what, s->why);
	if (ctx->state != FT_STATE_PLANNED)
		fz_fail("after a failed %s: state %d, want PLANNED", what,
			(int)ctx->state);
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i], *o = &fz_snap[i];
		if (c->pa != FT_PA_NONE || c->va_start != o->va_start ||
		    c->va_end != o->va_end || c->pdx_start != o->pdx_start ||
		    c->pdx_end != o->pdx_end || c->pa_align != o->pa_align)
			fz_fail("after a failed %s: chunk %u not restored "
				"(va %#" PRIx64 "..%#" PRIx64 " pa %#" PRIx64
				" align %#" PRIx64 "; planned %#" PRIx64
				"..%#" PRIx64 " align %#" PRIx64 ")",
				what, i, c->va_start, c->va_end, c->pa,
				c->pa_align, o->va_start, o->va_end,
				o->pa_align);
	}
}

/* ft_mfn_valid(mfn) == "the descriptor of mfn lies wholly in a mapping". */
static void fz_check_mfn(const struct ft_ctx *ctx, const struct sim *s,
			 uint64_t mfn)
{
	uint64_t d = ctx->params.desc_size;
	uint64_t pdx = ft_pfn_to_pdx(&ctx->pdx, mfn), off, va;
	bool expect = ft_pdx_to_pfn(&ctx->pdx, pdx) == mfn &&
		      pdx >= ctx->base_pdx &&
		      !__builtin_mul_overflow(pdx - ctx->base_pdx, d, &off) &&
		      !__builtin_add_overflow(ctx->window_base, off, &va) &&
		      va + d > va && sim_mapped(s, va, d);

	if (ft_mfn_valid(ctx, mfn) != expect)
		fz_fail("ft_mfn_valid(%#" PRIx64 ") = %d but its descriptor is "
			"%smapped (pdx %#" PRIx64 ")",
			mfn, !expect, expect ? "" : "not ", pdx);
}

/* Frames where ghosts and slack live: bank and chunk edges. */
static void fz_check_mfn_edges(const struct ft_ctx *ctx, const struct sim *s)
{
	unsigned ps = ctx->arch->page_shift;
	unsigned nb = ctx->nr_banks < 64 ? ctx->nr_banks : 64;
	unsigned nc = ctx->nr_chunks < 64 ? ctx->nr_chunks : 64;

	for (unsigned i = 0; i < nb; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t f0 = b->base >> ps, f1 = (b->base + b->size) >> ps;
		fz_check_mfn(ctx, s, f0 - 1);
		fz_check_mfn(ctx, s, f0);
		fz_check_mfn(ctx, s, f1 - 1);
		fz_check_mfn(ctx, s, f1);
	}
	for (unsigned i = 0; i < nc; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		uint64_t p[6] = {c->pdx_start - 1,
				 c->pdx_start,
				 c->pdx_end - 1,
				 c->pdx_end,
				 ft_desc_va_to_pdx(ctx, c->va_start),
				 ft_desc_va_to_pdx(ctx, c->va_end - 1)};
		for (unsigned k = 0; k < 6; k++)
			fz_check_mfn(ctx, s, ft_pdx_to_pfn(&ctx->pdx, p[k]));
	}
}

struct fz_opts {
	long fail_alloc_at, fail_map_at; /* -1: no injected failure */
	const uint64_t *mfns;		 /* extra frames for ft_mfn_valid */
	unsigned nr_mfns;
};

/* Place on a fresh sim with the given injected failures. Returns 0 when
 * the plan was placed and applied (the sim then holds it), 1 when it
 * failed cleanly (the sim was released). */
static int fz_place_apply(struct ft_ctx *ctx, long fail_alloc, long fail_map)
{
	struct sim *s = &fz_sim;
	struct ft_ops ops;
	int rc;

	memset(&ops, 0, sizeof(ops));
	rc = sim_init(s, ctx);
	if (rc) {
		/* More free ranges than the sim's allocator holds: a limit of
		 * the test rig, not of the library. */
		fz_check_rc(ctx, rc, "sim_init (ft_bootalloc_from_ctx)", false);
		sim_fini(s);
		return 1;
	}
	sim_ops(s, &ops);
	s->fail_alloc_at = fail_alloc;
	s->fail_map_at = fail_map;
	rc = ft_place(ctx, &ops);
	fz_check_rc(ctx, rc, "ft_place", true);
	if (rc) {
		if (rc != -FT_ERR_NOMEM)
			fz_fail("ft_place on the sim failed with %s",
				ft_strerror(rc));
		fz_check_unwound(ctx, s, "ft_place");
		sim_fini(s);
		return 1;
	}
	if (ctx->state != FT_STATE_PLACED)
		fz_fail("ft_place returned 0 but state is %d", (int)ctx->state);
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		if (c->pa == FT_PA_NONE ||
		    (c->pa_align && (c->pa - c->va_start) & (c->pa_align - 1)))
			fz_fail("chunk %u placed at %#" PRIx64
				", not congruent to va %#" PRIx64
				" modulo %#" PRIx64,
				i, c->pa, c->va_start, c->pa_align);
	}
	rc = ft_apply(ctx, &ops);
	fz_check_rc(ctx, rc, "ft_apply", true);
	if (rc) {
		if (rc != -FT_ERR_MAP || fail_map < 0)
			fz_fail("ft_apply on the sim failed with %s: %s",
				ft_strerror(rc), s->why);
		fz_check_unwound(ctx, s, "ft_apply");
		sim_fini(s);
		return 1;
	}
	if (ctx->state != FT_STATE_APPLIED)
		fz_fail("ft_apply returned 0 but state is %d", (int)ctx->state);
	return 0;
}

/* The whole pipeline on a context whose banks are declared. */
static void fz_pipeline(struct ft_ctx *ctx, const struct fz_opts *o)
{
	struct sim *s = &fz_sim;
	int rc = ft_plan(ctx);

	fz_check_rc(ctx, rc, "ft_plan", true);
	if (rc) {
		fz_note("ft_plan: %s", ft_strerror(rc));
		fz_check_unplanned(ctx, "ft_plan");
		return;
	}
	fz_check_plan(ctx);
	memcpy(fz_snap, ctx->st.chunks, ctx->nr_chunks * sizeof(fz_snap[0]));
	if (o->fail_alloc_at >= 0 || o->fail_map_at >= 0) {
		/* Injected failures must unwind to a plan that still works. */
		if (fz_place_apply(ctx, o->fail_alloc_at, o->fail_map_at) ==
		    0) {
			/* The failure was absorbed (retry with a smaller
			 * alignment) or never reached: a full run. */
			goto check;
		}
	}
	if (fz_place_apply(ctx, -1, -1)) {
		fz_note("planned %u chunks; ft_place: boot allocator ran dry",
			ctx->nr_chunks);
		return; /* the RAM cannot hold its own frametable */
	}
check:
	if (sim_check(s, ctx))
		fz_fail("sim_check: %s", s->why);
	fz_check_mfn_edges(ctx, s);
	for (unsigned i = 0; i < o->nr_mfns; i++)
		fz_check_mfn(ctx, s, o->mfns[i]);
	fz_note("applied and checked: %u banks, %u chunks, %zu mappings",
		ctx->nr_banks, ctx->nr_chunks, s->nr_maps);
	sim_fini(s);
}

#endif
