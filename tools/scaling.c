/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftscale: one frametable plan of a synthetic map, for measuring what
 * planning costs as the map grows (tools/scaling.sh runs it under
 * valgrind --tool=callgrind --toggle-collect=ft_plan, so only ft_plan()
 * is counted: not the set-up, not the banks' declaration). With --place
 * the plan is also placed, as ftplan does, by the library's boot allocator
 * over the banks (--toggle-collect=ft_place counts that alone); with
 * --banks-file the map is printed as a banks file (boards/NAME.banks)
 * instead, so that ftplan can be timed end to end on the same map.
 *
 * The map: NBANKS banks of the same size, 2^31 / NBANKS bytes (2 GiB of
 * RAM in all, whatever the span), spread over [0, 2^SPAN): bank i starts
 * at i * ((2^SPAN - size) / (NBANKS - 1)), rounded down to the page, so
 * the first starts at 0 and the last ends at 2^SPAN (one bank: at 0). The
 * spacing is not a power of two, so PDX compression cannot squeeze the holes
 * away: what the planner spends on the span itself shows.
 *
 * The arch is arm64 4K with a 2^62-byte window, so that no plan is
 * refused for its size; the storage is sized for the banks (the group
 * bitmap is sparse since commit 8e0c5a8).
 *
 * Usage: ftscale [--pdx auto|none|mask|offset] [--place | --banks-file]
 *                NBANKS SPAN_LOG2
 * Prints one line: banks, span, pdx chosen, groups, chunks, bytes.
 */
#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_pdx(const char *s, enum ft_pdx_mode *m)
{
	static const enum ft_pdx_mode modes[] = {FT_PDX_AUTO, FT_PDX_NONE,
						 FT_PDX_MASK, FT_PDX_OFFSET};
	unsigned i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(s, ft_pdx_mode_name(modes[i]))) {
			*m = modes[i];
			return 0;
		}
	return -1;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [--pdx auto|none|mask|offset] [--place | "
		"--banks-file] NBANKS SPAN_LOG2\n"
		"Plan NBANKS banks of 2^31/NBANKS bytes spread over "
		"[0, 2^SPAN_LOG2) for arm64 4K\n(window 2^62); run under "
		"callgrind --toggle-collect=ft_plan to count ft_plan().\n"
		"  --place       also place the plan with the library's boot "
		"allocator\n"
		"  --banks-file  print the map as a .banks file and exit\n",
		prog);
}

/* Bank i of n: size bytes each, the first at 0, the last ending at span. */
static uint64_t bank_base(uint64_t i, uint64_t n, uint64_t span, uint64_t size)
{
	if (n == 1)
		return 0;
	if (i == n - 1)
		return span - size;
	return ((span - size) / (n - 1) * i) & ~(uint64_t)0xfff;
}

/* ft_place with ft_bootalloc over the banks, as ftplan places a plan. */
static int place(struct ft_ctx *ctx)
{
	unsigned max = ctx->nr_banks + ctx->nr_reserved + ctx->nr_chunks + 1;
	struct ft_bank *store = calloc(max, sizeof(*store));
	struct ft_bootalloc ba;
	int rc;

	if (!store)
		return -FT_ERR_NOMEM;
	ft_bootalloc_init(&ba, store, max);
	rc = ft_bootalloc_from_ctx(&ba, ctx);
	if (!rc) {
		struct ft_ops ops = {
			.alloc = ft_bootalloc_hook_alloc,
			.free = ft_bootalloc_hook_free,
			.alloc_arg = &ba,
		};
		rc = ft_place(ctx, &ops);
	}
	free(store);
	return rc;
}

