/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fthot: the hot path's cost per call, the library's inline conversions
 * (frametable/hot.h) against Xen-style inline code, in one run.
 *
 * The plan: issue 11's 3-bank arm64 4K map (0x8000_0000 + 2 GiB,
 * 0x8_8000_0000 + 2 GiB, 0x500_0000_0000 + 1 GiB), mask PDX, 56-byte
 * descriptors. The Xen side is written as Xen writes it, with the same
 * plan's numbers in globals: the mask formula with pfn_pdx_bottom_mask,
 * pfn_top_mask and pfn_pdx_hole_shift, frame_table + pdx - base for
 * mfn_to_page, pointer difference for page_to_mfn, and __mfn_valid as
 * "mfn < max_page, no bit in pfn_hole_mask, then one bit of a dense
 * pdx_group_valid bitmap". Both sides use the same speculation hooks (the
 * environment's defaults). Inputs are random RAM frames (and their
 * descriptors' VAs); each figure is the best of several timed passes over
 * them, and each side's results are checked equal to the other's.
 *
 * The library is timed twice: the named functions, which read the
 * descriptor size from the context as a hosted caller does, and the *_n
 * forms with sizeof(struct page_info) as a constant, as an embedder does.
 * docs/bench.md and docs/embedding.md quote the figures.
 */
#define _POSIX_C_SOURCE 200809L

#include <frametable/frametable.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N_FRAMES 4096
#define PASSES	 61
#define CALLS	 (UINT64_C(4) << 20)

struct page_info {
	uint8_t bytes[56];
};

FT_STORAGE_DEFINE(hot, 8, 1, 8, 64, 1 << 14);
static struct ft_ctx ctx;

/* ---- Xen's side, in its own globals ---- */
static uint64_t pfn_pdx_bottom_mask, pfn_top_mask, pfn_hole_mask;
static unsigned pfn_pdx_hole_shift;
static struct page_info *frame_table;
static uint64_t frametable_base_pdx, max_page;
static unsigned pdx_group_shift;
static ft_word_t *pdx_group_valid;

static inline uint64_t xen_pfn_to_pdx(uint64_t pfn)
{
	return (pfn & pfn_pdx_bottom_mask) |
	       ((pfn & pfn_top_mask) >> pfn_pdx_hole_shift);
}

static inline uint64_t xen_pdx_to_pfn(uint64_t pdx)
{
	return (pdx & pfn_pdx_bottom_mask) |
	       ((pdx << pfn_pdx_hole_shift) & pfn_top_mask);
}

static inline struct page_info *xen_mfn_to_page(uint64_t mfn)
{
	return frame_table + (xen_pfn_to_pdx(mfn) - frametable_base_pdx);
}

static inline uint64_t xen_page_to_mfn(const struct page_info *pg)
{
	return xen_pdx_to_pfn((uint64_t)(pg - frame_table) +
			      frametable_base_pdx);
}

static inline bool xen_mfn_valid(uint64_t mfn)
{
	bool invalid = mfn >= max_page;

	invalid |= (mfn & pfn_hole_mask) != 0;
	if (FT_EVALUATE_NOSPEC(invalid))
		return false;
	uint64_t g = xen_pfn_to_pdx(mfn) >> pdx_group_shift;
	return (pdx_group_valid[g / FT_WORD_BITS] >> (g % FT_WORD_BITS)) & 1;
}

/* ---- inputs and timing ---- */
static uint64_t frames[N_FRAMES];
static uint64_t descs[N_FRAMES];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One timed loop per function, not inlined into each other, each summing
 * its results so that nothing is optimised away. */
#define TIMED(name, input, expr)                                               \
	static __attribute__((noinline)) uint64_t name(void)                   \
	{                                                                      \
		uint64_t sum = 0;                                              \
		for (uint64_t r = 0; r < CALLS / N_FRAMES; r++)                \
			for (unsigned i = 0; i < N_FRAMES; i++) {              \
				uint64_t x = input[i];                         \
				sum += (uint64_t)(expr);                       \
				/* Scalar, call by call, on both sides. */     \
				__asm__ volatile("" : "+r"(sum));              \
			}                                                      \
		return sum;                                                    \
	}

TIMED(lib_to_va, frames, ft_mfn_to_desc_va(&ctx, x))
TIMED(lib_to_va_n, frames,
      ft_mfn_to_desc_va_n(&ctx, x, sizeof(struct page_info)))
TIMED(xen_to_va, frames, (uintptr_t)xen_mfn_to_page(x))
TIMED(lib_to_mfn, descs, ft_desc_va_to_mfn(&ctx, x))
TIMED(lib_to_mfn_n, descs,
      ft_desc_va_to_mfn_n(&ctx, x, sizeof(struct page_info)))
TIMED(xen_to_mfn, descs,
      xen_page_to_mfn((const struct page_info *)(uintptr_t)x))
TIMED(lib_valid, frames, ft_mfn_valid(&ctx, x))
TIMED(lib_valid_n, frames, ft_mfn_valid(&ctx, x))
TIMED(xen_valid, frames, xen_mfn_valid(x))

/* The three of a row take turns, pass after pass, so that a slow spell
 * of the machine hits them alike; each keeps its best pass. */
