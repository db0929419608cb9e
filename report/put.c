/* SPDX-License-Identifier: BSD-2-Clause */
/* Characters through a callback: see put.h. */
#include "put.h"

void ft_put_str(ft_putc_fn out, void *arg, const char *s)
{
	while (*s)
		out(arg, *s++);
}

void ft_put_hex(ft_putc_fn out, void *arg, uint64_t v)
{
	char buf[16];
	int n = 0;

	ft_put_str(out, arg, "0x");
	do {
		buf[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (n)
		out(arg, buf[--n]);
}

void ft_put_dec(ft_putc_fn out, void *arg, uint64_t v)
{
	char buf[20];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out(arg, buf[--n]);
}
