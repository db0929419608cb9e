/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An identity arch's frametable under each PDX scheme: the one array from
 * the first RAM frame's descriptor to the last, page rounded, with PDX
 * none, mask (Xen's rule), offset as Xen lays it out (1 GiB aligned
 * regions) and the plan's own. Printed by ftplan and by the MPU boot stub
 * beside the plan, so that the saving is on every report.
 */
#ifndef FRAMETABLE_REPORT_PDXSIZES_H
#define FRAMETABLE_REPORT_PDXSIZES_H

#include "put.h"

#include <frametable/frametable.h>

struct ft_pdx_sizes {
	/* Bytes; 0 when the scheme cannot represent the map. */
	uint64_t none, mask, offset_xen, plan;
	/* The physical limit: RAM frames x descriptor size. */
	uint64_t limit;
};

/* For a planned ctx of an identity arch. */
void ft_pdx_sizes_get(const struct ft_ctx *ctx, struct ft_pdx_sizes *s);
/* One line: "none=N mask=N offset_xen=N plan=N limit=N" (bytes). */
void ft_pdx_sizes_put(ft_putc_fn out, void *arg, const struct ft_pdx_sizes *s);

#endif
