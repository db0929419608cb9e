/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Statistics of a plan, and of the dense layout it replaces.
 *
 * The physical limit is RAM frames x descriptor size: no layout can use
 * less. Allocated bytes are what the chunks map. TLB entries count each
 * page, block or contiguous-hint run once; page-table pages count the
 * tables below the root that the frametable's leaves need.
 *
 * The dense layout is Xen/Arm's before sparse frametables: one table from
 * the first to the last RAM frame's PDX, at the window's start, rounded up
 * to 2 MiB (32 MiB when at least 32 MiB), its PA 32 MiB aligned, so it
 * may use mappings up to 32 MiB. It is reported with this plan's PDX and
 * without PDX compression, so a report shows both savings.
 */
#include "plan-internal.h"

struct stats_walk {
	struct ft_pt_counter pt;
	uint64_t tlb;
};

static int count_mapping(void *arg, const struct ft_mapping *m)
{
	struct stats_walk *w = arg;

	w->tlb += m->count;
	ft_pt_counter_add(&w->pt, m->va, m->count, m->size_class);
	return 0;
}

static void count_dense_run(void *arg, uint64_t va, uint64_t count,
			    unsigned size_class)
{
	struct stats_walk *w = arg;

	w->tlb += count;
	ft_pt_counter_add(&w->pt, va, count, size_class);
}

/* A dense table behind an MMU is mapped in 2 MiB blocks (32 MiB runs once
 * it is that large), as Xen's setup_frametable_mappings does; an identity
 * arch has no blocks to fill, so its one array ends at the next page. */
static uint64_t dense_round(uint64_t bytes, uint64_t page, bool identity)
{
	const uint64_t mb2 = UINT64_C(2) << 20, mb32 = UINT64_C(32) << 20;
	uint64_t r = bytes < mb32 ? mb2 : mb32;

	if (identity || r < page)
		r = page;
	return bytes > UINT64_MAX - r ? UINT64_MAX : ft_round_up(bytes, r);
}

/* Figures saturate rather than wrap: a 2^52-frame map with 2^32-byte
 * descriptors has a limit past 2^64, and a wrapped one would look small. */
static uint64_t mul_sat(uint64_t a, uint64_t b)
{
	return b && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

void ft_get_stats(const struct ft_ctx *ctx, struct ft_stats *st)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t d = ctx->params.desc_size;
	uint64_t page = UINT64_C(1) << arch->page_shift;
	uint64_t descs = 0, first, pe;
	struct stats_walk w;

	ft_zero(st, sizeof(*st));
	if (ctx->state < FT_STATE_PLANNED)
		return;
	for (unsigned i = 0; i < ctx->nr_banks; i++)
		st->ram_frames += ctx->st.banks[i].size >> arch->page_shift;
	st->limit_bytes = mul_sat(st->ram_frames, d);
	st->nr_chunks = ctx->nr_chunks;
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		st->allocated_bytes =
			add_sat(st->allocated_bytes, c->va_end - c->va_start);
		descs = add_sat(descs, c->pdx_end - c->pdx_start);
	}
	st->ghost_descs = descs - st->ram_frames;
	ft_pt_counter_init(&w.pt, arch);
	w.tlb = 0;
	ft_for_each_mapping(ctx, count_mapping, &w);
	st->tlb_entries = w.tlb;
	st->pt_pages = arch->identity ? 0 : w.pt.pages;

	ft_bank_pdx_range(ctx, 0, &first, &pe);
	st->dense_bytes = dense_round(mul_sat(ctx->max_pdx - first, d), page,
				      arch->identity);
	const struct ft_bank *lb = &ctx->st.banks[ctx->nr_banks - 1];
	uint64_t pfn_span = ((lb->base + lb->size) >> arch->page_shift) -
			    (ctx->st.banks[0].base >> arch->page_shift);
	st->dense_nopdx_bytes =
		dense_round(mul_sat(pfn_span, d), page, arch->identity);
	if (arch->identity) {
		st->dense_tlb_entries = 1;
		return;
	}
	ft_pt_counter_init(&w.pt, arch);
	w.tlb = 0;
	/* Entries and tables depend on the base only modulo what one root
	 * entry covers: counting there keeps a window near 2^64 from
	 * saturating its end and miscounting. */
	uint64_t base = arch->window_base;
	if (arch->nr_levels && arch->level_shift[0] < 64)
		base &= (UINT64_C(1) << arch->level_shift[0]) - 1;
	uint64_t end = st->dense_bytes > UINT64_MAX - base
			       ? UINT64_MAX
			       : base + st->dense_bytes;
	uint64_t align =
		ft_min64(ft_best_align(arch, base, end), UINT64_C(32) << 20);
	ft_cut_mappings(arch, base, ft_round_down(end, page), align,
			count_dense_run, &w);
	st->dense_tlb_entries = w.tlb;
	st->dense_pt_pages = w.pt.pages;
}
