/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Deliberate faults that prove a port's fault handler. A handler that
 * never runs is never tested: the probes it skips are expected faults,
 * and a board that boots cleanly takes no other. So a test can ask, in
 * the DTB's /chosen "frametable,selftest" (tools/ftdtb --selftest), for a
 * stray access: the handler must print FT-FAULT with the address and
 * the port's status registers, and leave QEMU with status 3
 * (tests/qemu/run-board.sh, expect=fault).
 */
#include "selftest.h"

#include "console.h"

#include <libfdt.h>
#include <string.h>

/* The name in /chosen, or NULL when the DTB asks for none. */
static const char *selftest_name(const void *dtb)
{
	int node = fdt_path_offset(dtb, "/chosen");
	int len;
	const char *name;

	if (node < 0)
		return NULL;
	name = fdt_getprop(dtb, node, "frametable,selftest", &len);
	if (!name || len < 1 || name[len - 1] != '\0')
		return NULL;
	return name;
}

void boot_selftest(const struct boot_arch *arch, const void *dtb)
{
	const struct ft_arch *fa = arch->ft_arch;
	const char *name = selftest_name(dtb);
	uint64_t va;

	if (!name)
		return;
	if (strcmp(name, "stray-load"))
		boot_error("unknown /chosen frametable,selftest (known: "
			   "stray-load)");
	/* Nothing is mapped in the frametable window before ft_apply: its
	 * last byte's page is a translation fault no probe has armed. */
	if (fa->identity || !fa->window_size)
		boot_error("the stray-load selftest needs a frametable window");
	va = fa->window_base + fa->window_size - 8;
	boot_puts("FT-SELFTEST: stray load from ");
	boot_put_hex(va);
	boot_putc('\n');
	(void)*(volatile uint64_t *)(uintptr_t)va;
	boot_puts("FT-CHECK: the stray load did not fault\n");
	boot_puts("FT-RESULT: FAIL\n");
	boot_exit(BOOT_EXIT_FAIL);
}
