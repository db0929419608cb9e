/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Probing the unmapped gaps of the frametable's virtual window, and
 * ft_mfn_valid on the frames whose descriptors would sit there.
 * Architecture-neutral: the port lends a fault probe.
 */
#ifndef FT_BOOT_GAPS_H
#define FT_BOOT_GAPS_H

#include <frametable/frametable.h>

struct gaps {
	/* Does a load from va take a translation fault? */
	bool (*faults)(uint64_t va);
	/* Called for every failure, with the culprit address or frame. */
	void (*bad)(void *arg, const char *what, uint64_t where);
	void *arg;
	/* Counts, added to by the calls below. */
	uint64_t gaps, probes, faulted, frames;
};

/*
 * Every stretch of the window that no chunk maps (before the first chunk,
 * between two, after the last) is probed at its first page, its last page
 * and its middle page: each load must fault, and no frame whose
 * descriptor overlaps a probed page may be ft_mfn_valid. For an identity
 * arch (no window) the stretches are the physical holes between banks,
 * and only the loads are judged.
 */
void gaps_probe(const struct ft_ctx *ctx, struct gaps *g);
/* ft_mfn_valid must be false for every frame whose descriptor overlaps
 * [va, va + len): the caller has just seen that range fault. */
void gaps_frames_invalid(const struct ft_ctx *ctx, struct gaps *g, uint64_t va,
			 uint64_t len);

#endif /* FT_BOOT_GAPS_H */
