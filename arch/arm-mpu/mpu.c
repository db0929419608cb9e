/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MPU regions, independent of their encoding (mpu.h): the slots the stub
 * keeps, the frametable's map, and the check of the live regions.
 *
 * The check reads every region back through the backend and judges it by
 * PMSAv8's rules and the plan, not by what mpu_map_frametable meant to do:
 *   - no two enabled regions overlap (an access both match would fault);
 *   - the regions of the map (slots from MPU_STUB_SLOTS) start and end on
 *     pages, lie inside RAM banks, and together cover every bank exactly:
 *     a region over a hole, or one granule too long, is caught;
 *   - exactly one region meets the frametable, and it is the table:
 *     [ft_base, ft_base + ft_len), read-write for the privileged level
 *     only, execute-never, Normal memory;
 *   - every region of the map is execute-never (RAM is data here).
 */
#include "mpu.h"

#include <frametable/frametable.h>

#define PAGE 4096u

void mpu_init(struct mpu *m, const struct mpu_hw *hw)
{
	struct mpu_region off = {0};

	m->hw = hw;
	m->nr = hw->regions();
	m->granule = hw->granule();
	m->used = MPU_STUB_SLOTS;
	m->ft_slot = 0;
	/* Attr 0: Normal, outer and inner write-back, read/write-allocate,
	 * non-transient. */
	hw->set_attr(MPU_ATTR_NORMAL, 0xff);
	for (unsigned n = 0; n < m->nr; n++)
		hw->write(n, &off);
}

bool mpu_set(struct mpu *m, unsigned n, uint64_t base, uint64_t size,
	     enum mpu_ap ap, bool xn)
{
	uint64_t g = m->granule;
	uint64_t lo = base & ~(g - 1);
	uint64_t hi = (base + size + g - 1) & ~(g - 1);
	struct mpu_region r = {
		.ap = ap, .xn = xn, .attr = MPU_ATTR_NORMAL, .enabled = true};

	if (n >= m->nr || !size || hi > (UINT64_C(1) << 32))
		return false;
	r.base = (uint32_t)lo;
	r.limit = (uint32_t)(hi - 1);
	m->hw->write(n, &r);
	return true;
}

void mpu_clear(struct mpu *m, unsigned n)
{
	struct mpu_region off = {0};

	if (n < m->nr)
		m->hw->write(n, &off);
}

/* The next slot of the map over [base, end), read-write for the
 * privileged level; nothing for an empty range. */
static int add(struct mpu *m, uint64_t base, uint64_t end, bool xn)
{
	if (end <= base)
		return 0;
	if (m->used >= m->nr ||
	    !mpu_set(m, m->used, base, end - base, MPU_AP_RW_PRIV, xn))
		return -1;
	m->used++;
	return 0;
}

int mpu_map_frametable(struct mpu *m, const struct ft_bank *banks, unsigned nr,
		       uint64_t pa, uint64_t len)
{
	uint64_t end = pa + len;

	for (unsigned i = 0; i < nr; i++) {
		uint64_t bs = banks[i].base, be = bs + banks[i].size;
		if (pa >= bs && end <= be) {
			/* The bank the table is carved from: below and above
			 * it. */
			if (add(m, bs, pa, true) || add(m, end, be, true))
				goto undo;
		} else if (add(m, bs, be, true)) {
			goto undo;
		}
	}
	/* The table: data, never executed. */
	m->ft_slot = m->used;
	if (add(m, pa, end, true))
		goto undo;
	return 0;
undo:
	mpu_unmap_frametable(m);
	return -1;
}

void mpu_unmap_frametable(struct mpu *m)
{
	while (m->used > MPU_STUB_SLOTS)
		mpu_clear(m, --m->used);
	m->ft_slot = 0;
}

int mpu_find(const struct mpu *m, uint64_t addr, struct mpu_region *out)
{
	for (unsigned n = 0; n < m->nr; n++) {
		struct mpu_region r;
		m->hw->read(n, &r);
		if (r.enabled && addr >= r.base && addr <= r.limit) {
			if (out)
				*out = r;
			return (int)n;
		}
	}
	return -1;
}

/* Does [s, e) touch any bank? */
static bool meets_a_bank(const struct ft_bank *banks, unsigned nr, uint64_t s,
			 uint64_t e)
{
	for (unsigned i = 0; i < nr; i++)
		if (s < banks[i].base + banks[i].size && e > banks[i].base)
			return true;
	return false;
}

static bool in_a_bank(const struct ft_bank *banks, unsigned nr, uint64_t s,
		      uint64_t e)
{
	for (unsigned i = 0; i < nr; i++)
		if (s >= banks[i].base && e <= banks[i].base + banks[i].size)
			return true;
	return false;
}

void mpu_check(const struct mpu *m, const struct ft_bank *banks, unsigned nr,
	       uint64_t ft_base, uint64_t ft_len, struct mpu_check *c)
{
	uint64_t covered = 0, ram = 0, ft_end = ft_base + ft_len;

	c->ft_regions = 0;
	c->ft_bytes = 0;
	for (unsigned i = 0; i < nr; i++)
		ram += banks[i].size;
	for (unsigned n = 0; n < m->nr; n++) {
		struct mpu_region r;
		m->hw->read(n, &r);
		if (!r.enabled)
			continue;
		uint64_t s = r.base, e = (uint64_t)r.limit + 1;
		if (r.limit < r.base) {
			c->bad(c->arg, "MPU region limit below its base", s);
			continue;
		}
		for (unsigned k = n + 1; k < m->nr; k++) {
			struct mpu_region o;
			m->hw->read(k, &o);
			if (o.enabled && o.base <= r.limit && r.base <= o.limit)
				c->bad(c->arg, "MPU regions overlap (base)", s);
		}
		if (n < MPU_STUB_SLOTS) {
			if (meets_a_bank(banks, nr, s, e))
				c->bad(c->arg,
				       "stub MPU region over RAM (base)", s);
			continue;
		}
		if ((s | e) & (PAGE - 1))
			c->bad(c->arg, "MPU region not page aligned (base)", s);
		if (!in_a_bank(banks, nr, s, e))
			c->bad(c->arg,
			       "MPU region reaches past its bank (base)", s);
		if (!r.xn)
			c->bad(c->arg, "RAM MPU region executable (base)", s);
		covered += e - s;
		if (e <= ft_base || s >= ft_end)
			continue;
		c->ft_regions++;
		c->ft_bytes += e - s;
		if (s != ft_base || e != ft_end)
			c->bad(c->arg,
			       "frametable MPU region is not the table (base)",
			       s);
		if (r.ap != MPU_AP_RW_PRIV || r.attr != MPU_ATTR_NORMAL)
			c->bad(c->arg,
			       "frametable MPU region not RW Normal (base)", s);
		if (c->leaf)
			c->leaf(c->arg, s, e - s);
	}
	if (c->ft_regions != 1)
		c->bad(c->arg, "frametable MPU regions (count)", c->ft_regions);
	if (covered != ram)
		c->bad(c->arg,
		       "MPU regions do not cover the banks exactly "
		       "(bytes)",
		       covered);
}
