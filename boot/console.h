/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot stub's console and exit, over the port's putc and exit hooks
 * (boot-arch.h); numbers as report/put.c writes them, so the console and
 * ftplan agree digit for digit. The port's own code (fault handler, early
 * errors) prints through these too, once boot_console_init has run.
 */
#ifndef FT_BOOT_CONSOLE_H
#define FT_BOOT_CONSOLE_H

#include "boot-arch.h"

#define BOOT_EXIT_PASS	0
#define BOOT_EXIT_FAIL	1
#define BOOT_EXIT_ERROR 2
/* An unexpected exception (the port's fault handler). */
#define BOOT_EXIT_FAULT 3

/* The port whose hooks the rest of boot/ calls. Set once. */
extern const struct boot_arch *boot_port;

void boot_console_init(const struct boot_arch *arch);
void boot_putc(char c);
void boot_puts(const char *s);
void boot_put_hex(uint64_t v);
void boot_put_dec(uint64_t v);
__attribute__((noreturn)) void boot_exit(unsigned status);
/* The port's probe as the checks ask it: does a load from va fault? */
bool boot_faults(uint64_t va);
/* "FT-ERROR: <what>", exit 2. */
__attribute__((noreturn)) void boot_error(const char *what);

#endif /* FT_BOOT_CONSOLE_H */
