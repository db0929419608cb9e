/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Arm MPU half of the boot stub: the struct boot_arch that boot/main.c
 * runs on (boot/boot-arch.h), in Secure privileged Thread mode on QEMU's
 * mps3-an547 (Cortex-M55, PMSAv8-M). No translation: VA == PA.
 *
 * Regions (mpu.h): the stub keeps four slots, for its code (read-only,
 * executable), its data and stack, the DTB (read-only) and the pattern
 * fill's scratch region; the frametable's map takes the others: one per
 * RAM bank, the bank holding the table cut around it, and the table
 * (read-write, execute-never). The MPU runs with the background region
 * off (PRIVDEFENA = 0), so a load no region covers takes a MemManage
 * fault: that is the probe. The region budget the library plans with is
 * what MPU_TYPE reports less the stub's four. docs/arm-mpu.md has the
 * memory layout.
 */
#include "mpu.h"
#include "semihost.h"

#include <boot-arch.h>
#include <console.h>
#include <string.h>

/* Where qemu.sh's -device loader puts the board DTB: the DTCM. */
#define MPU_DTB_ADDR UINT64_C(0x20000000)
#define MPU_DTB_MAX  (UINT64_C(512) << 10)

/* System Control Block registers. */
#define SCB_CFSR       0xe000ed28u
#define SCB_HFSR       0xe000ed2cu
#define SCB_MMFAR      0xe000ed34u
#define SCB_BFAR       0xe000ed38u
#define CFSR_DACCVIOL  (1u << 1)
#define CFSR_MMARVALID (1u << 7)
#define CFSR_BFARVALID (1u << 15)

#define EXC_MEMMANAGE 4
#define EXC_BUSFAULT  5

extern char __image_start[], __text_end[], __data_start[], __stack_top[],
	_end[];
extern const struct ft_arch ft_arch_arm_mpu;

void stub_main(void);
void mpu_fault(uint32_t *frame, uint32_t exc_return, uint32_t ipsr);

static struct mpu mpu;
/* The description the library plans with: the generic one, its region
 * budget replaced by this CPU's. */
static struct ft_arch mpu_arch;

static inline uint32_t rd(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void wr(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

/* ---- console: semihosting, a line at a time ---- */

static char line[160];
static unsigned line_len;

static void mpu_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line) - 1) {
		line[line_len] = '\0';
		sh_write0(line);
		line_len = 0;
	}
}

static __attribute__((noreturn)) void mpu_exit(unsigned status)
{
	if (line_len) {
		line[line_len] = '\0';
		sh_write0(line);
	}
	sh_exit(status);
}

static uint64_t mpu_counter(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
	return sh_elapsed();
}

static uint64_t mpu_counter_freq(void)
{
	uint64_t f = sh_tickfreq();

	return f ? f : 1;
}

/* ---- faults and the probe ---- */

static struct {
	volatile bool armed, mm_fault, other_fault;
	volatile uint32_t va;
} probe;
static unsigned nested;

/* Thumb: a halfword whose top five bits are 0b11101, 0b11110 or 0b11111
 * starts a 32-bit instruction. */
static uint32_t insn_len(uint32_t pc)
{
	uint16_t hw = *(const volatile uint16_t *)(uintptr_t)pc;

	return (hw >> 11) >= 0x1d ? 4 : 2;
}

static bool probe_fault(uint32_t *frame, uint32_t exc)
{
	uint32_t cfsr = rd(SCB_CFSR);

	if (!probe.armed)
		return false;
	if (exc == EXC_MEMMANAGE && (cfsr & CFSR_MMARVALID) &&
	    (cfsr & CFSR_DACCVIOL) && rd(SCB_MMFAR) == probe.va)
		probe.mm_fault = true;
	else if (exc == EXC_BUSFAULT && (cfsr & CFSR_BFARVALID) &&
		 rd(SCB_BFAR) == probe.va)
		probe.other_fault = true;
	else
		return false;
	probe.armed = false;
	wr(SCB_CFSR, cfsr); /* write one to clear */
	frame[6] += insn_len(frame[6]);
	return true;
}

