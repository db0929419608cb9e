/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * S-mode exceptions. The one the stub expects is the fault of a probe: a
 * single load from an address that should be unmapped, armed just before
 * it runs. A load page fault (scause 13) there means "unmapped"; a load
 * access fault (scause 5: the address translated to a PA that PMP or the
 * bus refuses) means "mapped", so the check that probed names the VA. In
 * both cases sepc moves past the load (always a 4-byte instruction: RVC is
 * off around it) and the trap returns. Anything else prints scause, stval
 * and sepc on the boot console and leaves QEMU with status 3.
 */
#include "trap.h"

#include <console.h>

#define SCAUSE_LOAD_ACCESS 5
#define SCAUSE_LOAD_PAGE   13

#define csr_read(name)                                                         \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("csrr %0, " #name : "=r"(v_));                \
		v_;                                                            \
	})

static struct {
	volatile bool armed;
	volatile bool page_fault;
	volatile bool other_fault;
	volatile uint64_t va;
} probe;
static unsigned nested;

static bool probe_trap(uint64_t cause, uint64_t tval)
{
	if (!probe.armed || tval != probe.va)
		return false;
	if (cause != SCAUSE_LOAD_PAGE && cause != SCAUSE_LOAD_ACCESS)
		return false;
	probe.armed = false;
	probe.page_fault = cause == SCAUSE_LOAD_PAGE;
	probe.other_fault = !probe.page_fault;
	return true;
}

void rv_trap(uint64_t *regs)
{
	uint64_t cause = csr_read(scause);
	uint64_t tval = csr_read(stval);
	uint64_t epc = csr_read(sepc);

	(void)regs;
	if (probe_trap(cause, tval)) {
		epc += 4;
		__asm__ volatile("csrw sepc, %0" : : "r"(epc));
		return;
	}
	/* A trap while reporting one must not recurse: park the hart. */
	while (nested++)
		__asm__ volatile("wfi");
	boot_puts("FT-FAULT:");
	for (unsigned i = 0; i < 3; i++) {
		static const char *const name[] = {
			" scause=", " stval=", " sepc="};
		const uint64_t val[] = {cause, tval, epc};

		boot_puts(name[i]);
		boot_put_hex(val[i]);
	}
	boot_putc('\n');
	boot_exit(BOOT_EXIT_FAULT);
}

bool rv_trap_probe(uint64_t va, uint64_t *val)
{
	uint64_t got = 0;

	probe.page_fault = false;
	probe.other_fault = false;
	probe.va = va;
	probe.armed = true;
	__asm__ volatile(".option push\n\t"
			 ".option norvc\n\t"
			 "ld %0, 0(%1)\n\t"
			 ".option pop"
			 : "+r"(got)
			 : "r"(va)
			 : "memory");
	probe.armed = false;
	*val = probe.other_fault ? 0 : got;
	return probe.page_fault;
}
