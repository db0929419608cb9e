/* SPDX-License-Identifier: BSD-2-Clause */
/* Console output of the arm64 boot stub: the PL011 of QEMU virt. */
#ifndef FT_ARM64_UART_H
#define FT_ARM64_UART_H

#include <stdint.h>

/* QEMU virt's first PL011 (hw/arm/virt.c, VIRT_UART). */
#define FT_ARM64_UART_BASE UINT64_C(0x09000000)
#define FT_ARM64_UART_SIZE UINT64_C(0x1000)

/* The port's putc hook (boot-arch.h). */
void uart_putc(char c);

#endif /* FT_ARM64_UART_H */