static int row(const char *what, uint64_t (*lib)(void), uint64_t (*lib_n)(void),
	       uint64_t (*xen)(void))
{
	uint64_t (*const fn[3])(void) = {lib, lib_n, xen};
	uint64_t sum[3] = {0, 0, 0};
	double best[3] = {1e30, 1e30, 1e30};

	for (int p = 0; p < PASSES; p++)
		for (int k = 0; k < 3; k++) {
			double t0 = now();
			sum[k] = fn[k]();
			double t = now() - t0;
			if (t < best[k])
				best[k] = t;
		}
	for (int k = 0; k < 3; k++)
		best[k] *= 1e9 / (double)(CALLS / N_FRAMES * N_FRAMES);
	printf("%-20s %8.3f %8.3f %8.3f %7.2fx %7.2fx\n", what, best[0],
	       best[1], best[2], best[0] / best[2], best[1] / best[2]);
	return sum[0] != sum[2] || sum[1] != sum[2];
}

static int setup(void)
{
	static const struct ft_bank banks[] = {
		{UINT64_C(0x80000000), UINT64_C(2) << 30},
		{UINT64_C(0x880000000), UINT64_C(2) << 30},
		{UINT64_C(0x50000000000), UINT64_C(1) << 30},
	};
	struct ft_params p;
	int rc;

	ft_params_default(&p);
	p.desc_size = sizeof(struct page_info);
	p.pdx_mode = FT_PDX_MASK;
	rc = ft_init(&ctx, &ft_arch_arm64_4k, &p, &hot_storage);
	for (unsigned i = 0; !rc && i < 3; i++)
		rc = ft_add_bank(&ctx, banks[i].base, banks[i].size);
	if (!rc)
		rc = ft_plan(&ctx);
	if (rc) {
		fprintf(stderr, "fthot: plan: %s\n", ft_strerror(rc));
		return rc;
	}
	/* Xen's globals for the same plan and PDX. */
	pfn_pdx_bottom_mask = ctx.pdx.low_mask;
	pfn_hole_mask = ctx.pdx.hole_mask;
	pfn_top_mask = ~(pfn_pdx_bottom_mask | pfn_hole_mask);
	pfn_pdx_hole_shift = ctx.pdx.hole_bits;
	frame_table = (struct page_info *)(uintptr_t)ctx.window_base;
	frametable_base_pdx = ctx.base_pdx;
	max_page = (banks[2].base + banks[2].size) >> 12;
	pdx_group_shift = ctx.group_order;
	uint64_t groups = (ctx.max_pdx >> pdx_group_shift) + 1;
	pdx_group_valid = calloc(groups / FT_WORD_BITS + 1, sizeof(ft_word_t));
	if (!pdx_group_valid)
		return -1;
	for (unsigned i = 0; i < 3; i++) {
		uint64_t s =
			xen_pfn_to_pdx(banks[i].base >> 12) >> pdx_group_shift;
		uint64_t e =
			xen_pfn_to_pdx(((banks[i].base + banks[i].size) >> 12) -
				       1) >>
			pdx_group_shift;
		for (uint64_t g = s; g <= e; g++)
			pdx_group_valid[g / FT_WORD_BITS] |=
				(ft_word_t)1 << (g % FT_WORD_BITS);
	}
	/* Random RAM frames, a bank chosen by size. */
	uint64_t rng = 0x5eed;
	for (unsigned i = 0; i < N_FRAMES; i++) {
		rng ^= rng >> 12;
		rng ^= rng << 25;
		rng ^= rng >> 27;
		uint64_t r = rng * UINT64_C(2685821657736338717);
		uint64_t frames_all = (UINT64_C(5) << 30) >> 12,
			 k = r % frames_all;
		for (unsigned b = 0; b < 3; b++) {
			uint64_t n = banks[b].size >> 12;
			if (k < n) {
				frames[i] = (banks[b].base >> 12) + k;
				break;
			}
			k -= n;
		}
		descs[i] = (uintptr_t)xen_mfn_to_page(frames[i]);
	}
	return 0;
}

int main(void)
{
	int bad = 0;

	if (setup())
		return 1;
	printf("fthot: arm64 4K, banks 0x8000_0000+2G 0x8_8000_0000+2G "
	       "0x500_0000_0000+1G, %s PDX (hole of %u bits at bit %u), "
	       "56-byte descriptors,\nbase PDX %#" PRIx64 ", %u chunks, "
	       "valid map %zu words; %u random RAM frames, best of %d passes "
	       "of %" PRIu64 " calls\n\n",
	       ft_pdx_mode_name(ctx.pdx.mode), ctx.pdx.hole_bits,
	       ctx.pdx.hole_shift, ctx.base_pdx, ctx.nr_chunks,
	       2 * ctx.valid.nr_words, N_FRAMES, PASSES, CALLS);
	printf("%-20s %8s %8s %8s %8s %8s\n", "ns per call", "lib", "lib(n)",
	       "xen", "lib/xen", "(n)/xen");
	bad |= row("mfn_to_desc_va", lib_to_va, lib_to_va_n, xen_to_va);
	bad |= row("desc_va_to_mfn", lib_to_mfn, lib_to_mfn_n, xen_to_mfn);
	bad |= row("mfn_valid", lib_valid, lib_valid_n, xen_valid);
	printf("\nlib: the named inline functions (descriptor size read from "
	       "the context);\nlib(n): the *_n forms with "
	       "sizeof(struct page_info); xen: Xen-style inline code.\n");
	if (bad)
		printf("ERROR: the library and the Xen-style code disagree\n");
	free(pdx_group_valid);
	return bad;
}
