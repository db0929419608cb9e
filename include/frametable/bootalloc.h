/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A boot allocator over the declared RAM banks minus reserved ranges.
 *
 * The boot stubs use it as their hypervisor's allocator, and the planner on
 * the host runs the same code over the same banks, so a plan printed on the
 * host shows where its memory would really come from. It hands out memory
 * top-down (as Xen's boot allocator does), only from ranges added to it,
 * at an address congruent to a phase modulo a power-of-two alignment.
 */
#ifndef FRAMETABLE_BOOTALLOC_H
#define FRAMETABLE_BOOTALLOC_H

#include <frametable/frametable.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ft_bootalloc {
	struct ft_bank *free; /* sorted, disjoint, non-adjacent */
	unsigned nr, max;
};

void ft_bootalloc_init(struct ft_bootalloc *ba, struct ft_bank *storage,
		       unsigned max);
/* Make [base, base + size) available (merged with neighbours). */
int ft_bootalloc_add(struct ft_bootalloc *ba, uint64_t base, uint64_t size);
/* Take [base, base + size) out of what is available (the parts that are). */
int ft_bootalloc_reserve(struct ft_bootalloc *ba, uint64_t base, uint64_t size);
/* Highest pa with pa % align == phase and [pa, pa + size) free. */
int ft_bootalloc_alloc(struct ft_bootalloc *ba, uint64_t size, uint64_t align,
		       uint64_t phase, uint64_t *pa);
/* Bytes still free. */
uint64_t ft_bootalloc_free_bytes(const struct ft_bootalloc *ba);
/* Fill ba with the validated banks of ctx minus its reserved ranges. */
int ft_bootalloc_from_ctx(struct ft_bootalloc *ba, const struct ft_ctx *ctx);

/* struct ft_ops alloc / free hooks; arg is a struct ft_bootalloc. */
int ft_bootalloc_hook_alloc(void *arg, uint64_t size, uint64_t align,
			    uint64_t phase, uint64_t *pa);
void ft_bootalloc_hook_free(void *arg, uint64_t pa, uint64_t size);

#ifdef __cplusplus
}
#endif

#endif /* FRAMETABLE_BOOTALLOC_H */
