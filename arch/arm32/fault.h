/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stub's exception handling in Hyp mode: any exception is fatal but
 * a translation fault on a load the C code has armed as a probe.
 */
#ifndef FT_ARM32_FAULT_H
#define FT_ARM32_FAULT_H

#include <stdbool.h>
#include <stdint.h>

/* HVBAR vector offsets / 4, as vectors.S passes them. */
enum fault_kind {
	FAULT_UNUSED = 0,
	FAULT_UNDEF = 1,
	FAULT_HVC = 2,
	FAULT_PABT = 3,
	FAULT_DABT = 4,
	FAULT_TRAP = 5,
	FAULT_IRQ = 6,
	FAULT_FIQ = 7,
};

/* Called by vectors.S for every vector; returns only for a probe's data
 * abort it skipped. */
void fault_hyp(uint32_t kind);

/* The probe hook (boot-arch.h): load from va, which should be unmapped.
 * True if the load took a translation fault (HSR.EC 0x25, DFSC 0b0001LL)
 * at HDFAR == va, which the handler skipped; false if it read memory
 * (*val: what it read) or took another abort at va (*val: 0). */
bool fault_probe(uint64_t va, uint64_t *val);

#endif /* FT_ARM32_FAULT_H */
