/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V half of the boot stub: the struct boot_arch that boot/main.c
 * runs on (boot/boot-arch.h), in S-mode under OpenSBI on QEMU virt. The
 * translation mode (Sv39 or Sv48) is chosen at compile time; Svnapot is
 * used when cpu@0 of the DTB lists it (riscv,isa or riscv,isa-extensions),
 * so the variant is "sv48" or "sv48-nonapot" (likewise sv39). The DTB is
 * the one OpenSBI hands over in a1 (QEMU's -dtb, loaded at 0xbfe0_0000).
 * docs/riscv.md has the memory layout.
 */
#include "pt-check.h"
#include "pt.h"
#include "sbi.h"
#include "trap.h"

#include <boot-arch.h>
#include <console.h>
#include <libfdt.h>
#include <string.h>

#if defined(FT_RISCV_SV39)
#define RV_MODE		"sv39"
#define RV_DESC		ft_arch_riscv_sv39
#define RV_DESC_NONAPOT ft_arch_riscv_sv39_nonapot
/* Sv39's upper half: the frametable window is 64 GiB at
 * 0xffff_ffd0_0000_0000; the dense layout and the scratch window take the
 * 64 GiB slots above it. */
#define RV_DENSE_VA	 UINT64_C(0xffffffe000000000)
#define RV_DENSE_VA_SIZE (UINT64_C(64) << 30)
#define RV_SCRATCH_VA	 UINT64_C(0xfffffff000000000)
#elif defined(FT_RISCV_SV48)
#define RV_MODE		 "sv48"
#define RV_DESC		 ft_arch_riscv_sv48
#define RV_DESC_NONAPOT	 ft_arch_riscv_sv48_nonapot
/* Sv48's upper half: the frametable window is 1 TiB at
 * 0xffff_c000_0000_0000; the dense layout and the scratch window take the
 * 1 TiB slots 16 TiB and 32 TiB above it. */
#define RV_DENSE_VA	 UINT64_C(0xffffd00000000000)
#define RV_DENSE_VA_SIZE (UINT64_C(1) << 40)
#define RV_SCRATCH_VA	 UINT64_C(0xffffe00000000000)
#else
#error "build with -DFT_RISCV_SV39 or -DFT_RISCV_SV48"
#endif

/* The scratch window: 64 GiB, a mapping starts at its pa's offset in 1 GiB
 * so that VA and PA allow the same leaves. */
#define RV_SCRATCH_SIZE (UINT64_C(64) << 30)
#define RV_GIB		(UINT64_C(1) << 30)
/* What OpenSBI's DTB slot (2 MiB below 0xc000_0000) can hold. */
#define RV_DTB_MAX (UINT64_C(2) << 20)
/* Used when the DTB has no /cpus timebase-frequency: QEMU virt's. */
#define RV_VIRT_TIMEBASE UINT64_C(10000000)
#define RV_POOL_PAGES	 2048u

extern char __image_start[], _end[];
/* riscv-desc.c: the descriptions the library plans with. */
extern const struct ft_arch RV_DESC, RV_DESC_NONAPOT;

void stub_main(uint64_t hartid, uint64_t dtb);

static uint64_t rv_pool[RV_POOL_PAGES * 512] __attribute__((aligned(4096)));
static struct rv_pt rv_tables;
static uint64_t rv_timebase = RV_VIRT_TIMEBASE;

/* Does one riscv,isa string ("rv64imafdc_zicsr_svnapot") name ext among
 * its multi-letter extensions? */
static bool isa_string_has(const char *isa, int len, const char *ext)
{
	size_t n = strlen(ext);
	const char *end = isa + len;
	const char *p = isa;

	while (p < end && *p) {
		const char *tok = p;

		while (p < end && *p && *p != '_')
			p++;
		if ((size_t)(p - tok) == n && !memcmp(tok, ext, n))
			return true;
		if (p < end && *p == '_')
			p++;
	}
	return false;
}

/* Reads what the stub needs from the DTB before paging: Svnapot of cpu@0
 * and the timer's frequency. A bad DTB is boot/'s to report. */
static bool dtb_scan(const void *fdt)
{
	const fdt32_t *tb;
	const char *s;
	int cpus, cpu, len;
	bool napot = false;

	if (fdt_check_header(fdt))
		return false;
	cpus = fdt_path_offset(fdt, "/cpus");
	if (cpus < 0)
		return false;
	tb = fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	if (tb && len == 4 && fdt32_to_cpu(*tb))
		rv_timebase = fdt32_to_cpu(*tb);
	cpu = fdt_subnode_offset(fdt, cpus, "cpu@0");
	if (cpu < 0)
		return false;
	s = fdt_getprop(fdt, cpu, "riscv,isa", &len);
	if (s && len > 0 && isa_string_has(s, len, "svnapot"))
		napot = true;
	if (fdt_stringlist_search(fdt, cpu, "riscv,isa-extensions",
				  "svnapot") >= 0)
		napot = true;
	return napot;
}

static const char *rv_mmu_on(uint64_t dtb, uint64_t dtb_bytes)
{
	uint64_t image = (uintptr_t)__image_start;
	struct rv_ptc_report rep;
	uint64_t satp;
	int err;

	err = rv_pt_init(&rv_tables, boot_port->ft_arch, rv_pool,
			 (uintptr_t)rv_pool, sizeof(rv_pool));
	if (err)
		return "rv_pt_init refused the table pool";
	if (rv_pt_map_range(&rv_tables, image, image, (uintptr_t)_end - image,
			    RV_PERM_RWX) ||
	    rv_pt_map_range(&rv_tables, RV_TEST_DEVICE, RV_TEST_DEVICE,
			    RV_TEST_DEVICE_SIZE, RV_PERM_RW) ||
	    rv_pt_map_range(&rv_tables, dtb, dtb, dtb_bytes, RV_PERM_R))
		return "identity map of the stub refused";
	/* Walk it by the architecture's rules before the hart does: a
	 * malformed PTE under the stub's own code or stack traps into a
	 * handler that is unreachable itself, and the hart spins silently. */
	err = rv_ptc_check(&rv_tables, 0, 0, NULL, NULL, &rep);
	if (err < 0) {
		boot_puts("FT-CHECK: identity map: ");
		boot_puts(rv_ptc_strerror(err));
		boot_puts(" at ");
		boot_put_hex(rep.va);
		boot_putc('\n');
		return "the stub's identity map breaks the architecture's "
		       "rules";
	}
	satp = rv_pt_satp(&rv_tables);
	__asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			 :
			 : "r"(satp)
			 : "memory");
	__asm__ volatile("csrr %0, satp" : "=r"(satp));
	if (satp >> 60 == 0)
		return "hart lacks " RV_MODE " (satp kept Bare)";
	rv_tables.fence = rv_pt_sfence_vma;
	return NULL;
}

