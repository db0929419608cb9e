/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftstrategy: which of the planner's search strategies earns its place
 * (make bench; docs/bench.md). For every board of a boards/ directory,
 * every arch with a virtual window and every policy, plans once with all
 * strategies (and prints the kept plan's), then once without each one. A
 * strategy earns its place where removing it makes the plan worse in the
 * policy's own order (or impossible); one that never does on a real map is
 * dead weight in ft_plan(), and the summary says so.
 *
 * The boards are few, and the planner is judged on boards it has not seen,
 * so the same is done on N random maps (--random N, seeded, 1 to 8 banks
 * of 2 MiB to 1 GiB units below 2^48): a strategy that never wins on the
 * boards but wins there stays.
 *
 * Usage: ftstrategy BOARDS_DIR [--random N]
 */
#define _POSIX_C_SOURCE 200809L

#include <frametable/frametable.h>

#include "banksfile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

FT_STORAGE_DEFINE(fs, 4096, 4096, 8192, 1u << 20, 0);

static const struct {
	unsigned bit;
	const char *name;
} strategies[] = {
	{FT_PLAN_EDGE_WHOLE, "edge-whole"},
	{FT_PLAN_EDGE_MIXED, "edge-mixed"},
	{FT_PLAN_EDGE_TRIM, "edge-trim"},
	{FT_PLAN_EDGE_FIT, "edge-fit"},
	{FT_PLAN_ORDER_FINE, "order-fine"},
	{FT_PLAN_ORDER_COARSE, "order-coarse"},
	{FT_PLAN_BASE_GROUP, "base-group"},
	{FT_PLAN_BASE_FINE, "base-fine"},
	{FT_PLAN_BASE_ALIGNED, "base-aligned"},
};
#define NR_STRATEGIES (sizeof(strategies) / sizeof(strategies[0]))

struct outcome {
	bool ok;
	uint64_t bytes, tlb;
	unsigned kept;
	enum ft_pdx_mode pdx;
};

static struct outcome plan(const struct ft_arch *arch, const char *text,
			   enum ft_policy policy, unsigned use)
{
	static struct ft_ctx ctx;
	struct ft_params p;
	struct outcome o = {.ok = false};
	struct ft_stats st;
	unsigned bad_line;

	ft_params_default(&p);
	p.policy = policy;
	p.strategies = use;
	if (ft_init(&ctx, arch, &p, &fs_storage) ||
	    banksfile_load(&ctx, text, &bad_line) || ft_plan(&ctx))
		return o;
	ft_get_stats(&ctx, &st);
	o.ok = true;
	o.bytes = st.allocated_bytes;
	o.tlb = st.tlb_entries;
	o.kept = ctx.plan_strategy;
	o.pdx = ctx.pdx.mode;
	return o;
}

/* Is a worse than b in the policy's order? */
static bool worse(enum ft_policy pol, const struct outcome *a,
		  const struct outcome *b)
{
	if (!b->ok)
		return false;
	if (!a->ok)
		return true;
	uint64_t a1 = pol == FT_POLICY_MIN_TLB ? a->tlb : a->bytes;
	uint64_t a2 = pol == FT_POLICY_MIN_TLB ? a->bytes : a->tlb;
	uint64_t b1 = pol == FT_POLICY_MIN_TLB ? b->tlb : b->bytes;
	uint64_t b2 = pol == FT_POLICY_MIN_TLB ? b->bytes : b->tlb;
	return a1 > b1 || (a1 == b1 && a2 > b2);
}

struct tally {
	unsigned needed[NR_STRATEGIES], cases;
};

/* Plan one map under every arch and policy, with and without each
 * strategy; print a line per plan when verbose. */
static void try_map(const char *label, const char *text, struct tally *t,
		    bool verbose);

static void print_kept(unsigned kept)
{
	bool first = true;

	for (unsigned i = 0; i < NR_STRATEGIES; i++)
		if (kept & strategies[i].bit) {
			printf("%s%s", first ? "" : "+", strategies[i].name);
			first = false;
		}
}

static void try_map(const char *label, const char *text, struct tally *t,
		    bool verbose)
{
	static const enum ft_policy policies[] = {
		FT_POLICY_DEFAULT, FT_POLICY_MIN_MEMORY, FT_POLICY_MIN_TLB};

	for (unsigned a = 0; ft_arch_nth(a); a++) {
		const struct ft_arch *arch = ft_arch_nth(a);
		if (arch->identity)
			continue;
		for (unsigned k = 0; k < 3; k++) {
			enum ft_policy pol = policies[k];
			struct outcome all = plan(arch, text, pol, FT_PLAN_ALL);
			if (!all.ok)
				continue;
			t->cases++;
			if (verbose) {
				printf("%-28.28s %-4s/%-5s %-10s %-6s ", label,
				       arch->name, arch->variant,
				       ft_policy_name(pol),
				       ft_pdx_mode_name(all.pdx));
				print_kept(all.kept);
				printf(" |");
			}
			for (unsigned i = 0; i < NR_STRATEGIES; i++) {
				struct outcome w =
					plan(arch, text, pol,
					     FT_PLAN_ALL & ~strategies[i].bit);
				if (worse(pol, &w, &all)) {
					t->needed[i]++;
					if (verbose)
						printf(" %s",
						       strategies[i].name);
				}
			}
			if (verbose)
				printf("\n");
		}
	}
}

static void print_tally(const char *what, const struct tally *t)
{
	printf("\n%s: over %u plans (maps x arches x policies), removing "
	       "the strategy makes the plan worse in:\n",
	       what, t->cases);
	for (unsigned i = 0; i < NR_STRATEGIES; i++)
		printf("  %-13s %5u\n", strategies[i].name, t->needed[i]);
}

static uint64_t rng = UINT64_C(0x5eed5eed);

static uint64_t rnd_below(uint64_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (rng * UINT64_C(2685821657736338717)) % n;
}

/* A random map as bank-list text: disjoint banks of whole units. */
static void random_map(char *out, size_t len)
{
	static const unsigned unit_shift[] = {21, 24, 26, 28, 30};
	unsigned n = 1 + (unsigned)rnd_below(8);
	uint64_t unit = UINT64_C(1) << unit_shift[rnd_below(5)];
	uint64_t units = UINT64_C(1) << (8 + rnd_below(9)), pos = 0;
	size_t used = 0;

	for (unsigned i = 0; i < n && pos < units; i++) {
		uint64_t gap = rnd_below(units / n + 1);
		uint64_t size = 1 + rnd_below(units / n + 1);
		if (pos + gap + size > units ||
		    (pos + gap + size) * unit > UINT64_C(1) << 48)
			break;
		used += (size_t)snprintf(out + used, len - used,
					 "memory 0x%" PRIx64 " 0x%" PRIx64 "\n",
					 (pos + gap) * unit, size * unit);
		pos += gap + size;
	}
	if (!used)
		snprintf(out, len, "memory 0x80000000 0x40000000\n");
}

int main(int argc, char **argv)
{
	struct tally boards = {{0}, 0}, random = {{0}, 0};
	unsigned nr_random = 0;
	char **names = NULL;
	size_t nr = 0;

	if (argc == 4 && !strcmp(argv[2], "--random"))
		nr_random = (unsigned)strtoul(argv[3], NULL, 10);
	else if (argc != 2) {
		fprintf(stderr, "usage: %s BOARDS_DIR [--random N]\n", argv[0]);
		return 2;
	}
	if (banksfile_list(argv[1], &names, &nr) || !nr) {
		fprintf(stderr, "%s: no boards\n", argv[1]);
		return 1;
	}
	printf("Planner strategies: the kept plan's, and what removing each "
	       "costs\n");
	printf("%-28s %-10s %-10s %-6s %s\n", "board", "arch", "policy", "pdx",
	       "kept plan: edge+order+base  | worse without");
	for (size_t b = 0; b < nr; b++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", argv[1], names[b]);
		char *text = banksfile_slurp(path, NULL);
		if (text)
			try_map(names[b], text, &boards, true);
		free(text);
		free(names[b]);
	}
	free(names);
	print_tally("Boards", &boards);
	for (unsigned i = 0; i < nr_random; i++) {
		char text[1024];
		random_map(text, sizeof(text));
		try_map("random", text, &random, false);
	}
	if (nr_random)
		print_tally("Random maps", &random);
	return 0;
}
