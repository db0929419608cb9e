/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm semihosting on M-profile (BKPT 0xab; the operation in r0, its
 * argument in r1): QEMU's -semihosting is the stub's console, clock and
 * exit. Operation numbers from Arm's semihosting specification.
 */
#ifndef FT_ARM_MPU_SEMIHOST_H
#define FT_ARM_MPU_SEMIHOST_H

#include <stdint.h>

/* Print a NUL-terminated string. */
void sh_write0(const char *s);
/* SYS_ELAPSED and SYS_TICKFREQ: ticks since start, ticks per second (0 if
 * the host has no such clock). */
uint64_t sh_elapsed(void);
uint64_t sh_tickfreq(void);
/* SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit and status. */
__attribute__((noreturn)) void sh_exit(unsigned status);

#endif
