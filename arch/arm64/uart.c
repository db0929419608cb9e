/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PL011 output, polled. QEMU needs no baud or line set-up; the stub only
 * waits for room in the FIFO so that real hardware would not drop bytes.
 * '\n' is sent as is (no CR) so a test can compare the guest's JSON with
 * ftplan's byte for byte.
 */
#include "uart.h"

#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_TXFF (1u << 5)

static volatile uint32_t *reg(unsigned off)
{
	return (volatile uint32_t *)(uintptr_t)(FT_ARM64_UART_BASE + off);
}

void uart_putc(char c)
{
	while (*reg(PL011_FR) & PL011_TXFF)
		;
	*reg(PL011_DR) = (uint32_t)(unsigned char)c;
}
