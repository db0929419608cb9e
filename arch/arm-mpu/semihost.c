/* SPDX-License-Identifier: BSD-2-Clause */
/* Arm semihosting calls (semihost.h). */
#include "semihost.h"

#define SYS_WRITE0		     0x04
#define SYS_EXIT_EXTENDED	     0x20
#define SYS_ELAPSED		     0x30
#define SYS_TICKFREQ		     0x31
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint32_t sh_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void sh_write0(const char *s)
{
	sh_call(SYS_WRITE0, s);
}

uint64_t sh_elapsed(void)
{
	uint32_t t[2] = {0, 0};

	if (sh_call(SYS_ELAPSED, t))
		return 0;
	return (uint64_t)t[1] << 32 | t[0];
}

uint64_t sh_tickfreq(void)
{
	uint32_t f = sh_call(SYS_TICKFREQ, 0);

	return f == 0xffffffffu ? 0 : f;
}

void sh_exit(unsigned status)
{
	uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, status};

	for (;;)
		sh_call(SYS_EXIT_EXTENDED, block);
}
