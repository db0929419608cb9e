/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Text output one character at a time through a callback: strings, hex
 * and decimal numbers. Freestanding (no printf, no allocation), so a boot
 * stub's console and a host tool's stdout print numbers the same way, and
 * the plan's JSON (planjson.c) is the same text in a guest and on a host.
 */
#ifndef FRAMETABLE_REPORT_PUT_H
#define FRAMETABLE_REPORT_PUT_H

#include <stdint.h>

/* Where the characters go: a UART, a FILE, a buffer. */
typedef void (*ft_putc_fn)(void *arg, char c);

void ft_put_str(ft_putc_fn out, void *arg, const char *s);
/* "0x" and lower-case digits, no leading zeros ("0x0" for zero). */
void ft_put_hex(ft_putc_fn out, void *arg, uint64_t v);
void ft_put_dec(ft_putc_fn out, void *arg, uint64_t v);

#endif
