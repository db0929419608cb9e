/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PMSAv8-M backend of mpu.h (Armv8-M Mainline, here a Cortex-M55):
 * the MPU registers in the System Control Space, for the security state
 * the code runs in. Facts from the Armv8-M ARM: MPU_TYPE.DREGION (bits
 * 15:8) counts the data regions; MPU_RNR selects one; MPU_RBAR holds
 * BASE[31:5], SH[4:3], AP[2:1] and XN[0]; MPU_RLAR LIMIT[31:5] (the
 * limit's low five bits read as ones), AttrIndx[3:1] and EN[0]; MPU_CTRL
 * ENABLE[0], HFNMIENA[1], PRIVDEFENA[2]. The SCS itself is never subject
 * to the MPU.
 */
#include "mpu.h"

#define MPU_TYPE  0xe000ed90u
#define MPU_CTRL  0xe000ed94u
#define MPU_RNR	  0xe000ed98u
#define MPU_RBAR  0xe000ed9cu
#define MPU_RLAR  0xe000eda0u
#define MPU_MAIR0 0xe000edc0u
#define MPU_MAIR1 0xe000edc4u

#define RBAR_XN	      (1u << 0)
#define RBAR_AP_SHIFT 1
#define RLAR_EN	      (1u << 0)
#define RLAR_ATTR_SH  1
#define ADDR_MASK     0xffffffe0u

static inline volatile uint32_t *reg(uint32_t addr)
{
	return (volatile uint32_t *)(uintptr_t)addr;
}

static inline void barrier(void)
{
	__asm__ volatile("dsb sy\n\tisb" ::: "memory");
}

static unsigned v8m_regions(void)
{
	return (*reg(MPU_TYPE) >> 8) & 0xff;
}

/* BASE bits that hold a written one: the rest are below the granule. */
static uint32_t v8m_granule(void)
{
	unsigned last = v8m_regions() - 1;
	uint32_t got;

	*reg(MPU_RNR) = last;
	*reg(MPU_RLAR) = 0;
	*reg(MPU_RBAR) =
		0xffffffffu & ~(RBAR_XN | 3u << RBAR_AP_SHIFT | 3u << 3);
	got = *reg(MPU_RBAR) & ~0x1fu;
	*reg(MPU_RBAR) = 0;
	barrier();
	return got ? got & -got : 32;
}

static void v8m_set_attr(unsigned attr, uint8_t byte)
{
	volatile uint32_t *mair = reg(attr < 4 ? MPU_MAIR0 : MPU_MAIR1);
	unsigned sh = (attr % 4) * 8;

	*mair = (*mair & ~(0xffu << sh)) | (uint32_t)byte << sh;
	barrier();
}

static void v8m_write(unsigned n, const struct mpu_region *r)
{
	*reg(MPU_RNR) = n;
	*reg(MPU_RLAR) = 0; /* off while the pair changes */
	*reg(MPU_RBAR) = (r->base & ADDR_MASK) |
			 (uint32_t)r->ap << RBAR_AP_SHIFT |
			 (r->xn ? RBAR_XN : 0);
	*reg(MPU_RLAR) = (r->limit & ADDR_MASK) |
			 (uint32_t)r->attr << RLAR_ATTR_SH |
			 (r->enabled ? RLAR_EN : 0);
	barrier();
}

static void v8m_read(unsigned n, struct mpu_region *r)
{
	uint32_t rbar, rlar;

	*reg(MPU_RNR) = n;
	rbar = *reg(MPU_RBAR);
	rlar = *reg(MPU_RLAR);
	r->base = rbar & ADDR_MASK;
	r->limit = (rlar & ADDR_MASK) | 0x1fu;
	r->ap = (enum mpu_ap)((rbar >> RBAR_AP_SHIFT) & 3);
	r->xn = rbar & RBAR_XN;
	r->attr = (rlar >> RLAR_ATTR_SH) & 7;
	r->enabled = rlar & RLAR_EN;
}

static void v8m_enable(void)
{
	/* ENABLE, PRIVDEFENA = 0 (no background region), HFNMIENA = 0. */
	*reg(MPU_CTRL) = 1;
	barrier();
}

const struct mpu_hw mpu_v8m = {
	.name = "PMSAv8-M",
	.regions = v8m_regions,
	.granule = v8m_granule,
	.set_attr = v8m_set_attr,
	.write = v8m_write,
	.read = v8m_read,
	.enable = v8m_enable,
};
