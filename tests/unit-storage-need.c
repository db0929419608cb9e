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

	TU_CASE("banks_need_counts_every_bank_offered");
	{
		struct ft_storage st = {.banks = banks,
					.max_banks = 3,
					.reserved = reserved,
					.max_reserved = 1,
					.chunks = chunks,
					.max_chunks = all_chunks,
					.group_words = words,
					.max_group_words = all_words};
		struct ft_storage_need sn;
		TU_CHECK_EQ(ft_init(&ctx, &arch, NULL, &st), 0);
		for (unsigned i = 0; i < 10; i++)
			ft_add_bank(&ctx, UINT64_C(0x80000000) * (i + 1),
				    UINT64_C(0x10000000));
		TU_CHECK_EQ(ctx.err.code, -FT_ERR_TOOMANYBANKS);
		TU_CHECK_EQ(ctx.err.need, 10);
		TU_CHECK_EQ(ctx.err.have, 3);
		/* Never planned without the dropped banks. */
		TU_CHECK_EQ(ft_storage_need(&ctx, &sn), -FT_ERR_TOOMANYBANKS);
		TU_CHECK_EQ(sn.banks, 10);
		TU_CHECK_EQ(ft_plan(&ctx), -FT_ERR_TOOMANYBANKS);
		TU_CHECK_EQ(ctx.err.need, 10);
		ft_add_reserved(&ctx, 0x80000000, 0x1000);
		ft_add_reserved(&ctx, 0x80001000, 0x1000);
		TU_CHECK_EQ(ctx.err.code, -FT_ERR_TOOMANYRESERVED);
		TU_CHECK_EQ(ctx.err.need, 2);
	}

	TU_CASE("storage_need_is_exactly_what_the_plan_takes");
	{
		struct ft_storage st = {.banks = banks,
					.max_banks = NBANKS,
					.reserved = reserved,
					.max_reserved = 1,
					.chunks = chunks,
					.max_chunks = 1,
					.group_words = words,
					.max_group_words = 1};
		static ft_word_t valid[1 << 12];
		struct ft_storage_need sn;
		TU_CHECK_EQ(ft_init(&ctx, &arch, NULL, &st), 0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x80000000, UINT64_C(2) << 30),
			    0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x880000000, UINT64_C(2) << 30),
			    0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x50000000000, UINT64_C(1) << 30),
			    0);
		TU_CHECK_EQ(ft_storage_need(&ctx, &sn), 0);
		TU_CHECK_EQ(sn.banks, 3);
		TU_CHECK(sn.chunks >= 1 && sn.chunks <= 3);
		TU_CHECK(sn.valid_words > 0 && sn.valid_words <= 1 << 12);
		st.max_chunks = sn.chunks;
		st.max_group_words = sn.group_words;
		st.valid_words = valid;
		st.max_valid_words = sn.valid_words;
		TU_CHECK_EQ(ft_init(&ctx, &arch, NULL, &st), 0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x80000000, UINT64_C(2) << 30),
			    0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x880000000, UINT64_C(2) << 30),
			    0);
		TU_CHECK_EQ(ft_add_bank(&ctx, 0x50000000000, UINT64_C(1) << 30),
			    0);
		TU_CHECK_EQ(ft_plan(&ctx), 0);
		TU_CHECK_EQ(ctx.nr_chunks, sn.chunks);
		TU_CHECK_EQ(ctx.nr_group_words, sn.group_words);
		TU_CHECK_EQ(2 * ctx.valid.nr_words, sn.valid_words);
	}
	return tu_finish();
}
