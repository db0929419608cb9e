/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot cost of the sparse frametable against the dense layout it replaces.
 *
 * Time is the port's counter (arm64: CNTVCT_EL0 after an ISB, at
 * CNTFRQ_EL0 Hz, 62.5 MHz on QEMU virt).
 *
 * The dense layout is Xen/Arm's setup_frametable_mappings() before sparse
 * frametables, the layout lib/stats.c describes: one table of descriptors
 * from the first to the last RAM frame's PDX (this plan's PDX
 * translation), its size rounded up to 2 MiB, or to 32 MiB when it is at
 * least 32 MiB (ft_get_stats()'s dense_bytes); memory from the boot
 * allocator, 32 MiB aligned; the descriptors zeroed and the rounding
 * poisoned with 0xff, as Xen's memsets do (and as ft_apply() treats a
 * chunk's slack). The stub maps it at the port's dense window through
 * the same map hook as the frametable, cut into the largest mappings VA
 * and PA alignment allow by the library's own ft_cut_mappings, so the
 * dense table is mapped as well as the planner would map a chunk.
 *
 * The timed part of the dense build is what the sparse path's place and
 * apply do for it: allocate, map, fill. Planning has no dense counterpart
 * (Xen computes two numbers).
 */
#include "bootcost.h"
#include "console.h"

#include <string.h>

uint64_t bootcost_now(void)
{
	return boot_port->counter();
}

/* ticks * 10^6 / freq without overflow for any ticks. */
static uint64_t ticks_to_us(uint64_t ticks, uint64_t freq)
{
	if (!freq)
		return 0;
	return ticks / freq * 1000000u + ticks % freq * 1000000u / freq;
}

struct dense_cut {
	uint64_t va, pa; /* the window's start and the table's PA */
	int rc;
};

static void dense_run(void *arg, uint64_t va, uint64_t count,
		      unsigned size_class)
{
	struct dense_cut *d = arg;
	uint64_t len = count * boot_port->ft_arch->sizes[size_class].size;

	if (!d->rc)
		d->rc = boot_port->map(boot_port->map_arg, va,
				       d->pa + (va - d->va), len, size_class);
}

/* Map [va, va + len) to pa; TLB entries in *tlb. PA is congruent to VA
 * modulo the lowest bit in which they differ. */
static int dense_map(const struct ft_arch *arch, uint64_t va, uint64_t pa,
		     uint64_t len, uint64_t *tlb)
{
	struct dense_cut d = {va, pa, 0};
	uint64_t diff = va ^ pa;
	uint64_t pa_align = diff ? diff & (~diff + 1) : UINT64_MAX;

	*tlb = ft_cut_mappings(arch, va, va + len, pa_align, dense_run, &d);
	return d.rc;
}

static void put_kv(const char *key, uint64_t v)
{
	boot_puts(key);
	boot_put_dec(v);
}

/* "x.xx" of num / den, rounded to the nearest hundredth. */
static void put_ratio(uint64_t num, uint64_t den)
{
	uint64_t r = (num * 100 + den / 2) / den;

	boot_put_dec(r / 100);
	boot_putc('.');
	boot_putc((char)('0' + r / 10 % 10));
	boot_putc((char)('0' + r % 10));
}

/*
 * Before the timed build: the same allocation, pattern-filled and given
 * back. The allocator is deterministic, so the timed allocation gets the
 * same range, and the timed fill, like ft_apply's, writes memory QEMU
 * has backed already (the first touch of lazily backed guest RAM, an
 * emulator's cost, then falls on neither build). Returns the PA, or
 * FT_PA_NONE if the table is not going to be built.
 */
static uint64_t dense_prefill(struct ft_bootalloc *ba, struct prefill *pf,
			      uint64_t bytes)
{
	uint64_t pa;

	if (bytes > BOOTCOST_DENSE_MAX_TIMED ||
	    ft_bootalloc_alloc(ba, bytes, BOOTCOST_DENSE_PA_ALIGN, 0, &pa))
		return FT_PA_NONE;
	prefill_range(pf, pa, bytes);
	(void)ft_bootalloc_add(ba, pa, bytes);
	return pa;
}

void bootcost_report(const struct ft_ctx *ctx, struct ft_bootalloc *ba,
		     const struct bootcost_sparse *sp, struct prefill *pf)
{
	const struct ft_arch *arch = ctx->arch;
	uint64_t dense_va = boot_port->dense_va;
	uint64_t freq = boot_port->counter_freq();
	uint64_t total = sp->plan + sp->place + sp->apply;
	uint64_t first_pdx, descs, desc_bytes, bytes, pa, pa_filled, tlb, t0,
		t1;
	const char *why = NULL;
	struct ft_stats st;

	boot_puts("FT-TIME");
	put_kv(" plan_us=", ticks_to_us(sp->plan, freq));
	put_kv(" place_us=", ticks_to_us(sp->place, freq));
	put_kv(" apply_us=", ticks_to_us(sp->apply, freq));
	put_kv(" total_us=", ticks_to_us(total, freq));
	put_kv(" ticks=", total);
	put_kv(" freq=", freq);
	boot_putc('\n');

	ft_get_stats(ctx, &st);
	bytes = st.dense_bytes;
	first_pdx = ft_pfn_to_pdx(&ctx->pdx,
				  ctx->st.banks[0].base >> arch->page_shift);
	descs = ctx->max_pdx - first_pdx;
	desc_bytes = descs * ctx->params.desc_size;

	if (bytes > boot_port->dense_va_size) {
		boot_puts("dense layout: does not fit its window (needs ");
		boot_put_dec(bytes);
		boot_puts(" bytes, window ");
		boot_put_dec(boot_port->dense_va_size);
		boot_puts(")\n");
		why = "does not fit its window";
		goto none;
	}

	pa_filled = dense_prefill(ba, pf, bytes);
	t0 = bootcost_now();
	if (ft_bootalloc_alloc(ba, bytes, BOOTCOST_DENSE_PA_ALIGN, 0, &pa)) {
		boot_puts("dense layout: does not fit (needs ");
		boot_put_dec(bytes);
		boot_puts(" bytes, ");
		boot_put_dec(ft_bootalloc_free_bytes(ba));
		boot_puts(" free)\n");
		why = "does not fit in RAM";
		goto none;
	}
	if (bytes > BOOTCOST_DENSE_MAX_TIMED) {
		(void)ft_bootalloc_add(ba, pa, bytes);
		boot_puts("dense layout: ");
		boot_put_dec(bytes);
		boot_puts(" bytes would fit at PA ");
		boot_put_hex(pa);
		boot_puts(", more than the ");
		boot_put_dec(BOOTCOST_DENSE_MAX_TIMED);
		boot_puts(" bytes the stub maps and fills\n");
		why = "too large to time";
		goto none;
	}
	if (dense_map(arch, dense_va, pa, bytes, &tlb)) {
		boot_puts("dense layout: the map hook refused it (table "
			  "pool exhausted?)\n");
		why = "mapping refused";
		goto none;
	}
	memset((void *)(uintptr_t)dense_va, 0, desc_bytes);
	memset((void *)(uintptr_t)(dense_va + desc_bytes), 0xff,
	       bytes - desc_bytes);
	t1 = bootcost_now();
	if (pa != pa_filled)
		boot_puts("dense layout: placed apart from its pattern fill, "
			  "its time includes first touches\n");

	boot_puts("dense layout: ");
	boot_put_dec(bytes);
	boot_puts(" bytes, ");
	boot_put_dec(descs);
	boot_puts(" descriptors from pdx ");
	boot_put_hex(first_pdx);
	boot_puts(", PA ");
	boot_put_hex(pa);
	boot_puts(", VA ");
	boot_put_hex(dense_va);
	boot_puts(", TLB entries ");
	boot_put_dec(tlb);
	boot_putc('\n');
	boot_puts("FT-DENSE-TIME");
	put_kv(" bytes=", bytes);
	put_kv(" us=", ticks_to_us(t1 - t0, freq));
	put_kv(" ticks=", t1 - t0);
	boot_putc('\n');
	boot_puts("boot cost: sparse ");
	boot_put_dec(ticks_to_us(total, freq));
	boot_puts(" us, dense ");
	boot_put_dec(ticks_to_us(t1 - t0, freq));
	boot_puts(" us, ratio sparse/dense ");
	if (t1 - t0)
		put_ratio(total, t1 - t0);
	else
		boot_puts("n/a");
	boot_putc('\n');
	return;

none:
	boot_puts("FT-DENSE-TIME none: ");
	boot_puts(why);
	boot_putc('\n');
	boot_puts("boot cost: sparse ");
	boot_put_dec(ticks_to_us(total, freq));
	boot_puts(" us, dense not timed (");
	boot_puts(why);
	boot_puts("), no ratio\n");
}
