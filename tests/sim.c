/* SPDX-License-Identifier: BSD-2-Clause */
/* The sim architecture: see sim.h. Hosted test code. */
#include "sim.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void why(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	if (s->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
}

static void *grow(void *p, size_t *cap, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 64;
	void *np = realloc(p, ncap * elem);

	if (!np) {
		fprintf(stderr, "sim: out of host memory\n");
		exit(99);
	}
	*cap = ncap;
	return np;
}

/* Index of the first map whose end is above va. */
static size_t first_map_above(const struct sim *s, uint64_t va)
{
	size_t lo = 0, hi = s->nr_maps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->maps[mid].va + s->maps[mid].len <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int sim_alloc(void *arg, uint64_t size, uint64_t align, uint64_t phase,
		     uint64_t *pa)
{
	struct sim *s = arg;

	if (s->alloc_calls++ == s->fail_alloc_at)
		return -FT_ERR_NOMEM;
	int rc = ft_bootalloc_alloc(&s->ba, size, align, phase, pa);
	if (rc)
		return rc;
	if (s->nr_allocs == s->cap_allocs)
		s->allocs = grow(s->allocs, &s->cap_allocs, sizeof(*s->allocs));
	s->allocs[s->nr_allocs].base = *pa;
	s->allocs[s->nr_allocs].size = size;
	s->nr_allocs++;
	return 0;
}

static void sim_free(void *arg, uint64_t pa, uint64_t size)
{
	struct sim *s = arg;

	for (size_t i = 0; i < s->nr_allocs; i++) {
		if (s->allocs[i].base == pa && s->allocs[i].size == size) {
			s->allocs[i] = s->allocs[--s->nr_allocs];
			ft_bootalloc_add(&s->ba, pa, size);
			return;
		}
	}
	why(s, "free of %#" PRIx64 "+%#" PRIx64 " never allocated", pa, size);
}

static int sim_map_hook(void *arg, uint64_t va, uint64_t pa, uint64_t len,
			unsigned size_class)
{
	struct sim *s = arg;
	uint64_t sz;

	if (s->map_calls++ == s->fail_map_at)
		return -FT_ERR_MAP;
	if (size_class >= s->arch->nr_sizes) {
		why(s, "map: size class %u out of range", size_class);
		return -FT_ERR_MAP;
	}
	sz = s->arch->identity ? (UINT64_C(1) << s->arch->page_shift)
			       : s->arch->sizes[size_class].size;
	if (!len || len % sz || (va | pa) & (sz - 1) ||
	    (s->arch->identity && va != pa)) {
		why(s,
		    "map: va %#" PRIx64 " pa %#" PRIx64 " len %#" PRIx64
		    " misaligned for size %#" PRIx64,
		    va, pa, len, sz);
		return -FT_ERR_MAP;
	}
	size_t i = first_map_above(s, va);
	if (i < s->nr_maps && s->maps[i].va < va + len) {
		why(s, "map: va %#" PRIx64 "+%#" PRIx64 " mapped twice", va,
		    len);
		return -FT_ERR_MAP;
	}
	if (s->nr_maps == s->cap_maps)
		s->maps = grow(s->maps, &s->cap_maps, sizeof(*s->maps));
	memmove(&s->maps[i + 1], &s->maps[i],
		(s->nr_maps - i) * sizeof(*s->maps));
	s->maps[i] = (struct sim_map){va, pa, len, size_class};
	s->nr_maps++;
	return 0;
}

static void sim_unmap_hook(void *arg, uint64_t va, uint64_t len,
			   unsigned size_class)
{
	struct sim *s = arg;
	size_t i = first_map_above(s, va);

	if (i >= s->nr_maps || s->maps[i].va != va || s->maps[i].len != len ||
	    s->maps[i].size_class != size_class) {
		why(s, "unmap of %#" PRIx64 "+%#" PRIx64 " that was not mapped",
		    va, len);
		return;
	}
	memmove(&s->maps[i], &s->maps[i + 1],
		(s->nr_maps - i - 1) * sizeof(*s->maps));
	s->nr_maps--;
}

static void sim_fill_hook(void *arg, uint64_t va, int byte, uint64_t len)
{
	struct sim *s = arg;

	if (!sim_mapped(s, va, len))
		why(s, "fill of %#" PRIx64 "+%#" PRIx64 " through unmapped VA",
		    va, len);
	if (s->nr_fills == s->cap_fills)
		s->fills = grow(s->fills, &s->cap_fills, sizeof(*s->fills));
	s->fills[s->nr_fills++] = (struct sim_fill){va, len, byte};
}

int sim_init(struct sim *s, const struct ft_ctx *ctx)
{
	memset(s, 0, sizeof(*s));
	s->arch = ctx->arch;
	s->fail_alloc_at = -1;
	s->fail_map_at = -1;
	ft_bootalloc_init(&s->ba, s->ba_storage,
			  sizeof(s->ba_storage) / sizeof(s->ba_storage[0]));
	return ft_bootalloc_from_ctx(&s->ba, ctx);
}

void sim_fini(struct sim *s)
{
	free(s->maps);
	free(s->fills);
	free(s->allocs);
}

void sim_ops(struct sim *s, struct ft_ops *ops)
{
	ops->alloc = sim_alloc;
	ops->free = sim_free;
	ops->alloc_arg = s;
	ops->map = sim_map_hook;
	ops->unmap = sim_unmap_hook;
	ops->map_arg = s;
	ops->fill = sim_fill_hook;
	ops->fill_arg = s;
}

bool sim_mapped(const struct sim *s, uint64_t va, uint64_t len)
{
	size_t i = first_map_above(s, va);
	uint64_t end = va + len;

	while (va < end) {
		if (i >= s->nr_maps || s->maps[i].va > va)
			return false;
		va = s->maps[i].va + s->maps[i].len;
		i++;
	}
	return true;
}

bool sim_translate(const struct sim *s, uint64_t va, uint64_t *pa)
{
	size_t i = first_map_above(s, va);

	if (i >= s->nr_maps || s->maps[i].va > va)
		return false;
	*pa = s->maps[i].pa + (va - s->maps[i].va);
	return true;
}

static int cmp_fill(const void *a, const void *b)
{
	const struct sim_fill *x = a, *y = b;

	return x->va < y->va ? -1 : x->va > y->va;
}

int sim_check_clean(struct sim *s)
{
	if (s->nr_maps)
		why(s, "%zu mappings left after a failure", s->nr_maps);
	if (s->nr_allocs)
		why(s, "%zu allocations held after a failure", s->nr_allocs);
	if (s->nr_fills)
		why(s, "%zu fills written after a failure", s->nr_fills);
	return s->why[0] ? -1 : 0;
}

static bool inside_ram(const struct ft_ctx *ctx, uint64_t pa, uint64_t len)
{
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		if (pa >= b->base && pa - b->base <= b->size &&
		    len <= b->size - (pa - b->base))
			return true;
	}
	return false;
}

