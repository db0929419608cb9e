/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm32 half of arch/lpae's tables (lpae.h): the Hyp mode system
 * operations. TLBIALLH drops the stale entries of a change; HMAIR0/1, HTCR and
 * HTTBR turn the MMU on; the same registers tell ptcheck.c what the MMU walks.
 */
#include "pt.h"
#include "sysreg.h"

/* HMAIR0 (lpae.h's slots): attribute 0 normal write-back
 * read/write-allocate, 1 Device. */
#define HMAIR0_VALUE                                                           \
	((0xffu << (8 * LPAE_MAIR_NORMAL_IDX)) |                               \
	 (0x04u << (8 * LPAE_MAIR_DEVICE_IDX)))

/* HTCR: T0SZ = 0, walks inner/outer write-back write-allocate, inner
 * shareable; bits 31 and 23 are RES1. */
#define HTCR_VALUE                                                             \
	((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8))
#define HTCR_T0SZ(t) ((unsigned)(t)&7)

#define HSCTLR_M    (1u << 0)
#define HSCTLR_C    (1u << 2)
#define HSCTLR_I    (1u << 12)
#define HSCTLR_RES1 0x30c50818u

extern char __image_start[], _end[];

void lpae_sys_tlb_flush(void)
{
	tlbiallh();
}

/* Lines written with the caches off went straight to memory; drop stale
 * copies so the cacheable view (and the table walker) sees them. */
static void inval_dcache(uintptr_t start, uintptr_t end)
{
	uintptr_t line = 4u << ((read_ctr() >> 16) & 0xf);

	for (uintptr_t p = start & ~(line - 1); p < end; p += line)
		dcimvac(p);
	dsb(sy);
}

int lpae_sys_enable_mmu(uint64_t root)
{
	/* ID_MMFR0.VMSA >= 5: VMSAv7 with the long-descriptor format. */
	if ((read_id_mmfr0() & 0xf) < 5)
		return -FT_ERR_BADPARAM;
	inval_dcache((uintptr_t)__image_start, (uintptr_t)_end);
	write_hmair0(HMAIR0_VALUE);
	write_hmair1(0);
	write_htcr(HTCR_VALUE);
	write_httbr(root);
	isb();
	tlbiallh();
	iciallu();
	dsb(ish);
	isb();
	write_hsctlr(HSCTLR_RES1 | HSCTLR_M | HSCTLR_C | HSCTLR_I);
	isb();
	return 0;
}

bool lpae_sys_walk_regs(struct lpae_walk_regs *regs)
{
	unsigned t0sz = HTCR_T0SZ(read_htcr());

	/* HTCR.EAE is RES1: Hyp mode always walks the long format, 4K
	 * granule. T0SZ 0 or 1 starts at level 1, 2 to 7 at level 2. */
	regs->granule_shift = 12;
	regs->va_bits = 32 - t0sz;
	regs->first_level = t0sz <= 1 ? 1 : 2;
	regs->oa_bits = 40;
	regs->mair = (uint64_t)read_hmair0() | (uint64_t)read_hmair1() << 32;
	/* BADDR, bits [39:5] at T0SZ = 0 (a 4-entry root). */
	regs->root = read_httbr() & ((UINT64_C(1) << 40) - 32);
	return true;
}
