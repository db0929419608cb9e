/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exceptions taken to Hyp mode from Hyp mode (HVBAR). The only one the
 * stub expects is the data abort of a probe: one load from an address
 * that should be unmapped, armed just before it runs. The handler skips
 * the load (ELR_hyp += 4 or 2, as HSR.IL says) and returns, noting
 * whether it was a translation fault (HSR.EC 0x25: a data abort taken
 * from Hyp mode; DFSC 0b0001LL: no valid entry at level LL). Any other
 * abort of the probe counts as "mapped" for the check that probed.
 * Anything else prints FT-FAULT with HSR, HDFAR, HIFAR and ELR_hyp and
 * leaves QEMU with status 3.
 */
#include "fault.h"
#include "sysreg.h"
#include <console.h>

#define HSR_EC(hsr)	       ((hsr) >> 26)
#define HSR_IL		       (1u << 25)
#define HSR_EC_DABT_HYP	       0x25
#define HSR_DFSC(hsr)	       ((hsr)&0x3f)
#define DFSC_IS_TRANSLATION(d) (((d)&0x3c) == 0x04)

static volatile bool probe_armed;
static volatile bool probe_hit;
static volatile uint32_t probe_hsr, probe_va;
static unsigned fault_depth;

static const char *const kind_names[] = {
	"unused vector",
	"undefined instruction",
	"hypervisor call",
	"prefetch abort",
	"data abort",
	"hyp trap",
	"IRQ",
	"FIQ",
};

static __attribute__((noreturn)) void fatal(uint32_t kind)
{
	/* A fault while reporting one must not recurse. */
	if (fault_depth++ > 1)
		for (;;)
			__asm__ volatile("wfi");
	boot_puts("FT-FAULT: ");
	boot_puts(kind_names[kind & 7]);
	boot_puts(" HSR=");
	boot_put_hex(read_hsr());
	boot_puts(" HDFAR=");
	boot_put_hex(read_hdfar());
	boot_puts(" HIFAR=");
	boot_put_hex(read_hifar());
	boot_puts(" ELR=");
	boot_put_hex(read_elr_hyp());
	boot_putc('\n');
	boot_exit(BOOT_EXIT_FAULT);
}

void fault_hyp(uint32_t kind)
{
	uint32_t hsr = read_hsr();
	uint32_t hdfar = read_hdfar();

	if (kind == FAULT_DABT && probe_armed &&
	    HSR_EC(hsr) == HSR_EC_DABT_HYP && hdfar == probe_va) {
		probe_armed = false;
		probe_hit = DFSC_IS_TRANSLATION(HSR_DFSC(hsr));
		probe_hsr = hsr;
		write_elr_hyp(read_elr_hyp() + ((hsr & HSR_IL) ? 4 : 2));
		return;
	}
	fatal(kind);
}

bool fault_probe(uint64_t va, uint64_t *val)
{
	uint32_t v = 0;

	/* Nothing above 4 GiB is addressable: say "mapped", so that the
	 * check that asked names the address. */
	if (va >> 32) {
		*val = 0;
		return false;
	}
	probe_hit = false;
	probe_hsr = 0;
	probe_va = (uint32_t)va;
	probe_armed = true;
	/* One instruction, so that ELR_hyp + its length is the next one;
	 * its destination keeps its old value when skipped. */
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(probe_va) : "memory");
	probe_armed = false;
	*val = probe_hsr ? 0 : v;
	return probe_hit;
}
