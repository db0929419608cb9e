/* SPDX-License-Identifier: BSD-2-Clause */
/* Leaving QEMU with an exit status, through Arm semihosting. */
#ifndef FT_ARM64_SEMIHOST_H
#define FT_ARM64_SEMIHOST_H

/* QEMU (-semihosting-config enable=on,target=native) exits with code. */
__attribute__((noreturn)) void semihost_exit(unsigned code);

#endif /* FT_ARM64_SEMIHOST_H */
