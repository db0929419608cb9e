/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a port lends the shared half of the boot stubs (boot/): one
 * constant struct boot_arch, handed to boot_main() by the port's entry
 * code once it has a stack and its .bss is clear. Everything else, the
 * boot flow, the checks, the report and the dense-layout timing, is
 * boot/'s and written once.
 *
 * The hooks are called from one CPU, in the order the boot flow needs
 * them; none may print except where its comment says so (boot/'s lines
 * are the console contract of docs/qemu-tests.md).
 */
#ifndef FT_BOOT_ARCH_H
#define FT_BOOT_ARCH_H

#include <frametable/frametable.h>

/* What the live tables say about one address (lookup). */
struct boot_leaf {
	uint64_t pa;   /* the output address of the looked-up VA */
	uint64_t size; /* the bytes the leaf entry maps */
	/* The size class of ft_arch whose entry size and attributes (the
	 * contiguous hint included) the entry carries, as the port's own
	 * map hook writes them; -1 if none. */
	int size_class;
};

/* A walk of the live tables over part of the frametable window
 * (check_tables). boot/ sets the callbacks; the port fills the counts. */
struct boot_walk {
	/* For every valid leaf found in the range. */
	void (*leaf)(void *arg, uint64_t va, uint64_t size);
	/* For every broken rule, with the entry's VA. */
	void (*bad)(void *arg, const char *what, uint64_t va);
	void *arg;
	/* Filled in by the port: leaves found, runs of entries under one
	 * contiguous hint (Arm contiguous bit, RISC-V Svnapot), the page
	 * shift and the first level of the walk, for the report. */
	uint64_t leaves, contig_runs;
	unsigned granule_shift, first_level;
};

struct boot_arch {
	/* "FT-STUB <name> <variant>": the name is the .qemu files' arch=,
	 * the variant their granule= as "<key>=<granule>". */
	const char *name;
	const char *variant;
	/* The MMU (or MPU) description the library plans with. */
	const struct ft_arch *ft_arch;
	/* Where the QEMU command line loads the board DTB, the most bytes
	 * that may be mapped for it, and the loader option to name when
	 * there is none. */
	uint64_t dtb_addr, dtb_max;
	const char *dtb_hint;
	/* The stub's image [image_start, image_end): kept from the boot
	 * allocator (page tables and stack live there). */
	const char *image_start, *image_end;
	/* A VA range the dense layout (boot cost) may be mapped at, clear
	 * of everything else; size 0 if the port has none. */
	uint64_t dense_va, dense_va_size;

	/* Called for every character boot/ prints, first thing in
	 * boot_main onwards: put c on the console, '\n' as is (no CR). */
	void (*putc)(char c);
	/* Called once, last: leave the machine (QEMU) with status (0 pass,
	 * 1 a check failed, 2 refused, 3 unexpected exception). */
	__attribute__((noreturn)) void (*exit)(unsigned status);
	/* Called around ft_plan, ft_place, ft_apply and the dense build: a
	 * monotonic counter, read after earlier work has finished. */
	uint64_t (*counter)(void);
	/* Called once per report: the counter's frequency in Hz. */
	uint64_t (*counter_freq)(void);
	/* Called once, before the library runs: map the image, the console
	 * and [dtb, dtb + dtb_bytes) at their own addresses and turn
	 * translation (or protection) on. NULL, or the FT-ERROR text. */
	const char *(*mmu_on)(uint64_t dtb, uint64_t dtb_bytes);
	/* The struct ft_ops map and unmap hooks the frametable and the dense
	 * layout are mapped with (arg: map_arg). map must publish its change
	 * (TLB included) before returning. */
	int (*map)(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		   unsigned size_class);
	void (*unmap)(void *arg, uint64_t va, uint64_t len,
		      unsigned size_class);
	void *map_arg;
	/* Called by every hole and gap probe: load from va, which should be
	 * unmapped. True if the load took a translation fault (skipped by
	 * the port's handler); false if it read memory (*val: the value) or
	 * took another abort at va (*val: 0), both meaning "mapped". */
	bool (*probe)(uint64_t va, uint64_t *val);
	/* Called for each range of the pattern fill: map [pa, pa + len)
	 * read-write somewhere; the VA, or 0. One mapping at a time. */
	uint64_t (*scratch_map)(uint64_t pa, uint64_t len);
	/* Undo scratch_map: afterwards a load from it must fault, TLB
	 * included. */
	void (*scratch_unmap)(uint64_t va, uint64_t len);
	/* Called once, after ft_apply: walk the live tables over [va, va +
	 * len) from the MMU's registers, independently of the map hook,
	 * judge every entry by the architecture's rules (w->bad), report
	 * every leaf (w->leaf) and fill w's counts. False if the walk
	 * could not start (w->bad not called). May print the entries it
	 * walked (an MPU's regions: a handful of lines). For an identity
	 * arch, [va, va + len) is the frametable itself. */
	bool (*check_tables)(struct boot_walk *w, uint64_t va, uint64_t len);
	/* Called for every TLB entry of the plan, after ft_apply: what the
	 * live tables hold for va. False if nothing is mapped there. */
	bool (*lookup)(uint64_t va, struct boot_leaf *leaf);
	/* Optional (NULL: no line): table pages in use and in the pool. */
	void (*table_pages)(uint64_t *used, uint64_t *pool);
};

/* The library's context of the boot flow: its banks are final once
 * ft_plan has run. For a port whose map hook needs more than the range it
 * maps (an MPU covers every RAM bank around the frametable). */
const struct ft_ctx *boot_ctx(void);

/* The shared boot flow (boot/main.c): never returns. */
__attribute__((noreturn)) void boot_main(const struct boot_arch *arch);

#endif /* FT_BOOT_ARCH_H */
