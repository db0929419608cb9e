/* SPDX-License-Identifier: BSD-2-Clause */
/* The plan as JSON through a character callback: see planjson.h. */
#include "planjson.h"
#include "pdxsizes.h"

struct jw {
	ft_json_putc out;
	void *arg;
	const struct ft_arch *arch;
	bool first;
};

static void put_s(struct jw *w, const char *s)
{
	ft_put_str(w->out, w->arg, s);
}

static void put_hex(struct jw *w, uint64_t v)
{
	ft_put_hex(w->out, w->arg, v);
}

static void put_dec(struct jw *w, uint64_t v)
{
	ft_put_dec(w->out, w->arg, v);
}

static void put_str(struct jw *w, const char *s)
{
	w->out(w->arg, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			w->out(w->arg, '\\');
			w->out(w->arg, (char)c);
		} else if (c < 0x20) {
			put_s(w, "\\u00");
			w->out(w->arg, "0123456789abcdef"[c >> 4]);
			w->out(w->arg, "0123456789abcdef"[c & 15]);
		} else {
			w->out(w->arg, (char)c);
		}
	}
	w->out(w->arg, '"');
}

static void key(struct jw *w, const char *k)
{
	w->out(w->arg, '"');
	put_s(w, k);
	put_s(w, "\": ");
}

static void hex_field(struct jw *w, const char *k, uint64_t v, const char *sep)
{
	key(w, k);
	w->out(w->arg, '"');
	put_hex(w, v);
	w->out(w->arg, '"');
	put_s(w, sep);
}

static void null_field(struct jw *w, const char *k, const char *sep)
{
	key(w, k);
	put_s(w, "null");
	put_s(w, sep);
}

static void pa_field(struct jw *w, const char *k, uint64_t pa, const char *sep)
{
	if (pa == FT_PA_NONE)
		null_field(w, k, sep);
	else
		hex_field(w, k, pa, sep);
}

static void num_field(struct jw *w, const char *k, uint64_t v, const char *sep)
{
	key(w, k);
	put_dec(w, v);
	put_s(w, sep);
}

/* A byte count that 0 means "cannot represent this map": null then. */
static void size_field(struct jw *w, const char *k, uint64_t v, const char *sep)
{
	if (v)
		num_field(w, k, v, sep);
	else
		null_field(w, k, sep);
}

/* An identity arch's one array under each PDX scheme (pdxsizes.h), so
 * that a boot stub's figures are compared with ftplan's like the plan. */
static void pdx_sizes(struct jw *w, const struct ft_ctx *ctx)
{
	struct ft_pdx_sizes z;

	ft_pdx_sizes_get(ctx, &z);
	put_s(w, ",\n  \"pdx_sizes\": {\n    ");
	size_field(w, "none", z.none, ",\n    ");
	size_field(w, "mask", z.mask, ",\n    ");
	size_field(w, "offset_xen", z.offset_xen, ",\n    ");
	num_field(w, "plan", z.plan, ",\n    ");
	num_field(w, "limit", z.limit, "\n  }");
}

void ft_bank_desc_range(const struct ft_ctx *ctx, const struct ft_bank *b,
			uint64_t *va, uint64_t *va_end)
{
	unsigned shift = ctx->arch->page_shift;
	uint64_t last = ((b->base + b->size) >> shift) - 1;

	*va = ft_mfn_to_desc_va(ctx, b->base >> shift);
	*va_end = ft_mfn_to_desc_va(ctx, last) + ctx->params.desc_size;
}

static int mapping(void *arg, const struct ft_mapping *m)
{
	struct jw *w = arg;
	const struct ft_map_size *sz = &w->arch->sizes[m->size_class];

	for (uint64_t k = 0; k < m->count; k++) {
		uint64_t off = k * m->size;
		put_s(w, w->first ? "\n    {" : ",\n    {");
		w->first = false;
		hex_field(w, "va", m->va + off, ", ");
		pa_field(w, "pa", m->pa == FT_PA_NONE ? m->pa : m->pa + off,
			 ", ");
		hex_field(w, "size", m->size, ", ");
		key(w, "contig");
		put_s(w, sz->contig ? "true, " : "false, ");
		key(w, "class");
		put_str(w, sz->name);
		w->out(w->arg, '}');
	}
	return 0;
}

