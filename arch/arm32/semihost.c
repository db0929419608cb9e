/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit and the
 * status: on AArch32, plain SYS_EXIT takes the reason in r1 and no
 * status, so the extended call (a {reason, status} block, Arm
 * semihosting 2.0) is what carries it. The A32 trap is svc 0x123456 (a
 * Cortex-A15 has no hlt).
 */
#include "semihost.h"

#include <stdint.h>

#define SYS_EXIT_EXTENDED	    0x20
#define ADP_STOPPED_APPLICATIONEXIT 0x20026

void semihost_exit(unsigned code)
{
	uint32_t block[2] = {ADP_STOPPED_APPLICATIONEXIT, code};
	register uint32_t op __asm__("r0") = SYS_EXIT_EXTENDED;
	register uint32_t arg __asm__("r1") = (uint32_t)(uintptr_t)block;

	__asm__ volatile("svc 0x123456" : "+r"(op) : "r"(arg) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}
