/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CP15 system registers and barriers of the arm32 boot stub (Armv7-A with
 * the Virtualization and Large Physical Address Extensions, Hyp mode).
 * Macros, so that coprocessor numbers stay literals in the instruction.
 */
#ifndef FT_ARM32_SYSREG_H
#define FT_ARM32_SYSREG_H

#include <stdint.h>

#define read_cp32(op1, crn, crm, op2)                                          \
	({                                                                     \
		uint32_t v_;                                                   \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm      \
				 ", " #op2                                     \
				 : "=r"(v_));                                  \
		v_;                                                            \
	})

#define write_cp32(v, op1, crn, crm, op2)                                      \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2    \
			 :                                                     \
			 : "r"((uint32_t)(v))                                  \
			 : "memory")

#define read_cp64(op1, crm)                                                    \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm         \
				 : "=r"(v_));                                  \
		v_;                                                            \
	})

#define write_cp64(v, op1, crm)                                                \
	__asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm                 \
			 :                                                     \
			 : "r"((uint64_t)(v))                                  \
			 : "memory")

/* Hyp mode registers (Armv7-A B4.1, "Virtualization Extensions"). */
#define read_hsctlr()	read_cp32(4, c1, c0, 0)
#define write_hsctlr(v) write_cp32(v, 4, c1, c0, 0)
#define read_htcr()	read_cp32(4, c2, c0, 2)
#define write_htcr(v)	write_cp32(v, 4, c2, c0, 2)
#define read_httbr()	read_cp64(4, c2)
#define write_httbr(v)	write_cp64(v, 4, c2)
#define read_hmair0()	read_cp32(4, c10, c2, 0)
#define write_hmair0(v) write_cp32(v, 4, c10, c2, 0)
#define read_hmair1()	read_cp32(4, c10, c2, 1)
#define write_hmair1(v) write_cp32(v, 4, c10, c2, 1)
#define read_hsr()	read_cp32(4, c5, c2, 0)
#define read_hdfar()	read_cp32(4, c6, c0, 0)
#define read_hifar()	read_cp32(4, c6, c0, 2)
#define read_id_mmfr0() read_cp32(0, c0, c1, 4)
#define read_ctr()	read_cp32(0, c0, c0, 1)
#define read_cntfrq()	read_cp32(0, c14, c0, 0)
#define read_cntpct()	read_cp64(0, c14)
/* TLBIALLH: every Hyp mode TLB entry, this CPU. */
#define tlbiallh()  write_cp32(0, 4, c8, c7, 0)
#define iciallu()   write_cp32(0, 0, c7, c5, 0)
#define dcimvac(va) write_cp32(va, 0, c7, c6, 1)

static inline uint32_t read_elr_hyp(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, ELR_hyp" : "=r"(v));
	return v;
}

static inline void write_elr_hyp(uint32_t v)
{
	__asm__ volatile("msr ELR_hyp, %0" : : "r"(v) : "memory");
}

#define isb()	 __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")

#endif /* FT_ARM32_SYSREG_H */
