/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console and exit of the RISC-V stub. Putchar is SBI legacy extension 1
 * (a7 = 1, a0 = the character). The exit writes QEMU virt's SiFive test
 * finisher: 0x5555 passes, (code << 16) | 0x3333 fails with code; the
 * device stays identity-mapped once paging is on (boot-riscv.c).
 */
#include "sbi.h"

#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

void rv_sbi_putc(char c)
{
	register uintptr_t a0 __asm__("a0") = (unsigned char)c;
	register uintptr_t a7 __asm__("a7") = 1;

	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "a1", "memory");
}

void rv_test_exit(unsigned status)
{
	volatile uint32_t *finisher =
		(volatile uint32_t *)(uintptr_t)RV_TEST_DEVICE;
	uint32_t word = status ? (status << 16) | FINISHER_FAIL : FINISHER_PASS;

	__asm__ volatile("fence iorw, iorw" ::: "memory");
	*finisher = word;
	for (;;)
		__asm__ volatile("wfi");
}
