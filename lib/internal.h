/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the files of lib/; not installed. */
#ifndef FRAMETABLE_LIB_INTERNAL_H
#define FRAMETABLE_LIB_INTERNAL_H

#include <frametable/frametable.h>

static inline uint64_t ft_round_down(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

/* Caller guarantees no overflow (x + a - 1 representable). */
static inline uint64_t ft_round_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static inline uint64_t ft_min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static inline uint64_t ft_max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static inline bool ft_is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

/* Record an error in ctx and return it, negated. */
int ft_fail(struct ft_ctx *ctx, enum ft_err code, int index, uint64_t base,
	    uint64_t size);

/* Give every placed chunk's memory back and return to "planned": the
 * unwinding of a failed ft_place() or ft_apply() (lib/place.c). */
void ft_unplace_internal(struct ft_ctx *ctx, const struct ft_ops *ops);

/* Zero n bytes through the environment's hook (frametable/ft_env.h). */
static inline void ft_zero(void *p, size_t n)
{
	ft_env_memset(p, 0, n);
}

/* The valid map of ft_mfn_valid (lib/convert.c): reset to "nothing
 * valid", built from the stored chunks (FT_ERR_VALIDMAP_FULL), and the
 * words it takes for groups of PDXs [first_pdx, end_pdx). */
void ft_valid_reset(struct ft_ctx *ctx);
int ft_valid_build(struct ft_ctx *ctx);
size_t ft_valid_words_for(const struct ft_ctx *ctx, uint64_t first_pdx,
			  uint64_t end_pdx);

/* A range of descriptor VA and the PA congruence it may assume. */
struct ft_span {
	uint64_t va_start, va_end;
	uint64_t pa_align;
};

/* Largest mapping size the VA range [s, e) could use with PA congruent to
 * VA modulo every size: the biggest size with an aligned piece inside. */
uint64_t ft_best_align(const struct ft_arch *arch, uint64_t s, uint64_t e);

/* Page-table pages below the root needed by a sorted list of spans. */
struct ft_pt_counter {
	const struct ft_arch *arch;
	uint64_t last_id[FT_MAX_LEVELS];
	bool seen[FT_MAX_LEVELS];
	uint64_t pages;
};
void ft_pt_counter_init(struct ft_pt_counter *c, const struct ft_arch *arch);
/* Account for count entries of size_class starting at va (VA order). */
void ft_pt_counter_add(struct ft_pt_counter *c, uint64_t va, uint64_t count,
		       unsigned size_class);

#endif /* FRAMETABLE_LIB_INTERNAL_H */
