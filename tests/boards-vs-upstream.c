/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The promise of FT_POLICY_DEFAULT, checked on every board: for arm64 with
 * each granule, the placed default plan uses no more bytes and no more TLB
 * entries than Xen's upstream sparse frametable (tests/upstream-model.c, in
 * its best case), and FT_POLICY_MIN_MEMORY stays within 0.1% of the
 * physical limit plus page rounding at chunk edges.
 *
 * Usage: boards-vs-upstream [BOARDS_DIR]; else $FT_BOARDS_DIR. Every
 * *.banks file there is checked. Exit 0 when all pass, 1 otherwise, and 1
 * when no board was found: a silent empty run must not look like a pass.
 */
/* opendir, strdup */
#define _POSIX_C_SOURCE 200809L

#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

#include "banksfile.h"
#include "policy-order.h"
#include "upstream-model.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BANKS  4096
#define MAX_CHUNKS 4096
#define MAX_WORDS  (1u << 20)
#define DESC_SIZE  56

FT_STORAGE_DEFINE(board, MAX_BANKS, MAX_BANKS, MAX_CHUNKS, MAX_WORDS, 0);

/* The allocator's free list can split once per reserved range. */
static struct ft_bank ba_storage[2 * MAX_BANKS + 2];
static struct ft_ctx ctx;

static const char *const variants[] = {"4k", "16k", "64k"};

static int plan_board_pdx(const struct ft_arch *arch, const char *text,
			  enum ft_policy policy, enum ft_pdx_mode pdx,
			  const char *what)
{
	struct ft_params params;
	unsigned bad_line = 0;
	int rc;

	ft_params_default(&params);
	params.desc_size = DESC_SIZE;
	params.pdx_mode = pdx;
	params.policy = policy;
	rc = ft_init(&ctx, arch, &params, &board_storage);
	if (rc) {
		printf("  %s: ft_init: %s\n", what, ft_strerror(rc));
		return rc;
	}
	rc = banksfile_load(&ctx, text, &bad_line);
	if (rc) {
		printf("  %s: banksfile_load: %s at line %u\n", what,
		       ft_strerror(rc), bad_line);
		return rc;
	}
	rc = ft_plan(&ctx);
	if (rc)
		printf("  %s: ft_plan: %s (index %d, base 0x%" PRIx64
		       " size 0x%" PRIx64 ")\n",
		       what, ft_strerror(rc), ctx.err.index, ctx.err.base,
		       ctx.err.size);
	return rc;
}

static int plan_board(const struct ft_arch *arch, const char *text,
		      enum ft_policy policy, const char *what)
{
	return plan_board_pdx(arch, text, policy, FT_PDX_AUTO, what);
}

/*
 * min-tlb with --pdx auto against min-tlb with each single scheme: never
 * more TLB entries, nor more bytes for as many. Returns failures.
 */
static int check_min_tlb_beats_every_scheme(const char *board,
					    const char *variant,
					    const struct ft_arch *arch,
					    const char *text)
{
	struct ft_stats a, o;
	int fails = 0;

	if (plan_board(arch, text, FT_POLICY_MIN_TLB, "min-tlb"))
		return 1;
	ft_get_stats(&ctx, &a);
	for (int m = FT_PDX_NONE; m <= FT_PDX_OFFSET; m++) {
		if (plan_board_pdx(arch, text, FT_POLICY_MIN_TLB,
				   (enum ft_pdx_mode)m, "min-tlb, one scheme"))
			continue; /* that scheme alone does not fit */
		ft_get_stats(&ctx, &o);
		if (plan_worse(FT_POLICY_MIN_TLB, &a, &o)) {
			printf("%-30s %-4s FAIL: min-tlb auto %" PRIu64
			       " TLB %" PRIu64 " B, --pdx %s %" PRIu64
			       " TLB %" PRIu64 " B\n",
			       board, variant, a.tlb_entries, a.allocated_bytes,
			       ft_pdx_mode_name((enum ft_pdx_mode)m),
			       o.tlb_entries, o.allocated_bytes);
			fails++;
		}
	}
	return fails;
}

static int place_board(void)
{
	struct ft_bootalloc ba;
	struct ft_ops ops;
	int rc;

	ft_bootalloc_init(
		&ba, ba_storage,
		(unsigned)(sizeof(ba_storage) / sizeof(ba_storage[0])));
	rc = ft_bootalloc_from_ctx(&ba, &ctx);
	if (rc) {
		printf("  ft_bootalloc_from_ctx: %s\n", ft_strerror(rc));
		return rc;
	}
	memset(&ops, 0, sizeof(ops));
	ops.alloc = ft_bootalloc_hook_alloc;
	ops.free = ft_bootalloc_hook_free;
	ops.alloc_arg = &ba;
	rc = ft_place(&ctx, &ops);
	if (rc)
		printf("  ft_place: %s (chunk %d, need 0x%" PRIx64 ")\n",
		       ft_strerror(rc), ctx.err.index, ctx.err.need);
	return rc;
}

