/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FT_ARM32_SEMIHOST_H
#define FT_ARM32_SEMIHOST_H

/* Leave QEMU with this exit status (-semihosting-config enable=on). */
__attribute__((noreturn)) void semihost_exit(unsigned code);

#endif /* FT_ARM32_SEMIHOST_H */
