/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot cost of the sparse frametable against the dense layout it replaces.
 *
 * Time is the virtual counter, CNTVCT_EL0, at CNTFRQ_EL0 Hz (62.5 MHz on
 * QEMU virt); each read is preceded by an ISB so that it is not taken
 * before the work it follows has finished.
 *
 * The dense layout is Xen/Arm's setup_frametable_mappings() before sparse
 * frametables, the layout lib/stats.c describes: one table of descriptors
 * from the first to the last RAM frame's PDX (this plan's PDX
 * translation), its size rounded up to 2 MiB, or to 32 MiB when it is at
 * least 32 MiB (ft_get_stats()'s dense_bytes); memory from the boot
 * allocator, 32 MiB aligned; the descriptors zeroed and the rounding
 * poisoned with 0xff, as Xen's memsets do (and as ft_apply() treats a
 * chunk's slack). The stub maps it at its own window with the largest
 * mappings of the granule's size table that VA and PA alignment allow,
 * through the same pt.c hook as the frametable, cut greedily.
 *
 * The timed part of the dense build is what the sparse path's place and
 * apply do for it: allocate, map, fill. Planning has no dense counterpart
 * (Xen computes two numbers).
 */
#include "bootcost.h"
#include "pt.h"
#include "sysreg.h"
#include "uart.h"

#include <string.h>

uint64_t bootcost_now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

uint64_t bootcost_freq(void)
{
	return read_sysreg(cntfrq_el0) & 0xffffffffu;
}

/* ticks * 10^6 / freq without overflow for any ticks. */
static uint64_t ticks_to_us(uint64_t ticks, uint64_t freq)
{
	if (!freq)
		return 0;
	return ticks / freq * 1000000u + ticks % freq * 1000000u / freq;
}

/* The largest size class whose size VA and PA are both aligned to and
 * that fits in left bytes (sizes[0], the page, always does). */
static unsigned best_class(const struct ft_arch *arch, uint64_t va, uint64_t pa,
			   uint64_t left)
{
	for (unsigned i = arch->nr_sizes; i-- > 1;) {
		uint64_t s = arch->sizes[i].size;
		if (!((va | pa) & (s - 1)) && left >= s)
			return i;
	}
	return 0;
}

/* Map [va, va + len) to pa in runs of equal entries; TLB entries in *tlb. */
static int dense_map(const struct ft_arch *arch, uint64_t va, uint64_t pa,
		     uint64_t len, uint64_t *tlb)
{
	uint64_t off = 0;
	int rc;

	*tlb = 0;
	while (off < len) {
		unsigned c = best_class(arch, va + off, pa + off, len - off);
		uint64_t s = arch->sizes[c].size, n = 1;

		while (off + (n + 1) * s <= len &&
		       best_class(arch, va + off + n * s, pa + off + n * s,
				  len - off - n * s) == c)
			n++;
		rc = pt_hook_map((void *)(uintptr_t)arch, va + off, pa + off,
				 n * s, c);
		if (rc)
			return rc;
		*tlb += n;
		off += n * s;
	}
	return 0;
}

static void put_kv(const char *key, uint64_t v)
{
	uart_puts(key);
	uart_put_dec(v);
}

/* "x.xx" of num / den, rounded to the nearest hundredth. */
static void put_ratio(uint64_t num, uint64_t den)
{
	uint64_t r = (num * 100 + den / 2) / den;

	uart_put_dec(r / 100);
	uart_putc('.');
	uart_putc((char)('0' + r / 10 % 10));
	uart_putc((char)('0' + r % 10));
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
	uint64_t freq = bootcost_freq();
	uint64_t total = sp->plan + sp->place + sp->apply;
	uint64_t first_pdx, descs, desc_bytes, bytes, pa, pa_filled, tlb, t0,
		t1;
	const char *why = NULL;
	struct ft_stats st;

	uart_puts("FT-TIME");
	put_kv(" plan_us=", ticks_to_us(sp->plan, freq));
	put_kv(" place_us=", ticks_to_us(sp->place, freq));
	put_kv(" apply_us=", ticks_to_us(sp->apply, freq));
	put_kv(" total_us=", ticks_to_us(total, freq));
	put_kv(" ticks=", total);
	put_kv(" freq=", freq);
	uart_putc('\n');

	ft_get_stats(ctx, &st);
	bytes = st.dense_bytes;
	first_pdx = ft_pfn_to_pdx(&ctx->pdx,
				  ctx->st.banks[0].base >> arch->page_shift);
	descs = ctx->max_pdx - first_pdx;
	desc_bytes = descs * ctx->params.desc_size;

	if (bytes > BOOTCOST_DENSE_VA_SIZE) {
		uart_puts("dense layout: does not fit its window (needs ");
		uart_put_dec(bytes);
		uart_puts(" bytes, window ");
		uart_put_dec(BOOTCOST_DENSE_VA_SIZE);
		uart_puts(")\n");
		why = "does not fit its window";
		goto none;
	}

	pa_filled = dense_prefill(ba, pf, bytes);
	t0 = bootcost_now();
	if (ft_bootalloc_alloc(ba, bytes, BOOTCOST_DENSE_PA_ALIGN, 0, &pa)) {
		uart_puts("dense layout: does not fit (needs ");
		uart_put_dec(bytes);
		uart_puts(" bytes, ");
		uart_put_dec(ft_bootalloc_free_bytes(ba));
		uart_puts(" free)\n");
		why = "does not fit in RAM";
		goto none;
	}
	if (bytes > BOOTCOST_DENSE_MAX_TIMED) {
		(void)ft_bootalloc_add(ba, pa, bytes);
		uart_puts("dense layout: ");
		uart_put_dec(bytes);
		uart_puts(" bytes would fit at PA ");
		uart_put_hex(pa);
		uart_puts(", more than the ");
		uart_put_dec(BOOTCOST_DENSE_MAX_TIMED);
		uart_puts(" bytes the stub maps and fills\n");
		why = "too large to time";
		goto none;
	}
	if (dense_map(arch, BOOTCOST_DENSE_VA, pa, bytes, &tlb)) {
		uart_puts("dense layout: pt.c refused the mapping (table "
			  "pool exhausted?)\n");
		why = "mapping refused";
		goto none;
	}
	memset((void *)(uintptr_t)BOOTCOST_DENSE_VA, 0, desc_bytes);
	memset((void *)(uintptr_t)(BOOTCOST_DENSE_VA + desc_bytes), 0xff,
	       bytes - desc_bytes);
	t1 = bootcost_now();
	if (pa != pa_filled)
		uart_puts("dense layout: placed apart from its pattern fill, "
			  "its time includes first touches\n");

	uart_puts("dense layout: ");
	uart_put_dec(bytes);
	uart_puts(" bytes, ");
	uart_put_dec(descs);
	uart_puts(" descriptors from pdx ");
	uart_put_hex(first_pdx);
	uart_puts(", PA ");
	uart_put_hex(pa);
	uart_puts(", VA ");
	uart_put_hex(BOOTCOST_DENSE_VA);
	uart_puts(", TLB entries ");
	uart_put_dec(tlb);
	uart_putc('\n');
	uart_puts("FT-DENSE-TIME");
	put_kv(" bytes=", bytes);
	put_kv(" us=", ticks_to_us(t1 - t0, freq));
	put_kv(" ticks=", t1 - t0);
	uart_putc('\n');
	uart_puts("boot cost: sparse ");
	uart_put_dec(ticks_to_us(total, freq));
	uart_puts(" us, dense ");
	uart_put_dec(ticks_to_us(t1 - t0, freq));
	uart_puts(" us, ratio sparse/dense ");
	if (t1 - t0)
		put_ratio(total, t1 - t0);
	else
		uart_puts("n/a");
	uart_putc('\n');
	return;

none:
	uart_puts("FT-DENSE-TIME none: ");
	uart_puts(why);
	uart_putc('\n');
	uart_puts("boot cost: sparse ");
	uart_put_dec(ticks_to_us(total, freq));
	uart_puts(" us, dense not timed (");
	uart_puts(why);
	uart_puts("), no ratio\n");
}
