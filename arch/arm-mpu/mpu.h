/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MPU regions of a PMSAv8 CPU: the base/limit model that Armv8-M Mainline
 * (MPU_RBAR / MPU_RLAR, MAIR0/1, memory-mapped in the SCS) and Armv8-R
 * (PRBAR / PRLAR, MAIR0/1 or MAIR_EL2, system registers) share. A region
 * is [base, limit], both inclusive, base and limit + 1 multiples of the
 * granule the CPU reports, with an access permission, execute-never and
 * an index into MAIR. Regions must not overlap: an access two regions
 * match faults.
 *
 * mpu.c holds what does not depend on the encoding (which slot holds
 * what, the check of the live regions); a backend (mpu-v8m.c) reads and
 * writes the registers. An Armv8-R backend fills the same struct mpu_hw
 * (docs/arm-mpu.md, "Armv8-R").
 */
#ifndef FT_ARM_MPU_MPU_H
#define FT_ARM_MPU_MPU_H

#include <stdbool.h>
#include <stdint.h>

/* Access permission, as PMSAv8's AP[2:1] (privileged / any level). */
enum mpu_ap {
	MPU_AP_RW_PRIV = 0,
	MPU_AP_RW_ANY = 1,
	MPU_AP_RO_PRIV = 2,
	MPU_AP_RO_ANY = 3,
};

/* MAIR attribute indices the stub programs. */
#define MPU_ATTR_NORMAL 0 /* Normal, write-back read/write-allocate */

struct mpu_region {
	uint32_t base, limit; /* inclusive */
	enum mpu_ap ap;
	bool xn;
	unsigned attr;
	bool enabled;
};

/* The register-level half: one per MPU architecture. */
struct mpu_hw {
	const char *name;
	/* Data regions the MPU has (MPU_TYPE.DREGION, MPUIR.REGION). */
	unsigned (*regions)(void);
	/* The base/limit granule in bytes, read from which address bits of
	 * the base register stick when all are written. */
	uint32_t (*granule)(void);
	/* MAIR attribute attr = byte. */
	void (*set_attr)(unsigned attr, uint8_t byte);
	/* Program region n (enabled or not), then barrier. */
	void (*write)(unsigned n, const struct mpu_region *r);
	/* Read region n back from the registers. */
	void (*read)(unsigned n, struct mpu_region *r);
	/* MPU on with the background region off (PRIVDEFENA = 0 on v8-M,
	 * SCTLR.BR = 0 on v8-R); faults keep the MPU on. */
	void (*enable)(void);
};

extern const struct mpu_hw mpu_v8m;

/* What the stub keeps for itself, in this order from slot 0. */
enum mpu_slot {
	MPU_SLOT_CODE,
	MPU_SLOT_DATA,
	MPU_SLOT_DTB,
	MPU_SLOT_SCRATCH,
	MPU_STUB_SLOTS /* the first slot of the frametable's map */
};

struct mpu {
	const struct mpu_hw *hw;
	unsigned nr;	  /* regions the CPU has */
	uint32_t granule; /* bytes */
	unsigned used;	  /* slots MPU_STUB_SLOTS .. used - 1 hold the map */
	unsigned ft_slot; /* the frametable's, or 0 */
};

/* Read the CPU's region count and granule, set MAIR, disable every
 * region. */
void mpu_init(struct mpu *m, const struct mpu_hw *hw);
/* Program slot n over [base, base + size), rounded out to the granule;
 * false if it does not fit 32 bits. */
bool mpu_set(struct mpu *m, unsigned n, uint64_t base, uint64_t size,
	     enum mpu_ap ap, bool xn);
void mpu_clear(struct mpu *m, unsigned n);

/* The frametable's map: one region per bank, the bank holding the table
 * cut around it, and the table's own region (read-write, execute-never).
 * banks: sorted, disjoint [base, base + size). 0 or -1 (out of slots, or
 * beyond 32 bits). */
struct ft_bank;
int mpu_map_frametable(struct mpu *m, const struct ft_bank *banks, unsigned nr,
		       uint64_t pa, uint64_t len);
/* Undo mpu_map_frametable. */
void mpu_unmap_frametable(struct mpu *m);

/* Index of the enabled region holding addr, or -1. */
int mpu_find(const struct mpu *m, uint64_t addr, struct mpu_region *out);

/* The live regions judged by the rules (see mpu.c); bad is called for
 * each broken one with the culprit address. */
struct mpu_check {
	void (*bad)(void *arg, const char *what, uint64_t where);
	void (*leaf)(void *arg, uint64_t base, uint64_t size);
	void *arg;
	uint64_t ft_regions, ft_bytes;
};
void mpu_check(const struct mpu *m, const struct ft_bank *banks, unsigned nr,
	       uint64_t ft_base, uint64_t ft_len, struct mpu_check *c);

#endif /* FT_ARM_MPU_MPU_H */