static bool overlaps_reserved(const struct ft_ctx *ctx, uint64_t pa,
			      uint64_t len)
{
	for (unsigned i = 0; i < ctx->nr_reserved; i++) {
		const struct ft_bank *r = &ctx->st.reserved[i];
		if (pa < r->base + r->size && r->base < pa + len)
			return true;
	}
	return false;
}

int sim_check(struct sim *s, const struct ft_ctx *ctx)
{
	const struct ft_arch *a = ctx->arch;
	uint64_t d = ctx->params.desc_size, mapped = 0;
	struct ft_stats st;

	if (s->why[0])
		return -1;
	ft_get_stats(ctx, &st);
	/* Each mapping: inside one chunk, PA inside RAM, not reserved,
	 * PA consistent with the chunk's placement. */
	for (size_t i = 0; i < s->nr_maps; i++) {
		const struct sim_map *m = &s->maps[i];
		int c = ft_chunk_of_va(ctx, m->va);
		mapped += m->len;
		if (c < 0 || m->va + m->len > ctx->st.chunks[c].va_end) {
			why(s,
			    "mapping %#" PRIx64 "+%#" PRIx64
			    " crosses a chunk edge",
			    m->va, m->len);
			return -1;
		}
		if (!inside_ram(ctx, m->pa, m->len) ||
		    overlaps_reserved(ctx, m->pa, m->len)) {
			why(s,
			    "mapping pa %#" PRIx64 "+%#" PRIx64
			    " outside free RAM",
			    m->pa, m->len);
			return -1;
		}
		if (!a->identity) {
			/* Every mapped byte lies in a valid group: hole groups
			 * stay unmapped. */
			uint64_t p0 = ft_desc_va_to_pdx(ctx, m->va);
			uint64_t p1 =
				ft_desc_va_to_pdx(ctx, m->va + m->len - 1);
			for (uint64_t g = p0 >> ctx->group_order;
			     g <= p1 >> ctx->group_order; g++) {
				if (!ft_group_valid(ctx, g)) {
					why(s,
					    "hole group %#" PRIx64
					    " is mapped (va %#" PRIx64 ")",
					    g, m->va);
					return -1;
				}
				if ((p1 >> ctx->group_order) - g > 4096)
					break; /* long runs: edges suffice */
			}
		}
	}
	if (mapped != st.allocated_bytes) {
		why(s, "mapped %" PRIu64 " bytes but the plan says %" PRIu64,
		    mapped, st.allocated_bytes);
		return -1;
	}
	/* Allocations disjoint (bootalloc), inside RAM. */
	for (size_t i = 0; i < s->nr_allocs; i++)
		if (!inside_ram(ctx, s->allocs[i].base, s->allocs[i].size)) {
			why(s, "allocation outside RAM");
			return -1;
		}
	/* Fills: cover every chunk exactly once; zero over whole
	 * descriptors, all-ones only on partial ones (< D bytes). */
	qsort(s->fills, s->nr_fills, sizeof(*s->fills), cmp_fill);
	size_t f = 0;
	for (unsigned c = 0; c < ctx->nr_chunks; c++) {
		const struct ft_chunk *ch = &ctx->st.chunks[c];
		uint64_t pos = ch->va_start;
		while (pos < ch->va_end) {
			if (f >= s->nr_fills || s->fills[f].va != pos) {
				why(s,
				    "chunk %u: byte %#" PRIx64
				    " not filled exactly once",
				    c, pos);
				return -1;
			}
			/* Whole descriptors zero, partial ones all-ones. */
			uint64_t zs = ft_pdx_to_desc_va(ctx, ch->pdx_start);
			uint64_t ze = ft_pdx_to_desc_va(ctx, ch->pdx_end);
			uint64_t fe = pos + s->fills[f].len;
			int want = (pos >= zs && fe <= ze) ? 0 : 0xff;
			if ((pos < zs && fe > zs) || (pos < ze && fe > ze) ||
			    s->fills[f].byte != want ||
			    (want && s->fills[f].len >= d)) {
				why(s,
				    "chunk %u: fill %#" PRIx64 "+%#" PRIx64
				    " of %#x, "
				    "descriptors are %#" PRIx64 "..%#" PRIx64,
				    c, pos, s->fills[f].len, s->fills[f].byte,
				    zs, ze);
				return -1;
			}
			pos += s->fills[f].len;
			f++;
		}
		if (pos != ch->va_end) {
			why(s, "chunk %u: fill overruns the chunk", c);
			return -1;
		}
	}
	/* Every RAM frame: descriptor mapped, inside a zero fill, valid,
	 * conversions round-trip. Checked at each bank's edges and on a
	 * stride through it. */
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t first = b->base >> a->page_shift;
		uint64_t n = b->size >> a->page_shift;
		uint64_t step = n > 64 ? n / 61 : 1;
		for (uint64_t k = 0; k < n;
		     k = (k + step < n || k == n - 1) ? k + step : n - 1) {
			uint64_t mfn = first + k;
			uint64_t va = ft_mfn_to_desc_va(ctx, mfn);
			if (!sim_mapped(s, va, d) || !ft_mfn_valid(ctx, mfn)) {
				why(s,
				    "RAM frame %#" PRIx64
				    " has no mapped descriptor",
				    mfn);
				return -1;
			}
			if (ft_desc_va_to_mfn(ctx, va) != mfn) {
				why(s, "frame %#" PRIx64 " does not round-trip",
				    mfn);
				return -1;
			}
			int c = ft_chunk_of_va(ctx, va);
			const struct ft_chunk *ch = &ctx->st.chunks[c];
			uint64_t pdx = ft_pfn_to_pdx(&ctx->pdx, mfn);
			if (pdx < ch->pdx_start || pdx >= ch->pdx_end) {
				why(s,
				    "frame %#" PRIx64
				    " outside its chunk's zeroed descriptors",
				    mfn);
				return -1;
			}
			if (k == n - 1)
				break;
		}
	}
	return s->why[0] ? -1 : 0;
}

