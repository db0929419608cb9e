/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pattern fill: every byte the boot allocator hands out gets a
 * non-zero pattern before ft_apply, so that "the descriptors read zero"
 * afterwards proves ft_apply zeroed them (guest RAM starts zeroed).
 *
 * Architecture-neutral: the port lends a way to map a physical range for
 * a moment, to unmap it, and a fault probe (struct prefill_ops).
 */
#ifndef FT_BOOT_PREFILL_H
#define FT_BOOT_PREFILL_H

#include <frametable/frametable.h>

/* Neither 0x00 (descriptors) nor 0xff (slack). */
#define PREFILL_BYTE 0xa5

/* What the port lends the pattern fill. */
struct prefill_ops {
	/* Map [pa, pa + len) read-write somewhere; the VA, or 0 if it
	 * cannot. One mapping at a time. */
	uint64_t (*map)(uint64_t pa, uint64_t len);
	/* Undo map: afterwards a load from the range must fault, TLB
	 * included. */
	void (*unmap)(uint64_t va, uint64_t len);
	/* Does a load from va take a translation fault? */
	bool (*faults)(uint64_t va);
	unsigned page_shift;
};

struct prefill {
	const struct prefill_ops *ops;
	/* The allocator handing the memory out (the host's). */
	int (*alloc)(void *arg, uint64_t size, uint64_t align, uint64_t phase,
		     uint64_t *pa);
	void (*free)(void *arg, uint64_t pa, uint64_t size);
	void *alloc_arg;
	/* What it handed out and nobody gave back yet. */
	struct ft_bank *ranges;
	unsigned nr, max;
	bool overflow; /* more ranges than storage: some went unrecorded */
	uint64_t bytes, probes, faulted;
	const char *failed;
};

void prefill_init(struct prefill *pf, const struct prefill_ops *ops,
		  struct ft_bank *storage, unsigned max);
/* Put the pattern fill between ops and its allocator: ops->alloc and
 * ops->free go through pf, which records every range handed out. */
void prefill_wrap(struct prefill *pf, struct ft_ops *ops);
/* Write PREFILL_BYTE over every recorded range, then check that its
 * temporary mapping is gone (a load from its first and last page faults).
 * Prints one line; returns NULL, or the name of the failed check. */
const char *prefill_fill_all(struct prefill *pf);
/* The same for one range, recorded or not (e.g. the dense table). */
const char *prefill_range(struct prefill *pf, uint64_t pa, uint64_t len);

#endif /* FT_BOOT_PREFILL_H */