/* rdtime after a fence, so that earlier work has finished. */
static uint64_t rv_counter(void)
{
	uint64_t t;

	__asm__ volatile("fence iorw, iorw\n\trdtime %0" : "=r"(t)::"memory");
	return t;
}

static uint64_t rv_counter_freq(void)
{
	return rv_timebase;
}

static enum rv_leaf leaf_of_size(uint64_t size)
{
	switch (size) {
	case UINT64_C(1) << 16:
		return RV_LEAF_64K;
	case UINT64_C(1) << 21:
		return RV_LEAF_2M;
	case UINT64_C(1) << 30:
		return RV_LEAF_1G;
	case UINT64_C(1) << 39:
		return RV_LEAF_512G;
	default:
		return RV_LEAF_4K;
	}
}

/* Undo a range of rv_pt_map_range leaf by leaf, each as the tables
 * hold it. */
static void rv_scratch_unmap(uint64_t va, uint64_t len)
{
	uint64_t end = va + len;

	va &= ~UINT64_C(0xfff);
	while (va < end) {
		uint64_t pa, size;

		if (rv_ptc_translate(&rv_tables, va, &pa, &size)) {
			va += 4096;
			continue;
		}
		va &= ~(size - 1);
		rv_pt_unmap(&rv_tables, va, size, leaf_of_size(size));
		va += size;
	}
}

static uint64_t rv_scratch_map(uint64_t pa, uint64_t len)
{
	uint64_t va = RV_SCRATCH_VA + (pa & (RV_GIB - 1));

	if ((pa & (RV_GIB - 1)) + len > RV_SCRATCH_SIZE)
		return 0;
	if (rv_pt_map_range(&rv_tables, va, pa, len, RV_PERM_RW))
		return 0;
	return va;
}

struct walk_ctx {
	struct boot_walk *w;
	uint64_t va, end;
};