void mpu_fault(uint32_t *frame, uint32_t exc_return, uint32_t ipsr)
{
	static const char *const name[] = {
		" exc=",  " cfsr=", " hfsr=", " mmfar=",
		" bfar=", " pc=",   " lr=",   " exc_return="};
	uint32_t exc = ipsr & 0x1ff;

	if (probe_fault(frame, exc))
		return;
	/* A fault while reporting one must not recurse. */
	while (nested++)
		__asm__ volatile("wfi");
	const uint32_t val[] = {exc,	       rd(SCB_CFSR), rd(SCB_HFSR),
				rd(SCB_MMFAR), rd(SCB_BFAR), frame[6],
				frame[5],      exc_return};
	boot_puts("FT-FAULT:");
	for (unsigned i = 0; i < 8; i++) {
		boot_puts(name[i]);
		boot_put_hex(val[i]);
	}
	boot_putc('\n');
	boot_exit(BOOT_EXIT_FAULT);
}

static bool mpu_probe(uint64_t va, uint64_t *val)
{
	uint32_t got = 0;

	if (va >> 32) {
		/* No such address on a 32-bit CPU: no region can cover it,
		 * and no load can be issued. */
		*val = 0;
		return true;
	}
	probe.mm_fault = false;
	probe.other_fault = false;
	probe.va = (uint32_t)va;
	probe.armed = true;
	__asm__ volatile("ldr %0, [%1]"
			 : "+r"(got)
			 : "r"((uint32_t)va)
			 : "memory");
	probe.armed = false;
	*val = probe.other_fault ? 0 : got;
	return probe.mm_fault;
}

/* ---- regions ---- */

static const char *mpu_on(uint64_t dtb, uint64_t dtb_bytes)
{
	mpu_init(&mpu, &mpu_v8m);
	if (mpu.nr < MPU_STUB_SLOTS + 3)
		return "the MPU has too few regions for the stub";
	if (mpu.granule > 4096)
		return "MPU granule above the page";
	mpu_arch = ft_arch_arm_mpu;
	mpu_arch.regions = mpu.nr - MPU_STUB_SLOTS;
	if (!mpu_set(&mpu, MPU_SLOT_CODE, (uintptr_t)__image_start,
		     (uintptr_t)__text_end - (uintptr_t)__image_start,
		     MPU_AP_RO_PRIV, false) ||
	    !mpu_set(&mpu, MPU_SLOT_DATA, (uintptr_t)__data_start,
		     (uintptr_t)_end - (uintptr_t)__data_start, MPU_AP_RW_PRIV,
		     true) ||
	    !mpu_set(&mpu, MPU_SLOT_DTB, dtb, dtb_bytes, MPU_AP_RO_PRIV, true))
		return "the stub's own MPU regions were refused";
	mpu.hw->enable();
	return NULL;
}

static int mpu_map(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		   unsigned size_class)
{
	const struct ft_ctx *ctx = boot_ctx();

	(void)arg;
	if (va != pa || size_class)
		return -FT_ERR_MAP;
	if (mpu_map_frametable(&mpu, ctx->st.banks, ctx->nr_banks, pa, len))
		return -FT_ERR_MAP;
	return 0;
}

static void mpu_unmap(void *arg, uint64_t va, uint64_t len, unsigned size_class)
{
	(void)arg;
	(void)va;
	(void)len;
	(void)size_class;
	mpu_unmap_frametable(&mpu);
}

static uint64_t mpu_scratch_map(uint64_t pa, uint64_t len)
{
	if (!mpu_set(&mpu, MPU_SLOT_SCRATCH, pa, len, MPU_AP_RW_PRIV, true))
		return 0;
	return pa;
}

static void mpu_scratch_unmap(uint64_t va, uint64_t len)
{
	(void)va;
	(void)len;
	mpu_clear(&mpu, MPU_SLOT_SCRATCH);
}