int main(int argc, char **argv)
{
	enum ft_pdx_mode mode = FT_PDX_AUTO;
	const struct ft_arch *a4k = ft_arch_find("arm64", "4k");
	struct ft_arch arch;
	struct ft_params params;
	struct ft_storage st;
	struct ft_stats stats;
	static struct ft_ctx ctx;
	uint64_t span, size, i, nbanks, groups;
	unsigned span_log2;
	int argi = 1, rc, retries = 0;
	bool do_place = false, banks_file = false;

	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout, argv[0]);
		return 0;
	}
	for (; argi < argc && !strncmp(argv[argi], "--", 2); argi++) {
		if (!strcmp(argv[argi], "--pdx") && argi + 1 < argc &&
		    !parse_pdx(argv[argi + 1], &mode)) {
			argi++;
		} else if (!strcmp(argv[argi], "--place")) {
			do_place = true;
		} else if (!strcmp(argv[argi], "--banks-file")) {
			banks_file = true;
		} else {
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (argc - argi != 2 || !a4k) {
		usage(stderr, argv[0]);
		return 2;
	}
	nbanks = strtoull(argv[argi], NULL, 0);
	span_log2 = (unsigned)strtoul(argv[argi + 1], NULL, 0);
	if (!nbanks || nbanks > 65536 || span_log2 < 32 || span_log2 > 60) {
		fprintf(stderr, "NBANKS must be 1..65536, SPAN_LOG2 32..60\n");
		return 2;
	}
	span = (uint64_t)1 << span_log2;
	size = (UINT64_C(1) << 31) / nbanks;
	size &= ~(uint64_t)0xfff;
	if (!size || (nbanks > 1 && (span - size) / (nbanks - 1) < size)) {
		fprintf(stderr, "banks do not fit in the span\n");
		return 2;
	}
	if (banks_file) {
		for (i = 0; i < nbanks; i++)
			printf("memory 0x%" PRIx64 " 0x%" PRIx64 "\n",
			       bank_base(i, nbanks, span, size), size);
		return 0;
	}

	arch = *a4k;
	arch.variant = "4k-bench";
	arch.window_size = (uint64_t)1 << 62;

	/* The group bitmap stores the words that hold a valid group: at most
	 * two per bank beyond the RAM's own groups (2 MiB of RAM each at the
	 * finest order). A library that wants more says how many (err.need)
	 * and the plan is redone; "retries" in the output shows it, as each
	 * ft_plan() call is counted. */
	groups = ((UINT64_C(1) << 31) >> 21) + 2;
	memset(&st, 0, sizeof(st));
	st.max_banks = (unsigned)nbanks;
	st.max_reserved = 1;
	st.max_chunks = (unsigned)nbanks + 1;
	st.max_group_words = (size_t)(groups / FT_WORD_BITS + 2 * nbanks + 64);
	st.banks = calloc(st.max_banks, sizeof(*st.banks));
	st.reserved = calloc(st.max_reserved, sizeof(*st.reserved));
	st.chunks = calloc(st.max_chunks, sizeof(*st.chunks));
	if (!st.banks || !st.reserved || !st.chunks) {
		perror("calloc");
		return 1;
	}

	ft_params_default(&params);
	params.pdx_mode = mode;
	params.pa_bits = span_log2;
	for (;;) {
		free(st.group_words);
		st.group_words =
			calloc(st.max_group_words, sizeof(*st.group_words));
		if (!st.group_words) {
			perror("calloc");
			return 1;
		}
		rc = ft_init(&ctx, &arch, &params, &st);
		for (i = 0; !rc && i < nbanks; i++)
			rc = ft_add_bank(&ctx, bank_base(i, nbanks, span, size),
					 size);
		if (!rc)
			rc = ft_plan(&ctx);
		if (rc != -FT_ERR_GROUPS_FULL || retries > 4 ||
		    ctx.err.need <= st.max_group_words ||
		    ctx.err.need > SIZE_MAX / sizeof(*st.group_words))
			break;
		st.max_group_words = (size_t)ctx.err.need;
		retries++;
	}
	if (!rc && do_place)
		rc = place(&ctx);
	if (rc) {
		fprintf(stderr, "%s: %" PRIu64 " banks, span 2^%u: %s\n",
			argv[0], nbanks, span_log2, ft_strerror(rc));
		return 1;
	}
	ft_get_stats(&ctx, &stats);
	printf("banks %" PRIu64 " span 2^%u pdx %s groups %" PRIu64
	       " chunks %" PRIu64 " bytes %" PRIu64 " limit %" PRIu64
	       " retries %d%s\n",
	       nbanks, span_log2, ft_pdx_mode_name(ctx.pdx.mode), ctx.nr_groups,
	       stats.nr_chunks, stats.allocated_bytes, stats.limit_bytes,
	       retries, do_place ? " placed" : "");
	return 0;
}
