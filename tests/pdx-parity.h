/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The library's PDX schemes against the model of Xen's (xen-pdx-model.h)
 * on one map with 4K pages:
 *   - --pdx mask squeezes the same bits as Xen's mask compression;
 *   - --pdx offset compresses every map Xen's offset compresses, with a PDX
 *     span no larger than Xen's, and round-trips every bank edge;
 *   - the smallest span of the library's schemes is at or below the best
 *     of Xen's mask, Xen's offset and no compression.
 * Prints one line per broken rule, prefixed with label; returns how many.
 */
#ifndef FRAMETABLE_TESTS_PDX_PARITY_H
#define FRAMETABLE_TESTS_PDX_PARITY_H

#include <frametable/frametable.h>

struct pdx_parity_figures {
	uint64_t none, mask, offset; /* the library's spans; offset 0: unfit */
	uint64_t xen_mask, xen_offset;
	bool xen_offset_compresses;
};

/* raw: the banks as declared (Xen's input); banks: the same after
 * ft_banks_validate() (the library's input). */
int pdx_parity_check(const char *label, const struct ft_bank *raw,
		     unsigned nraw, const struct ft_bank *banks, unsigned nr,
		     struct pdx_parity_figures *out);

#endif
