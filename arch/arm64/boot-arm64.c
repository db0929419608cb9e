/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm64 half of the boot stub: the struct boot_arch that boot/main.c
 * runs on (boot/boot-arch.h), for the granule chosen at compile time.
 * The stub runs at EL2 in QEMU virt, on the board DTB that the command
 * line loads raw at 0x44000000; docs/arm64.md has the memory layout.
 */
#include "fault.h"
#include "pt.h"
#include "ptcheck.h"
#include "semihost.h"
#include "sysreg.h"
#include "uart.h"

#include <boot-arch.h>
#include <console.h>

#define ARM64_DTB_ADDR UINT64_C(0x44000000)
/* Guest RAM past the DTB's address that the stub may map for it. */
#define ARM64_DTB_MAX (UINT64_C(64) << 20)
/* The dense table's virtual window: 1 TiB at 0x0000_0300_0000_0000, clear
 * of the frametable window (32 GiB at 0x0000_0200_0000_0000), of the
 * scratch window (pt.h) and of the identity map (image, UART and DTB, all
 * below 0x4800_0000). */
#define ARM64_DENSE_VA	    UINT64_C(0x0000030000000000)
#define ARM64_DENSE_VA_SIZE (UINT64_C(1) << 40)

extern char __image_start[], _end[];

void stub_main(void);
void stub_wrong_el(void);

/* The MMU goes on before the library runs, over an identity map of the
 * image, the UART and the DTB: with it off every data access is Device
 * memory, where the unaligned and DC ZVA accesses of picolibc's string
 * routines (and so of libfdt) would fault. */
static const char *arm64_mmu_on(uint64_t dtb, uint64_t dtb_bytes)
{
	uint64_t image = (uintptr_t)__image_start;
	uint64_t image_len = (uintptr_t)_end - image;

	if (pt_init(&FT_ARM64_ARCH))
		return "arm64-desc.c does not match pt.c's granule";
	if (pt_map_range(image, image, image_len, PT_NORMAL_EXEC) ||
	    pt_map_range(FT_ARM64_UART_BASE, FT_ARM64_UART_BASE,
			 FT_ARM64_UART_SIZE, PT_DEVICE) ||
	    pt_map_range(dtb, dtb, dtb_bytes, PT_NORMAL_XN))
		return "identity map of the stub refused";
	if (pt_enable_mmu())
		return "CPU lacks the " FT_ARM64_GRANULE_NAME
		       " granule (QEMU: -cpu max)";
	return NULL;
}

/* The virtual counter, read after an ISB so that it is not read before
 * the work it follows has finished. */
static uint64_t arm64_counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static uint64_t arm64_counter_freq(void)
{
	return read_sysreg(cntfrq_el0) & 0xffffffffu;
}

static bool arm64_lookup(uint64_t va, struct boot_leaf *leaf)
{
	return pt_lookup(&FT_ARM64_ARCH, va, &leaf->pa, &leaf->size,
			 &leaf->size_class);
}

static void arm64_table_pages(uint64_t *used, uint64_t *pool)
{
	*used = pt_pages_used();
	*pool = pt_pool_pages();
}

static const struct boot_arch arm64_boot = {
	.name = "arm64",
	.variant = "granule=" FT_ARM64_GRANULE_NAME,
	.ft_arch = &FT_ARM64_ARCH,
	.dtb_addr = ARM64_DTB_ADDR,
	.dtb_max = ARM64_DTB_MAX,
	.dtb_hint = "-device loader,file=board.dtb,addr=0x44000000,"
		    "force-raw=on",
	.image_start = __image_start,
	.image_end = _end,
	.dense_va = ARM64_DENSE_VA,
	.dense_va_size = ARM64_DENSE_VA_SIZE,
	.putc = uart_putc,
	.exit = semihost_exit,
	.counter = arm64_counter,
	.counter_freq = arm64_counter_freq,
	.mmu_on = arm64_mmu_on,
	.map = pt_hook_map,
	.unmap = pt_hook_unmap,
	.map_arg = (void *)(uintptr_t)&FT_ARM64_ARCH,
	.probe = fault_probe,
	.scratch_map = pt_scratch_map,
	.scratch_unmap = pt_unmap_range,
	.check_tables = ptcheck_walk,
	.lookup = arm64_lookup,
	.table_pages = arm64_table_pages,
};

/* From start.S, at EL2 with a stack and a clear .bss. */
void stub_main(void)
{
	boot_main(&arm64_boot);
}

/* From start.S, entered at another EL: say so and leave. */
void stub_wrong_el(void)
{
	uint64_t el;

	boot_console_init(&arm64_boot);
	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	boot_puts("FT-ERROR: entered at EL");
	boot_put_dec((el >> 2) & 3);
	boot_puts(", the stub needs EL2 (QEMU: -M virt,virtualization=on)\n");
	boot_exit(BOOT_EXIT_ERROR);
}
