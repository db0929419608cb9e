/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot cost: the stub times its frametable initialisation with the
 * port's counter (boot_arch.counter), then builds and times the dense layout
 * that Xen/Arm used before sparse frametables, for the same map, in the same
 * run. docs/arm64.md describes the lines printed.
 */
#ifndef FT_BOOT_BOOTCOST_H
#define FT_BOOT_BOOTCOST_H

#include "prefill.h"

#include <frametable/bootalloc.h>
#include <frametable/frametable.h>

/* Dense tables larger than this are sized and allocated but not mapped,
 * filled nor timed: they would cost the host that much RAM and the QEMU
 * run seconds per GiB. */
#define BOOTCOST_DENSE_MAX_TIMED (UINT64_C(2) << 30)
/* Xen/Arm's alloc_boot_pages(..., 32 << (20 - PAGE_SHIFT)). */
#define BOOTCOST_DENSE_PA_ALIGN (UINT64_C(32) << 20)

/* The port's counter. */
uint64_t bootcost_now(void);

/* Counter ticks of the sparse path, each from just before to just after
 * the library call. */
struct bootcost_sparse {
	uint64_t plan, place, apply;
};

/*
 * Build the dense layout of ctx's map (applied) with memory from ba,
 * time it and print FT-TIME, FT-DENSE-TIME, "boot cost: ..." and
 * "dense layout: ..." lines. Maps at the port's dense_va with its map
 * hook, cut as the library cuts a chunk (ft_cut_mappings).
 * The dense table's memory is pattern-filled through pf before the timed
 * build, as the frametable's was before ft_apply (a failed fill shows in
 * pf->failed). Never fails the run otherwise: a layout that cannot be
 * built is reported as such.
 */
void bootcost_report(const struct ft_ctx *ctx, struct ft_bootalloc *ba,
		     const struct bootcost_sparse *sparse, struct prefill *pf);

#endif /* FT_BOOT_BOOTCOST_H */
