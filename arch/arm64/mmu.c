/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm64 half of arch/lpae's tables (lpae.h): the EL2 system
 * operations. TLBI ALLE2 drops the stale entries of a change; MAIR_EL2, TCR_EL2
 * and TTBR0_EL2 turn the MMU on; the same registers tell ptcheck.c what the MMU
 * walks.
 */
#include "pt.h"
#include "sysreg.h"

#if FT_ARM64_PAGE_SHIFT == 12
#define PT_TCR_TG0	     (UINT64_C(0) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 28) & 0xf) != 0xf)
#elif FT_ARM64_PAGE_SHIFT == 14
#define PT_TCR_TG0	     (UINT64_C(2) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 20) & 0xf) != 0)
#else
#define PT_TCR_TG0	     (UINT64_C(1) << 14)
#define PT_MMFR0_TGRAN_OK(m) ((((m) >> 24) & 0xf) != 0xf)
#endif

/* MAIR_EL2 slots (lpae.h): 0 normal write-back read/write-allocate, 1
 * Device-nGnRE. */
#define MAIR_VALUE                                                             \
	((UINT64_C(0xff) << (8 * LPAE_MAIR_NORMAL_IDX)) |                      \
	 (UINT64_C(0x04) << (8 * LPAE_MAIR_DEVICE_IDX)))

#define TCR_T0SZ       (64 - LPAE_VA_BITS)
#define TCR_T0SZ_OF(t) ((unsigned)((t)&0x3f))
#define TCR_TG0_OF(t)  ((unsigned)(((t) >> 14) & 3))
#define TCR_IRGN0_WBWA (UINT64_C(1) << 8)
#define TCR_ORGN0_WBWA (UINT64_C(1) << 10)
#define TCR_SH0_INNER  (UINT64_C(3) << 12)
#define TCR_PS_SHIFT   16
#define TCR_EL2_RES1   ((UINT64_C(1) << 31) | (UINT64_C(1) << 23))

#define SCTLR_M	       (UINT64_C(1) << 0)
#define SCTLR_C	       (UINT64_C(1) << 2)
#define SCTLR_I	       (UINT64_C(1) << 12)
#define SCTLR_EL2_RES1 UINT64_C(0x30c50830)

extern char __image_start[], _end[];

void lpae_sys_tlb_flush(void)
{
	tlbi_alle2();
}

/* Lines written with the MMU off went straight to memory; drop any stale
 * copies so the cacheable view (and the table walker) sees them. */
static void inval_dcache(uintptr_t start, uintptr_t end)
{
	uint64_t line = UINT64_C(4) << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		__asm__ volatile("dc ivac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

int lpae_sys_enable_mmu(uint64_t root)
{
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t ps = mmfr0 & 0xf;

	if (!PT_MMFR0_TGRAN_OK(mmfr0))
		return -FT_ERR_BADPARAM;
	/* PS = 48 bits (0b101) or what the CPU has, if less. */
	if (ps > 5)
		ps = 5;
	inval_dcache((uintptr_t)__image_start, (uintptr_t)_end);
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_EL2_RES1 | (ps << TCR_PS_SHIFT) | PT_TCR_TG0 |
				      TCR_SH0_INNER | TCR_ORGN0_WBWA |
				      TCR_IRGN0_WBWA | TCR_T0SZ);
	write_sysreg(ttbr0_el2, root);
	isb();
	tlbi_alle2();
	__asm__ volatile("ic iallu" : : : "memory");
	dsb(ish);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
	return 0;
}

bool lpae_sys_walk_regs(struct lpae_walk_regs *regs)
{
	uint64_t tcr = read_sysreg(tcr_el2);
	unsigned g, stride, levels;

	switch (TCR_TG0_OF(tcr)) {
	case 0:
		g = 12;
		break;
	case 1:
		g = 16;
		break;
	case 2:
		g = 14;
		break;
	default:
		return false;
	}
	stride = g - 3;
	regs->granule_shift = g;
	regs->va_bits = 64 - TCR_T0SZ_OF(tcr);
	levels = (regs->va_bits - g + stride - 1) / stride;
	if (levels < 1 || levels > 4)
		return false;
	regs->first_level = 4 - levels;
	regs->oa_bits = 48; /* the stub's PS is at most 48 bits */
	regs->mair = read_sysreg(mair_el2);
	/* BADDR, bits [47:1] (bit 0 is CnP). */
	regs->root = read_sysreg(ttbr0_el2) & ((UINT64_C(1) << 48) - 2);
	return true;
}
