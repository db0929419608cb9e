/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The "sim" architecture: a host-side stand-in for a port, used by the unit
 * and property tests. It implements struct ft_ops over any arch
 * description: a software page table that records every mapping and
 * refuses misaligned or overlapping ones, a record of every fill, the
 * library's boot allocator over the context's banks, and fault injection
 * (the allocator running dry, the arch refusing a map). sim_check() then
 * verifies the invariants of DESIGN.md against those records.
 */
#ifndef FRAMETABLE_TESTS_SIM_H
#define FRAMETABLE_TESTS_SIM_H

#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

struct sim_map {
	uint64_t va, pa, len;
	unsigned size_class;
};

struct sim_fill {
	uint64_t va, len;
	int byte;
};

struct sim {
	const struct ft_arch *arch;
	struct sim_map *maps;
	size_t nr_maps, cap_maps;
	struct sim_fill *fills;
	size_t nr_fills, cap_fills;
	struct ft_bank *allocs;
	size_t nr_allocs, cap_allocs;
	struct ft_bootalloc ba;
	struct ft_bank ba_storage[8192];
	/* Fault injection: fail the n-th call (0-based), -1 for never. */
	long fail_alloc_at, fail_map_at;
	long alloc_calls, map_calls;
	/* First violation seen by a hook or by sim_check(). */
	char why[512];
};

/* Set up sim for ctx (after ft_plan, so banks are validated). */
int sim_init(struct sim *s, const struct ft_ctx *ctx);
void sim_fini(struct sim *s);
/* The ops that drive it. */
void sim_ops(struct sim *s, struct ft_ops *ops);
/* Is every byte of [va, va + len) mapped? */
bool sim_mapped(const struct sim *s, uint64_t va, uint64_t len);
/* Translate a VA; false if it would fault. */
bool sim_translate(const struct sim *s, uint64_t va, uint64_t *pa);
/* After ft_apply: every invariant of DESIGN.md. 0 if all hold, else -1
 * with s->why saying which. */
int sim_check(struct sim *s, const struct ft_ctx *ctx);
/* After a failed ft_place / ft_apply: nothing mapped, nothing held. */
int sim_check_clean(struct sim *s);
/* After ft_apply: ft_mfn_valid against an oracle built from what the map
 * hook recorded ("the whole descriptor is mapped"), for one frame of
 * every valid group (at an offset drawn from seed) and the first, middle
 * and last frame of every hole: between banks, between chunks and
 * between runs of valid groups. 0 if all agree, else -1 with s->why. */
int sim_check_mfn_valid(struct sim *s, const struct ft_ctx *ctx, uint64_t seed);

#endif
