/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot cost: the stub times its frametable initialisation with the
 * architecture's counter, then builds and times the dense layout that
 * Xen/Arm used before sparse frametables, for the same map, in the same
 * run. docs/arm64.md describes the lines printed.
 */
#ifndef FT_ARM64_BOOTCOST_H
#define FT_ARM64_BOOTCOST_H

#include "prefill.h"

#include <frametable/bootalloc.h>
#include <frametable/frametable.h>

/* The dense table's virtual window: 1 TiB at 0x0000_0300_0000_0000, clear
 * of the frametable window (32 GiB at 0x0000_0200_0000_0000) and of the
 * stub's identity map (image, UART and DTB, all below 0x4800_0000). */
#define BOOTCOST_DENSE_VA      UINT64_C(0x0000030000000000)
#define BOOTCOST_DENSE_VA_SIZE (UINT64_C(1) << 40)
/* Dense tables larger than this are sized and allocated but not mapped,
 * filled nor timed: they would cost the host that much RAM and the QEMU
 * run seconds per GiB. */
#define BOOTCOST_DENSE_MAX_TIMED (UINT64_C(2) << 30)
/* Xen/Arm's alloc_boot_pages(..., 32 << (20 - PAGE_SHIFT)). */
#define BOOTCOST_DENSE_PA_ALIGN (UINT64_C(32) << 20)

/* The virtual counter, read after an ISB so that it is not read early. */
uint64_t bootcost_now(void);
/* CNTFRQ_EL0: the counter's frequency in Hz. */
uint64_t bootcost_freq(void);

/* Counter ticks of the sparse path, each from just before to just after
 * the library call. */
struct bootcost_sparse {
	uint64_t plan, place, apply;
};

/*
 * Build the dense layout of ctx's map (applied) with memory from ba,
 * time it and print FT-TIME, FT-DENSE-TIME, "boot cost: ..." and
 * "dense layout: ..." lines. Maps at BOOTCOST_DENSE_VA through pt.c.
 * The dense table's memory is pattern-filled through pf before the timed
 * build, as the frametable's was before ft_apply (a failed fill shows in
 * pf->failed). Never fails the run otherwise: a layout that cannot be
 * built is reported as such.
 */
void bootcost_report(const struct ft_ctx *ctx, struct ft_bootalloc *ba,
		     const struct bootcost_sparse *sparse, struct prefill *pf);

#endif /* FT_ARM64_BOOTCOST_H */
