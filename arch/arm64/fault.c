/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Synchronous exceptions at EL2. The only one the stub expects is the
 * data abort of a probe: a single load from an address that should be
 * unmapped, armed just before it runs. The handler skips the load (ELR
 * += 4, the load is one instruction) and returns, noting whether the
 * abort was a translation fault (ESR_EL2.EC 0x25, a data abort taken
 * without a change of level; DFSC 0b0001LL, no valid entry at level LL).
 * Any other abort of the probe (an external abort: the address translated
 * to memory that is not there) is reported to the caller as "mapped", so
 * the check that probed names the culprit. Anything else prints the
 * syndrome and leaves QEMU with status 3.
 */
#include "fault.h"
#include "sysreg.h"
#include <console.h>

#define ESR_EC(esr)	       (((esr) >> 26) & 0x3f)
#define ESR_EC_DABT_CUR	       0x25
#define ESR_DFSC(esr)	       ((esr)&0x3f)
#define DFSC_IS_TRANSLATION(d) (((d)&0x3c) == 0x04)

static volatile bool probe_armed;
static volatile bool probe_hit;
static volatile uint64_t probe_esr, probe_va;
static unsigned fault_depth;

static __attribute__((noreturn)) void fatal(uint64_t esr, uint64_t far,
					    uint64_t elr)
{
	/* A fault while reporting one (e.g. hlt without semihosting) must
	 * not recurse. */
	if (fault_depth++ > 1)
		for (;;)
			__asm__ volatile("wfi");
	boot_puts("FT-FAULT: ESR=");
	boot_put_hex(esr);
	boot_puts(" FAR=");
	boot_put_hex(far);
	boot_puts(" ELR=");
	boot_put_hex(elr);
	boot_putc('\n');
	boot_exit(BOOT_EXIT_FAULT);
}

void fault_sync(struct fault_regs *regs)
{
	uint64_t esr = read_sysreg(esr_el2);
	uint64_t far = read_sysreg(far_el2);
	uint64_t elr = read_sysreg(elr_el2);

	(void)regs;
	fault_depth++;
	if (probe_armed && ESR_EC(esr) == ESR_EC_DABT_CUR && far == probe_va) {
		probe_armed = false;
		probe_hit = DFSC_IS_TRANSLATION(ESR_DFSC(esr));
		probe_esr = esr;
		write_sysreg(elr_el2, elr + 4);
		fault_depth--;
		return;
	}
	fatal(esr, far, elr);
}

void fault_unexpected(uint64_t kind)
{
	boot_puts("FT-FAULT: unexpected exception vector ");
	boot_put_dec(kind);
	boot_putc('\n');
	fatal(read_sysreg(esr_el2), read_sysreg(far_el2), read_sysreg(elr_el2));
}

bool fault_probe(uint64_t va, uint64_t *val)
{
	uint64_t v = 0;

	probe_hit = false;
	probe_esr = 0;
	probe_va = va;
	probe_armed = true;
	/* One instruction, so that ELR + 4 is the next one; its destination
	 * keeps its old value when skipped. */
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
	probe_armed = false;
	*val = probe_esr ? 0 : v;
	return probe_hit;
}