static int walk_leaf(void *arg, const struct rv_ptc_leaf *leaf)
{
	struct walk_ctx *c = arg;

	if (leaf->va + leaf->size <= c->va || leaf->va >= c->end)
		return 0;
	/* boot/ counts PTEs: a NAPOT run is 16 of them and one run. */
	if (leaf->leaf == RV_LEAF_64K) {
		c->w->leaves += leaf->size >> 12;
		c->w->contig_runs++;
	} else {
		c->w->leaves++;
	}
	if (c->w->leaf)
		c->w->leaf(c->w->arg, leaf->va, leaf->size);
	return 0;
}

static bool rv_check_tables(struct boot_walk *w, uint64_t va, uint64_t len)
{
	struct walk_ctx c = {.w = w, .va = va, .end = va + len};
	struct rv_ptc_report rep;
	int rc;

	if (!rv_tables.root_pa)
		return false;
	w->granule_shift = 12;
	w->first_level = 0;
	rc = rv_ptc_check(&rv_tables, va, len, walk_leaf, &c, &rep);
	if (rc < 0 && w->bad)
		w->bad(w->arg, rv_ptc_strerror(rc), rep.va);
	return true;
}

/* What boot/ compares with the plan: the PTE that maps va. A NAPOT run
 * is 16 PTEs of 4 KiB each carrying N, the class whose size is 64 KiB with
 * contig = 16; any other leaf is its class's whole size. */
static bool rv_lookup(uint64_t va, struct boot_leaf *leaf)
{
	const struct ft_arch *a = boot_port->ft_arch;
	uint64_t tlb;
	bool napot;

	if (rv_ptc_translate(&rv_tables, va, &leaf->pa, &tlb))
		return false;
	napot = leaf_of_size(tlb) == RV_LEAF_64K;
	leaf->size = napot ? tlb / 16 : tlb;
	leaf->size_class = -1;
	for (unsigned i = 0; i < a->nr_sizes; i++)
		if (a->sizes[i].size == tlb &&
		    (a->sizes[i].contig != 0) == napot)
			leaf->size_class = (int)i;
	return true;
}

static void rv_table_pages(uint64_t *used, uint64_t *pool)
{
	*used = rv_pt_pages_used(&rv_tables);
	*pool = rv_tables.pool_pages;
}

/* dtb_addr, variant and ft_arch are filled in by stub_main from a1 and
 * the DTB. */
static struct boot_arch rv_boot = {
	.name = "riscv64",
	.variant = "granule=" RV_MODE,
	/* The DTB: QEMU's -dtb as OpenSBI hands it over. */
	.dtb_max = RV_DTB_MAX,
	.dtb_hint = "-dtb board.dtb (OpenSBI passes it on in a1)",
	/* The image and the VA the dense layout may use. */
	.image_start = __image_start,
	.image_end = _end,
	.dense_va = RV_DENSE_VA,
	.dense_va_size = RV_DENSE_VA_SIZE,
	/* SBI console, test-device exit, the time CSR. */
	.putc = rv_sbi_putc,
	.exit = rv_test_exit,
	.counter = rv_counter,
	.counter_freq = rv_counter_freq,
	/* Paging and the frametable's mappings: pt.c. */
	.mmu_on = rv_mmu_on,
	.map = rv_pt_hook_map,
	.unmap = rv_pt_hook_unmap,
	.map_arg = &rv_tables,
	/* The checks: trap.c's probe, the pattern fill's scratch window,
	 * pt-check.c's walk and lookup. */
	.probe = rv_trap_probe,
	.scratch_map = rv_scratch_map,
	.scratch_unmap = rv_scratch_unmap,
	/* Read back from the live tables. */
	.check_tables = rv_check_tables,
	.lookup = rv_lookup,
	.table_pages = rv_table_pages,
};

/* From start.S, in S-mode with a stack, a clear .bss and stvec set. */
void stub_main(uint64_t hartid, uint64_t dtb)
{
	bool napot = dtb_scan((const void *)(uintptr_t)dtb);

	(void)hartid;
	rv_boot.dtb_addr = dtb;
	rv_boot.variant =
		napot ? "granule=" RV_MODE : "granule=" RV_MODE "-nonapot";
	rv_boot.ft_arch = napot ? &RV_DESC : &RV_DESC_NONAPOT;
	boot_main(&rv_boot);
}
