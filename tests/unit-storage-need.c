/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A storage error's err.need is the whole plan's need, not what the
 * failing bank or chunk alone lacks: a caller that grows its storage to
 * exactly err.need plans once more and succeeds, and one slot less still
 * fails. (ftplan grows its storage this way; with the failing bank's words
 * plus two as the need, 4097 banks over 2^52 took 2032 re-plans.)
 */
#include "testutil.h"

#include <frametable/frametable.h>
#include <string.h>

#define NBANKS 300

static struct ft_bank banks[NBANKS], reserved[1];
static struct ft_chunk chunks[4 * NBANKS];
static struct ft_group_word words[64 * NBANKS];

static struct ft_arch arch;

/* NBANKS banks of 2 MiB spread over 2^52 (as tools/scaling.c does): every
 * bank is its own run of groups, its groups in words of their own. */
static int plan(struct ft_ctx *ctx, unsigned max_chunks, size_t max_words)
{
	const uint64_t span = UINT64_C(1) << 52, size = UINT64_C(2) << 20;
	struct ft_storage st = {
		.banks = banks,
		.max_banks = NBANKS,
		.reserved = reserved,
		.max_reserved = 1,
		.chunks = chunks,
		.max_chunks = max_chunks,
		.group_words = words,
		.max_group_words = max_words,
	};
	struct ft_params p;
	int rc;

	ft_params_default(&p);
	p.pa_bits = 52;
	rc = ft_init(ctx, &arch, &p, &st);
	for (unsigned i = 0; !rc && i < NBANKS; i++) {
		uint64_t base = (span - size) / (NBANKS - 1) * i;
		rc = ft_add_bank(ctx, base & ~(uint64_t)0xfff, size);
	}
	return rc ? rc : ft_plan(ctx);
}

int main(void)
{
	const size_t all_words = sizeof(words) / sizeof(words[0]);
	const unsigned all_chunks = sizeof(chunks) / sizeof(chunks[0]);
	struct ft_ctx ctx;
	uint64_t need;

	arch = *ft_arch_find("arm64", "4k");
	arch.window_size = UINT64_C(1) << 62;

	TU_CASE("group_words_need_is_the_whole_bitmap_in_one_retry");
	TU_CHECK_EQ(plan(&ctx, all_chunks, 4), -FT_ERR_GROUPS_FULL);
	need = ctx.err.need;
	TU_CHECK_EQ(ctx.err.have, 4);
	TU_CHECK(need > 4 && need <= all_words);
	TU_CHECK(need >= NBANKS); /* no two banks share a word */
	TU_CHECK_EQ(plan(&ctx, all_chunks, (size_t)need), 0);
	TU_CHECK_EQ(ctx.nr_group_words, need);
	TU_CHECK_EQ(plan(&ctx, all_chunks, (size_t)need - 1),
		    -FT_ERR_GROUPS_FULL);
	TU_CHECK_EQ(ctx.err.need, need);

	TU_CASE("chunks_need_is_the_whole_plan_in_one_retry");
	TU_CHECK_EQ(plan(&ctx, 2, all_words), -FT_ERR_TOOMANYCHUNKS);
	need = ctx.err.need;
	TU_CHECK_EQ(ctx.err.have, 2);
	TU_CHECK(need >= NBANKS && need <= all_chunks);
	TU_CHECK_EQ(ctx.nr_chunks, 0);
	TU_CHECK_EQ(plan(&ctx, (unsigned)need, all_words), 0);
	TU_CHECK_EQ(ctx.nr_chunks, need);
	TU_CHECK_EQ(plan(&ctx, (unsigned)need - 1, all_words),
		    -FT_ERR_TOOMANYCHUNKS);
	TU_CHECK_EQ(ctx.err.need, need);
	return tu_finish();
}
