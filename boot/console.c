/* SPDX-License-Identifier: BSD-2-Clause */
/* The boot stub's console, exit and probe: see console.h. */
#include "console.h"

#include <put.h>
#include <stddef.h>

const struct boot_arch *boot_port;

void boot_console_init(const struct boot_arch *arch)
{
	boot_port = arch;
}

void boot_putc(char c)
{
	boot_port->putc(c);
}

static void put_cb(void *arg, char c)
{
	(void)arg;
	boot_putc(c);
}

void boot_puts(const char *s)
{
	ft_put_str(put_cb, NULL, s);
}

void boot_put_hex(uint64_t v)
{
	ft_put_hex(put_cb, NULL, v);
}

void boot_put_dec(uint64_t v)
{
	ft_put_dec(put_cb, NULL, v);
}

bool boot_faults(uint64_t va)
{
	uint64_t val;

	return boot_port->probe(va, &val);
}

void boot_exit(unsigned status)
{
	boot_port->exit(status);
}

void boot_error(const char *what)
{
	boot_puts("FT-ERROR: ");
	boot_puts(what);
	boot_putc('\n');
	boot_exit(BOOT_EXIT_ERROR);
}