/* Valid groups checked one by one; larger maps (a RISC-V Sv48 or MPU map
 * can have 2^26 valid groups) get this many, evenly spread. */
#define SIM_MFN_GROUPS 4096

/* The oracle: does frame mfn have a descriptor the map hook mapped? */
static bool oracle_valid(const struct sim *s, const struct ft_ctx *ctx,
			 uint64_t mfn)
{
	uint64_t d = ctx->params.desc_size;
	uint64_t pdx = ft_pfn_to_pdx(&ctx->pdx, mfn);

	if (ft_pdx_to_pfn(&ctx->pdx, pdx) != mfn || pdx < ctx->base_pdx)
		return false;
	/* A descriptor past the top of the address space is not mapped. */
	if (pdx - ctx->base_pdx >= (UINT64_MAX - ctx->window_base) / d)
		return false;
	return sim_mapped(s, ctx->window_base + (pdx - ctx->base_pdx) * d, d);
}

struct mfn_checks {
	struct sim *s;
	const struct ft_ctx *ctx;
};

static int agree(struct mfn_checks *m, uint64_t mfn, const char *where)
{
	bool want = oracle_valid(m->s, m->ctx, mfn);

	if (ft_mfn_valid(m->ctx, mfn) == want)
		return 0;
	why(m->s, "mfn_valid(%#" PRIx64 ") = %d (%s), descriptor mapped = %d",
	    mfn, !want, where, want);
	return -1;
}

