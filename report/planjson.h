/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The plan as JSON (the schema of docs/ftplan.md), written one character at
 * a time through a callback. Freestanding: no printf, no allocation, so
 * the boot stubs print the very same text as ftplan --json and a test can
 * compare a guest's plan with the host's.
 */
#ifndef FRAMETABLE_REPORT_PLANJSON_H
#define FRAMETABLE_REPORT_PLANJSON_H

#include "put.h"

#include <frametable/frametable.h>

typedef ft_putc_fn ft_json_putc;

/* Write the whole object for a planned (and maybe placed) context. */
void ft_plan_write_json(const struct ft_ctx *ctx, ft_json_putc out, void *arg);

/* The descriptor VAs of a bank's first frame and one past its last. */
void ft_bank_desc_range(const struct ft_ctx *ctx, const struct ft_bank *b,
			uint64_t *va, uint64_t *va_end);

#endif