void ft_plan_write_json(const struct ft_ctx *ctx, ft_json_putc out, void *arg)
{
	const struct ft_arch *a = ctx->arch;
	struct jw w = {out, arg, a, true};
	struct ft_stats s;

	ft_get_stats(ctx, &s);
	put_s(&w, "{\n  ");
	key(&w, "version");
	put_str(&w, FT_VERSION);
	put_s(&w, ",\n  ");
	key(&w, "arch");
	put_str(&w, a->name);
	put_s(&w, ",\n  ");
	key(&w, "variant");
	put_str(&w, a->variant);
	put_s(&w, ",\n  ");
	num_field(&w, "granule", UINT64_C(1) << a->page_shift, ",\n  ");
	num_field(&w, "desc_size", ctx->params.desc_size, ",\n  ");
	num_field(&w, "pa_bits", ctx->params.pa_bits, ",\n  ");
	key(&w, "pdx_mode");
	put_str(&w, ft_pdx_mode_name(ctx->pdx.mode));
	put_s(&w, ",\n  ");
	key(&w, "policy");
	put_str(&w, ft_policy_name(ctx->params.policy));
	put_s(&w, ",\n  ");
	num_field(&w, "group_order", ctx->group_order, ",\n  ");
	hex_field(&w, "base_pdx", ctx->base_pdx, ",\n  ");
	hex_field(&w, "window_base", ctx->window_base, ",\n  ");
	hex_field(&w, "window_size", a->window_size, ",\n  ");
	key(&w, "identity");
	put_s(&w, a->identity ? "true,\n  " : "false,\n  ");
	key(&w, "placed");
	put_s(&w, ctx->state >= FT_STATE_PLACED ? "true,\n" : "false,\n");

	put_s(&w, "  \"banks\": [");
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t va, va_end;
		ft_bank_desc_range(ctx, b, &va, &va_end);
		put_s(&w, i ? ",\n    {" : "\n    {");
		hex_field(&w, "base", b->base, ", ");
		hex_field(&w, "size", b->size, ", ");
		hex_field(&w, "desc_va", va, ", ");
		hex_field(&w, "desc_va_end", va_end, "}");
	}
	put_s(&w, "\n  ],\n  \"reserved\": [");
	for (unsigned i = 0; i < ctx->nr_reserved; i++) {
		const struct ft_bank *b = &ctx->st.reserved[i];
		put_s(&w, i ? ",\n    {" : "\n    {");
		hex_field(&w, "base", b->base, ", ");
		hex_field(&w, "size", b->size, "}");
	}
	put_s(&w, ctx->nr_reserved ? "\n  ],\n  \"chunks\": ["
				   : "],\n  \"chunks\": [");
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		put_s(&w, i ? ",\n    {" : "\n    {");
		hex_field(&w, "va", c->va_start, ", ");
		hex_field(&w, "va_end", c->va_end, ", ");
		pa_field(&w, "pa", c->pa, ", ");
		hex_field(&w, "pdx_start", c->pdx_start, ", ");
		hex_field(&w, "pdx_end", c->pdx_end, ", ");
		num_field(&w, "bytes", c->va_end - c->va_start, "}");
	}
	put_s(&w, "\n  ],\n  \"mappings\": [");
	ft_for_each_mapping(ctx, mapping, &w);
	put_s(&w, "\n  ],\n  \"totals\": {\n    ");
	num_field(&w, "ram_frames", s.ram_frames, ",\n    ");
	num_field(&w, "limit_bytes", s.limit_bytes, ",\n    ");
	num_field(&w, "allocated_bytes", s.allocated_bytes, ",\n    ");
	num_field(&w, "pt_pages", s.pt_pages, ",\n    ");
	num_field(&w, "tlb_entries", s.tlb_entries, ",\n    ");
	num_field(&w, "nr_chunks", s.nr_chunks, ",\n    ");
	num_field(&w, "ghost_descs", s.ghost_descs, ",\n    ");
	num_field(&w, "dense_bytes", s.dense_bytes, ",\n    ");
	num_field(&w, "dense_nopdx_bytes", s.dense_nopdx_bytes, ",\n    ");
	num_field(&w, "dense_tlb_entries", s.dense_tlb_entries, ",\n    ");
	num_field(&w, "dense_pt_pages", s.dense_pt_pages, "\n  }");
	if (a->identity)
		pdx_sizes(&w, ctx);
	put_s(&w, "\n}\n");
}
