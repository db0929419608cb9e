/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V stub's traps (trap.c): the probe the boot checks call, and the
 * handler that stvec.S enters.
 */
#ifndef FT_RISCV_TRAP_H
#define FT_RISCV_TRAP_H

#include <stdbool.h>
#include <stdint.h>

/* boot_arch.probe: one load from va. True if it took a load page fault
 * (scause 13); false if it read memory (*val) or took another fault at va
 * (*val = 0), both meaning "mapped". */
bool rv_trap_probe(uint64_t va, uint64_t *val);
/* From stvec.S with the saved registers (x0..x31, sp and x0 unused). */
void rv_trap(uint64_t *regs);

#endif /* FT_RISCV_TRAP_H */
