/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan's readable report (docs/ftplan.md, "The report"): the parameters,
 * the banks with their descriptors' VAs, the reserved ranges, the chunks,
 * the TLB entries by size, the totals and the dense layout it replaces.
 * Only numbers and the arch's own names: no byte of the input.
 */
#include "ftplan.h"
#include "banksfile.h"
#include "pdxsizes.h"
#include "planjson.h"

#include <inttypes.h>

static void print_pdx_detail(FILE *f, const struct ft_pdx *p, bool identity)
{
	switch (p->mode) {
	case FT_PDX_MASK:
		if (p->hole_bits)
			fprintf(f, " (pfn bits %u..%u squeezed out)",
				p->hole_shift,
				p->hole_shift + p->hole_bits - 1);
		else
			fputs(" (no hole bits: pdx == pfn)", f);
		break;
	case FT_PDX_OFFSET:
		/* An identity arch's packed layout: its PDX slots are fine
		 * granules, several to a region (lib/pdx-offset-packed.c). */
		fprintf(f,
			identity
				? " (packed: %u PDX granules, %u-entry table, "
				  "pfn shift %u, pdx shift %u)"
				: " (%u regions, %u-entry table, pfn shift %u, "
				  "pdx shift %u)",
			p->nr_regions, p->slots, p->pfn_shift, p->pdx_shift);
		break;
	default:
		break;
	}
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

struct summary {
	uint64_t count[FT_MAX_MAP_SIZES];
};

static int sum_mapping(void *arg, const struct ft_mapping *m)
{
	struct summary *s = arg;

	s->count[m->size_class] += m->count;
	return 0;
}

/* The one array of an identity arch under each scheme, against the
 * physical limit (report/pdxsizes.h). */
static void print_pdx_sizes(FILE *out, const struct ft_ctx *ctx)
{
	static const char *const name[] = {"PDX none", "mask (Xen)",
					   "offset (Xen, 1G)", "this plan"};
	struct ft_pdx_sizes z;
	char h[32];

	ft_pdx_sizes_get(ctx, &z);
	const uint64_t v[] = {z.none, z.mask, z.offset_xen, z.plan};
	fprintf(out, "\nidentity table by PDX scheme (page rounded)\n");
	for (unsigned i = 0; i < 4; i++) {
		if (!v[i]) {
			fprintf(out, "  %-18s cannot represent this map\n",
				name[i]);
			continue;
		}
		fprintf(out, "  %-18s %" PRIu64 " bytes (%s): %.4fx limit\n",
			name[i], v[i], banksfile_human(v[i], h, sizeof(h)),
			ratio(v[i], z.limit));
	}
}

void ftplan_print_report(FILE *out, const char *path, const struct ft_ctx *ctx,
			 const struct ft_stats *s)
{
	const struct ft_arch *a = ctx->arch;
	bool placed = ctx->state >= FT_STATE_PLACED;
	char h[32], h2[32];
	struct summary sum = {{0}};

	fprintf(out, "ftplan " FT_VERSION ": %s\n", path);
	fprintf(out, "arch          %s%s%s\n", a->name, *a->variant ? "/" : "",
		a->variant);
	fprintf(out, "granule       %s\n",
		banksfile_human(UINT64_C(1) << a->page_shift, h, sizeof(h)));
	fprintf(out, "desc size     %" PRIu32 " bytes\n",
		ctx->params.desc_size);
	fprintf(out, "pdx           %s", ft_pdx_mode_name(ctx->pdx.mode));
	if (ctx->params.pdx_mode == FT_PDX_AUTO)
		fputs(", chosen by --pdx auto", out);
	print_pdx_detail(out, &ctx->pdx, ctx->arch->identity);
	fprintf(out, "\ngroup order   %u (%" PRIu64 " frames per group)\n",
		ctx->group_order, UINT64_C(1) << ctx->group_order);
	fprintf(out, "base pdx      0x%" PRIx64 "\n", ctx->base_pdx);
	if (a->identity)
		fprintf(out, "window        identity (VA == PA)%s\n",
			a->window_size ? ", capped" : "");
	else
		fprintf(out, "window        0x%" PRIx64 ", %s\n",
			a->window_base,
			banksfile_human(a->window_size, h, sizeof(h)));
	fprintf(out, "policy        %s\n", ft_policy_name(ctx->params.policy));
	fprintf(out, "placed        %s\n",
		placed ? "yes, by the boot allocator over RAM minus reserved"
		       : "no (--no-place)");

	fprintf(out, "\nbanks (%u, sorted and merged)\n", ctx->nr_banks);
	fprintf(out, "  %-4s %-18s %-12s %-20s %s\n", "#", "base", "size",
		"desc_va", "desc_va_end");
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t va, va_end;
		ft_bank_desc_range(ctx, b, &va, &va_end);
		fprintf(out,
			"  %-4u 0x%-16" PRIx64 " %-12s 0x%-18" PRIx64
			" 0x%" PRIx64 "\n",
			i, b->base, banksfile_human(b->size, h, sizeof(h)), va,
			va_end);
	}
	if (ctx->nr_reserved) {
		fprintf(out, "\nreserved (%u, merged)\n", ctx->nr_reserved);
		for (unsigned i = 0; i < ctx->nr_reserved; i++) {
			const struct ft_bank *b = &ctx->st.reserved[i];
			fprintf(out, "  %-4u 0x%-16" PRIx64 " %s\n", i, b->base,
				banksfile_human(b->size, h, sizeof(h)));
		}
	}

	fprintf(out, "\nchunks (%u)\n", ctx->nr_chunks);
	fprintf(out, "  %-4s %-20s %-20s %-20s %-12s %s\n", "#", "va", "va_end",
		"pa", "bytes", "pdx");
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		char pa[24];
		if (c->pa == FT_PA_NONE)
			snprintf(pa, sizeof(pa), "-");
		else
			snprintf(pa, sizeof(pa), "0x%" PRIx64, c->pa);
		fprintf(out,
			"  %-4u 0x%-18" PRIx64 " 0x%-18" PRIx64
			" %-20s %-12s 0x%" PRIx64 "..0x%" PRIx64 "\n",
			i, c->va_start, c->va_end, pa,
			banksfile_human(c->va_end - c->va_start, h, sizeof(h)),
			c->pdx_start, c->pdx_end);
	}

	ft_for_each_mapping(ctx, sum_mapping, &sum);
	fprintf(out, "\nmappings (TLB entries by size)\n");
	for (unsigned k = a->nr_sizes; k-- > 0;) {
		if (!sum.count[k])
			continue;
		fprintf(out, "  %-12s %" PRIu64 "\n", a->sizes[k].name,
			sum.count[k]);
	}

	fprintf(out, "\ntotals\n");
	fprintf(out,
		"  physical limit     %" PRIu64 " bytes (%s): %" PRIu64
		" RAM frames x %" PRIu32 "\n",
		s->limit_bytes, banksfile_human(s->limit_bytes, h, sizeof(h)),
		s->ram_frames, ctx->params.desc_size);
	fprintf(out,
		"  allocated          %" PRIu64 " bytes (%s): %.4fx limit\n",
		s->allocated_bytes,
		banksfile_human(s->allocated_bytes, h, sizeof(h)),
		ratio(s->allocated_bytes, s->limit_bytes));
	fprintf(out, "  ghost descriptors  %" PRIu64 "\n", s->ghost_descs);
	fprintf(out, "  page-table pages   %" PRIu64 "\n", s->pt_pages);
	fprintf(out, "  TLB entries        %" PRIu64 "\n", s->tlb_entries);
	fprintf(out, "\ndense layout (one table from the first to the last RAM "
		     "frame)\n");
	fprintf(out,
		"  with this PDX      %" PRIu64 " bytes (%s), %" PRIu64
		" TLB entries, %" PRIu64 " pt pages: %.2fx this plan\n",
		s->dense_bytes, banksfile_human(s->dense_bytes, h, sizeof(h)),
		s->dense_tlb_entries, s->dense_pt_pages,
		ratio(s->dense_bytes, s->allocated_bytes));
	fprintf(out,
		"  without PDX        %" PRIu64
		" bytes (%s): %.2fx this plan\n",
		s->dense_nopdx_bytes,
		banksfile_human(s->dense_nopdx_bytes, h2, sizeof(h2)),
		ratio(s->dense_nopdx_bytes, s->allocated_bytes));
	if (ctx->arch->identity)
		print_pdx_sizes(out, ctx);
}
