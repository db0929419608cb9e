/* SPDX-License-Identifier: BSD-2-Clause */
/* The order each policy ranks plans by, for tests that compare plans. */
#ifndef FRAMETABLE_TESTS_POLICY_ORDER_H
#define FRAMETABLE_TESTS_POLICY_ORDER_H

#include <frametable/frametable.h>

/* Is plan a worse than plan b in pol's own order? min-tlb: TLB entries,
 * then bytes; min-memory and the default: bytes, then TLB entries. */
static inline bool plan_worse(enum ft_policy pol, const struct ft_stats *a,
			      const struct ft_stats *b)
{
	bool tlb_first = pol == FT_POLICY_MIN_TLB;
	uint64_t a1 = tlb_first ? a->tlb_entries : a->allocated_bytes;
	uint64_t a2 = tlb_first ? a->allocated_bytes : a->tlb_entries;
	uint64_t b1 = tlb_first ? b->tlb_entries : b->allocated_bytes;
	uint64_t b2 = tlb_first ? b->allocated_bytes : b->tlb_entries;

	return a1 > b1 || (a1 == b1 && a2 > b2);
}

#endif