static int agree_pdx(struct mfn_checks *m, uint64_t pdx, const char *where)
{
	return agree(m, ft_pdx_to_pfn(&m->ctx->pdx, pdx), where);
}

/* Both ends and the middle of [first, end). */
static int agree_span(struct mfn_checks *m, uint64_t first, uint64_t end,
		      bool by_pdx, const char *where)
{
	uint64_t pts[3] = {first, first + (end - first) / 2, end - 1};

	for (int i = 0; i < 3; i++)
		if (by_pdx ? agree_pdx(m, pts[i], where)
			   : agree(m, pts[i], where))
			return -1;
	return 0;
}

int sim_check_mfn_valid(struct sim *s, const struct ft_ctx *ctx, uint64_t seed)
{
	struct mfn_checks m = {s, ctx};
	unsigned sh = ctx->arch->page_shift, order = ctx->group_order;
	/* One past the last frame the PA width allows (pa_bits <= 64). */
	uint64_t frames_end = UINT64_C(1) << (ctx->params.pa_bits - sh);
	uint64_t end = ctx->group_first + ctx->nr_groups, g, h;

	/* Holes between banks, and below the first and above the last. */
	for (unsigned i = 0; i <= ctx->nr_banks; i++) {
		uint64_t lo = i ? (ctx->st.banks[i - 1].base +
				   ctx->st.banks[i - 1].size) >>
					      sh
				: 0;
		uint64_t hi = i < ctx->nr_banks ? ctx->st.banks[i].base >> sh
						: frames_end;
		if (hi > lo && agree_span(&m, lo, hi, false, "bank hole"))
			return -1;
	}
	/* Descriptors across chunk edges, and between chunks. */
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		if ((c->pdx_start > ctx->base_pdx &&
		     agree_pdx(&m, c->pdx_start - 1, "chunk edge")) ||
		    agree_pdx(&m, c->pdx_end, "chunk edge"))
			return -1;
		if (i + 1 < ctx->nr_chunks &&
		    ctx->st.chunks[i + 1].pdx_start > c->pdx_end &&
		    agree_span(&m, c->pdx_end, ctx->st.chunks[i + 1].pdx_start,
			       true, "between chunks"))
			return -1;
	}
	/* The groups: one frame of every valid one (or of SIM_MFN_GROUPS
	 * spread evenly, plus both ends of every run, in maps with more);
	 * runs of hole groups at both ends and in the middle; the groups
	 * around the bitmap too. */
	if (ctx->group_first &&
	    agree_pdx(&m, (ctx->group_first << order) - 1, "before groups"))
		return -1;
	if (agree_pdx(&m, end << order, "after groups"))
		return -1;
	uint64_t valid = 0;
	for (g = ctx->group_first; g < end; g = ft_group_next_valid(ctx, h)) {
		h = ft_group_next_hole(ctx, g);
		valid += h - g;
	}
	uint64_t stride =
		valid > SIM_MFN_GROUPS
			? (valid + SIM_MFN_GROUPS - 1) / SIM_MFN_GROUPS
			: 1;
	uint64_t k = 0; /* index among valid groups of the run's first */
	for (g = ctx->group_first; g < end;) {
		h = ft_group_next_hole(ctx, g);
		for (uint64_t r = g; r < h;) {
			seed = seed * UINT64_C(6364136223846793005) +
			       UINT64_C(1442695040888963407);
			uint64_t off =
				(seed >> 33) & ((UINT64_C(1) << order) - 1);
			if (agree_pdx(&m, (r << order) + off, "valid group"))
				return -1;
			if (r == h - 1)
				break;
			/* The next group at a multiple of the stride, or the
			 * run's last. */
			uint64_t next = r + stride - (k + r - g) % stride;
			r = next < h - 1 ? next : h - 1;
		}
		k += h - g;
		if (h >= end)
			break;
		g = ft_group_next_valid(ctx, h);
		if (agree_span(&m, h << order, g << order, true, "hole groups"))
			return -1;
	}
	return 0;
}
