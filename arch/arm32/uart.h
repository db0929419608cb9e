/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FT_ARM32_UART_H
#define FT_ARM32_UART_H

#include <stdint.h>

/* QEMU virt's PL011 (the same address on the 32-bit machine). */
#define FT_ARM32_UART_BASE UINT64_C(0x09000000)
#define FT_ARM32_UART_SIZE UINT64_C(0x1000)

void uart_putc(char c);

#endif /* FT_ARM32_UART_H */
