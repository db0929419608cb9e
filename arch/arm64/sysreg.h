/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System register access and barriers for the arm64 boot stub (EL2).
 * Kept as macros so that the register name stays a literal in the
 * instruction, as mrs/msr require.
 */
#ifndef FT_ARM64_SYSREG_H
#define FT_ARM64_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg)                                                       \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));                  \
		v_;                                                            \
	})

#define write_sysreg(reg, v)                                                   \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

#define isb()	     __asm__ volatile("isb" : : : "memory")
#define dsb(opt)     __asm__ volatile("dsb " #opt : : : "memory")
#define tlbi_alle2() __asm__ volatile("tlbi alle2" : : : "memory")

#endif /* FT_ARM64_SYSREG_H */