static void check_bad(void *arg, const char *what, uint64_t where)
{
	struct boot_walk *w = arg;

	if (w->bad)
		w->bad(w->arg, what, where);
}

static void check_leaf(void *arg, uint64_t base, uint64_t size)
{
	struct boot_walk *w = arg;

	/* boot/ counts the plan's entries as pages of class 0. */
	w->leaves += size >> 12;
	if (w->leaf)
		w->leaf(w->arg, base, size);
}

static void print_regions(void)
{
	static const char *const ap[] = {"rw", "rw-any", "ro", "ro-any"};

	for (unsigned n = 0; n < mpu.nr; n++) {
		struct mpu_region r;
		mpu.hw->read(n, &r);
		if (!r.enabled)
			continue;
		boot_puts("mpu region ");
		boot_put_dec(n);
		boot_puts(": ");
		boot_put_hex(r.base);
		boot_puts("..");
		boot_put_hex(r.limit);
		boot_putc(' ');
		boot_puts(ap[r.ap]);
		boot_puts(r.xn ? " xn" : " x");
		boot_puts(n < MPU_STUB_SLOTS ? " (stub)"
			  : n == mpu.ft_slot ? " (frametable)"
					     : " (ram)");
		boot_putc('\n');
	}
}

static bool mpu_check_tables(struct boot_walk *w, uint64_t va, uint64_t len)
{
	const struct ft_ctx *ctx = boot_ctx();
	struct mpu_check c = {.bad = check_bad, .leaf = check_leaf, .arg = w};

	if (!mpu.nr)
		return false;
	w->granule_shift = 12;
	w->first_level = 0;
	print_regions();
	boot_puts("mpu: ");
	boot_puts(mpu.hw->name);
	boot_puts(", ");
	boot_put_dec(mpu.nr);
	boot_puts(" regions of ");
	boot_put_dec(mpu.granule);
	boot_puts("-byte granule, ");
	boot_put_dec(mpu.used - MPU_STUB_SLOTS);
	boot_puts(" for the map (budget ");
	boot_put_dec(mpu_arch.regions);
	boot_puts("), background region off\n");
	mpu_check(&mpu, ctx->st.banks, ctx->nr_banks, va, len, &c);
	return true;
}

static bool mpu_lookup(uint64_t va, struct boot_leaf *leaf)
{
	struct mpu_region r;

	if (mpu_find(&mpu, va, &r) < 0)
		return false;
	/* No translation: the page maps to itself. Class 0 (the table's
	 * region) if the region carries the attributes mpu_map gives it. */
	leaf->pa = va & ~UINT64_C(0xfff);
	leaf->size = 4096;
	leaf->size_class =
		r.ap == MPU_AP_RW_PRIV && r.xn && r.attr == MPU_ATTR_NORMAL
			? 0
			: -1;
	return true;
}

static struct boot_arch mpu_boot = {
	.name = "arm-mpu",
	.variant = "granule=4k",
	.ft_arch = &mpu_arch,
	.dtb_addr = MPU_DTB_ADDR,
	.dtb_max = MPU_DTB_MAX,
	.dtb_hint = "-device loader,file=board.dtb,addr=0x20000000,"
		    "force-raw=on",
	.image_start = __image_start,
	.image_end = _end,
	.dense_va = 0,
	.dense_va_size = 0,
	.putc = mpu_putc,
	.exit = mpu_exit,
	.counter = mpu_counter,
	.counter_freq = mpu_counter_freq,
	.mmu_on = mpu_on,
	.map = mpu_map,
	.unmap = mpu_unmap,
	.probe = mpu_probe,
	.scratch_map = mpu_scratch_map,
	.scratch_unmap = mpu_scratch_unmap,
	.check_tables = mpu_check_tables,
	.lookup = mpu_lookup,
};

/* From start.S: a stack, a clear .bss, the FPU on, faults enabled. */
void stub_main(void)
{
	mpu_arch = ft_arch_arm_mpu;
	boot_main(&mpu_boot);
}