/* Returns the number of failures for this board and variant. */
static int check_variant(const char *board, const char *variant,
			 const char *text)
{
	const struct ft_arch *arch = ft_arch_find("arm64", variant);
	struct upstream_figures up;
	struct ft_stats st;
	uint64_t page, slack, allowed;
	bool ok;
	int rc, fails = 0;

	if (!arch) {
		printf("%-30s %-4s FAIL: ft_arch_find(\"arm64\", \"%s\") is "
		       "NULL\n",
		       board, variant, variant);
		return 1;
	}
	page = (uint64_t)1 << arch->page_shift;

	rc = plan_board(arch, text, FT_POLICY_DEFAULT, "default");
	if (rc == -FT_ERR_BANK_UNALIGNED && arch->page_shift > 12) {
		/* A 4K-aligned map Xen could not boot with this granule
		 * either: nothing to compare. */
		printf("%-30s %-4s n/a: banks not aligned to the %" PRIu64
		       "K granule\n",
		       board, variant, page >> 10);
		return 0;
	}
	if (rc || place_board()) {
		printf("%-30s %-4s FAIL: default plan/place\n", board, variant);
		return 1;
	}
	ft_get_stats(&ctx, &st);
	rc = upstream_model(ctx.st.banks, ctx.nr_banks, &ctx.pdx, arch,
			    DESC_SIZE, arch->window_base, &up);
	if (rc) {
		printf("%-30s %-4s FAIL: upstream model: %s\n", board, variant,
		       ft_strerror(rc));
		return 1;
	}
	ok = st.allocated_bytes <= up.bytes && st.tlb_entries <= up.tlb_entries;
	printf("%-30s %-4s limit %13" PRIu64 "  ours %13" PRIu64 " B %6" PRIu64
	       " TLB  upstream %13" PRIu64 " B %6" PRIu64 " TLB  %s\n",
	       board, variant, st.limit_bytes, st.allocated_bytes,
	       st.tlb_entries, up.bytes, up.tlb_entries, ok ? "PASS" : "FAIL");
	if (!ok) {
		printf("  pdx %s, ours %" PRIu64 " chunks, upstream %" PRIu64
		       " chunks (base pdx 0x%" PRIx64 ", max pdx 0x%" PRIx64
		       ")\n",
		       ft_pdx_mode_name(ctx.pdx.mode), st.nr_chunks,
		       up.nr_chunks, up.base_pdx, up.max_pdx);
		fails++;
	}

	/* Xen/Arm's own configuration is mask PDX: the default must not
	 * lose to upstream's layout with it either. */
	{
		struct ft_pdx mask;
		struct upstream_figures upm;
		ft_pdx_setup(&mask, FT_PDX_MASK, FT_PDX_OFFSET_MAX_SLOTS,
			     ctx.st.banks, ctx.nr_banks, arch->page_shift);
		if (!upstream_model(ctx.st.banks, ctx.nr_banks, &mask, arch,
				    DESC_SIZE, arch->window_base, &upm) &&
		    (st.allocated_bytes > upm.bytes ||
		     st.tlb_entries > upm.tlb_entries)) {
			printf("%-30s %-4s FAIL: default %" PRIu64 " B %" PRIu64
			       " TLB, upstream with mask PDX %" PRIu64
			       " B %" PRIu64 " TLB\n",
			       board, variant, st.allocated_bytes,
			       st.tlb_entries, upm.bytes, upm.tlb_entries);
			fails++;
		}
	}
	fails += check_min_tlb_beats_every_scheme(board, variant, arch, text);

	rc = plan_board(arch, text, FT_POLICY_MIN_MEMORY, "min-memory");
	if (rc) {
		printf("%-30s %-4s FAIL: min-memory plan\n", board, variant);
		return fails + 1;
	}
	ft_get_stats(&ctx, &st);
	/* A chunk may round up a page at each of its two edges. */
	slack = 2 * page * st.nr_chunks;
	allowed = st.limit_bytes + st.limit_bytes / 1000 + slack;
	ok = st.allocated_bytes <= allowed;
	printf("%-30s %-4s min-memory %13" PRIu64 " B  ratio %.5f  (allowed "
	       "%" PRIu64 ", %" PRIu64 " chunks)  %s\n",
	       board, variant, st.allocated_bytes,
	       st.limit_bytes
		       ? (double)st.allocated_bytes / (double)st.limit_bytes
		       : 0.0,
	       allowed, st.nr_chunks, ok ? "PASS" : "FAIL");
	if (!ok)
		fails++;
	return fails;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("FT_BOARDS_DIR");
	char **names = NULL;
	size_t nr = 0, i;
	unsigned boards = 0;
	int fails = 0;

	if (!dir || !*dir) {
		fprintf(stderr, "usage: %s BOARDS_DIR (or set FT_BOARDS_DIR)\n",
			argv[0]);
		return 1;
	}
	if (banksfile_list(dir, &names, &nr)) {
		perror(dir);
		return 1;
	}

	for (i = 0; i < nr; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		char board[64];
		char *text;
		unsigned v;

		if (!path) {
			perror("malloc");
			return 1;
		}
		snprintf(path, len, "%s/%s", dir, names[i]);
		text = banksfile_slurp(path, NULL);
		if (!text) {
			perror(path);
			fails++;
			free(path);
			continue;
		}
		/* The file name, not the "# board:" line: short and
		 * unique, so a failing line names the file to look at. */
		snprintf(board, sizeof(board), "%.*s",
			 (int)(strlen(names[i]) - strlen(".banks")), names[i]);
		for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
			fails += check_variant(board, variants[v], text);
		boards++;
		free(text);
		free(path);
		free(names[i]);
	}
	free(names);

	printf("%u boards checked, %d failures\n", boards, fails);
	if (!boards) {
		fprintf(stderr, "no *.banks file in %s\n", dir);
		return 1;
	}
	return fails ? 1 : 0;
}
