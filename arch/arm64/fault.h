/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stub's exception handling: any exception is fatal except a
 * translation fault on a load the C code has armed as a probe.
 */
#ifndef FT_ARM64_FAULT_H
#define FT_ARM64_FAULT_H

#include <stdbool.h>
#include <stdint.h>

/* Registers x0..x30 as vectors.S saves them (plus padding to 16 bytes). */
struct fault_regs {
	uint64_t x[32];
};

/* Called by vectors.S for a synchronous exception from EL2. */
void fault_sync(struct fault_regs *regs);
/* Called by vectors.S for every other vector; kind is its offset / 0x80. */
__attribute__((noreturn)) void fault_unexpected(uint64_t kind);

/* The port's probe hook (boot-arch.h). Load from va, which should be
 * unmapped: true if the load took a data abort with a translation fault
 * (level 0 to 3) at FAR == va, which the handler then skipped. False if
 * it read memory (*val: what it read), or took another data abort at va
 * (an external abort: va translated, to nothing; *val: 0). */
bool fault_probe(uint64_t va, uint64_t *val);

#endif /* FT_ARM64_FAULT_H */
