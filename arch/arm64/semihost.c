/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYS_EXIT (0x18) with ADP_Stopped_ApplicationExit: on AArch64 the
 * parameter is a block {reason, status} (Arm semihosting 2.0, "SYS_EXIT"),
 * which is what lets the status through; the 32-bit form carries none.
 */
#include "semihost.h"

#include <stdint.h>

#define SYS_EXIT		    0x18
#define ADP_STOPPED_APPLICATIONEXIT 0x20026

void semihost_exit(unsigned code)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATIONEXIT, code};
	register uint64_t op __asm__("x0") = SYS_EXIT;
	register uint64_t arg __asm__("x1") = (uint64_t)(uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(op) : "r"(arg) : "memory");
	/* Without semihosting the hlt traps as an undefined instruction;
	 * should it return, stop here. */
	for (;;)
		__asm__ volatile("wfi");
}
