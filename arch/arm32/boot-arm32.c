/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm32 half of the boot stub: the struct boot_arch that boot/main.c
 * runs on (boot/boot-arch.h). The stub runs in Hyp mode on a Cortex-A15
 * in QEMU virt, on the board DTB that the command line loads raw at
 * 0x44000000; docs/arm32.md has the memory layout.
 */
#include "fault.h"
#include "pt.h"
#include "ptcheck.h"
#include "semihost.h"
#include "sysreg.h"
#include "uart.h"

#include <boot-arch.h>
#include <console.h>

#define ARM32_DTB_ADDR UINT64_C(0x44000000)
/* Guest RAM past the DTB's address that the stub may map for it. */
#define ARM32_DTB_MAX (UINT64_C(1) << 20)

extern char __image_start[], _end[];

void stub_main(void);
void stub_wrong_mode(void);

/* The MMU goes on before the library runs, over an identity map of the
 * image, the UART and the DTB: with it off every data access is
 * Strongly-ordered, where unaligned accesses fault. Everything the stub
 * addresses this way sits below 4 GiB; RAM above is reached through the
 * scratch window. */
static const char *arm32_mmu_on(uint64_t dtb, uint64_t dtb_bytes)
{
	uint64_t image = (uintptr_t)__image_start;
	uint64_t image_len = (uintptr_t)_end - image;

	if (pt_init(&ft_arch_arm32))
		return "arm32-desc.c does not match pt.c's LPAE tables";
	if (pt_map_range(image, image, image_len, PT_NORMAL_EXEC) ||
	    pt_map_range(FT_ARM32_UART_BASE, FT_ARM32_UART_BASE,
			 FT_ARM32_UART_SIZE, PT_DEVICE) ||
	    pt_map_range(dtb, dtb, dtb_bytes, PT_NORMAL_XN))
		return "identity map of the stub refused";
	if (pt_enable_mmu())
		return "CPU lacks LPAE (QEMU: -cpu cortex-a15)";
	return NULL;
}

/* The physical counter, read after an ISB so that it is not read before
 * the work it follows has finished. */
static uint64_t arm32_counter(void)
{
	isb();
	return read_cntpct();
}

static uint64_t arm32_counter_freq(void)
{
	return read_cntfrq();
}

static bool arm32_lookup(uint64_t va, struct boot_leaf *leaf)
{
	return pt_lookup(&ft_arch_arm32, va, &leaf->pa, &leaf->size,
			 &leaf->size_class);
}

static void arm32_table_pages(uint64_t *used, uint64_t *pool)
{
	*used = pt_pages_used();
	*pool = pt_pool_pages();
}

static const struct boot_arch arm32_boot = {
	.name = "arm32",
	.variant = "granule=4k",
	.ft_arch = &ft_arch_arm32,
	.dtb_addr = ARM32_DTB_ADDR,
	.dtb_max = ARM32_DTB_MAX,
	.dtb_hint = "-device loader,file=board.dtb,addr=0x44000000,"
		    "force-raw=on",
	.image_start = __image_start,
	.image_end = _end,
	/* As large as Xen arm32's frametable window: a dense layout that
	 * does not fit here would not fit Xen's either. */
	.dense_va = PT_DENSE_VA,
	.dense_va_size = UINT64_C(96) << 20,
	.putc = uart_putc,
	.exit = semihost_exit,
	.counter = arm32_counter,
	.counter_freq = arm32_counter_freq,
	.mmu_on = arm32_mmu_on,
	.map = pt_hook_map,
	.unmap = pt_hook_unmap,
	.map_arg = (void *)(uintptr_t)&ft_arch_arm32,
	.probe = fault_probe,
	.scratch_map = pt_scratch_map,
	.scratch_unmap = pt_unmap_range,
	.check_tables = ptcheck_walk,
	.lookup = arm32_lookup,
	.table_pages = arm32_table_pages,
};

/* From start.S, in Hyp mode with a stack and a clear .bss. */
void stub_main(void)
{
	boot_main(&arm32_boot);
}

/* From start.S, entered in another mode: say so and leave. */
void stub_wrong_mode(void)
{
	uint32_t cpsr;

	boot_console_init(&arm32_boot);
	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	boot_puts("FT-ERROR: entered in mode ");
	boot_put_hex(cpsr & 0x1f);
	boot_puts(", the stub needs Hyp mode 0x1a (QEMU: -M "
		  "virt,virtualization=on)\n");
	boot_exit(BOOT_EXIT_ERROR);
}
