/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V stub's console and exit: the SBI legacy console putchar
 * (OpenSBI v1.1 has no DBCN) and QEMU virt's test device at 0x10_0000.
 */
#ifndef FT_RISCV_SBI_H
#define FT_RISCV_SBI_H

#include <stdint.h>

#define RV_TEST_DEVICE	    UINT64_C(0x100000)
#define RV_TEST_DEVICE_SIZE UINT64_C(0x1000)

void rv_sbi_putc(char c);
/* 0: QEMU exits 0; otherwise QEMU exits with status. */
__attribute__((noreturn)) void rv_test_exit(unsigned status);

#endif /* FT_RISCV_SBI_H */
