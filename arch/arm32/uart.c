/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PL011 output, polled; '\n' sent as is so the guest's JSON compares
 * byte for byte with ftplan's.
 */
#include "uart.h"

#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_TXFF (1u << 5)

static volatile uint32_t *reg(unsigned off)
{
	return (volatile uint32_t *)(uintptr_t)(FT_ARM32_UART_BASE + off);
}

void uart_putc(char c)
{
	while (*reg(PL011_FR) & PL011_TXFF)
		;
	*reg(PL011_DR) = (uint32_t)(unsigned char)c;
}
