/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot flow every stub shares: runs the library on the board DTB that
 * the QEMU command line loaded at the port's dtb_addr, then checks the
 * frametable on the real MMU. docs/arm64.md has the memory layout, the
 * command lines and the output; docs/qemu-tests.md the console contract.
 *
 * Translation (or protection) goes on first, over an identity map of the
 * image, the console and the DTB (the port's mmu_on): with the MMU off,
 * data accesses may be Device memory, where the unaligned accesses of
 * the string routines (and so of libfdt) fault.
 *
 * Between ft_place and ft_apply, prefill.c writes a pattern over all the
 * memory the boot allocator handed out, so that the checks' "reads zero"
 * means ft_apply zeroed it (guest RAM starts zeroed).
 *
 * ft_plan, ft_place and ft_apply are timed with the port's counter; after
 * the checks, bootcost.c builds and times the dense layout for comparison.
 *
 * Exit status: 0 all checks passed, 1 a check failed, 2 the library or the
 * set-up refused the board (nothing of the frametable is mapped), 3 an
 * unexpected exception (the port's fault handler; selftest.c provokes one
 * when the DTB asks).
 */
#include "bootcost.h"
#include "console.h"
#include "prefill.h"
#include "selftest.h"
#include "verify.h"

#include <frametable/bootalloc.h>
#include <frametable/frametable.h>
#include <libfdt.h>
#include <pdxsizes.h>
#include <planjson.h>
#include <string.h>

#define FDT_MAGIC_BE 0xd00dfeedu

#define STUB_BANKS    256
#define STUB_RESERVED 256
#define STUB_CHUNKS   1024
/* One bit per group of the 32 GiB window at the finest order of any
 * granule (order 9 under 4K with 56-byte descriptors), plus slack for a
 * bitmap that starts mid-word. */
#define STUB_GROUP_BITS	 ((UINT64_C(32) << 30) / 56 / 512)
#define STUB_GROUP_WORDS (STUB_GROUP_BITS / FT_WORD_BITS + 2)

FT_STORAGE_DEFINE(stub, STUB_BANKS, STUB_RESERVED, STUB_CHUNKS,
		  STUB_GROUP_WORDS, 0);

static struct ft_ctx ctx;
/* Every bank, reservation and chunk splits at most one free range. */
static struct ft_bank ba_storage[STUB_BANKS + STUB_RESERVED + STUB_CHUNKS + 4];
static struct ft_bootalloc ba;
/* What the allocator handed out: one range per chunk. */
static struct ft_bank prefill_storage[STUB_CHUNKS];
static struct prefill pf;
static struct prefill_ops prefill_ops;

const struct ft_ctx *boot_ctx(void)
{
	return &ctx;
}

/* The PDX mode the test asks for: /chosen "frametable,pdx" (none, mask,
 * offset or auto), set by the QEMU runner's pdx= (docs/qemu-tests.md);
 * auto without it. */
static enum ft_pdx_mode chosen_pdx(const void *dtb)
{
	static const enum ft_pdx_mode modes[] = {FT_PDX_AUTO, FT_PDX_NONE,
						 FT_PDX_MASK, FT_PDX_OFFSET};
	int node = fdt_path_offset(dtb, "/chosen"), len;
	const char *s =
		node < 0 ? NULL
			 : fdt_getprop(dtb, node, "frametable,pdx", &len);

	if (!s || len < 1 || s[len - 1])
		return FT_PDX_AUTO;
	for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (!strcmp(s, ft_pdx_mode_name(modes[i]))) {
			boot_puts("pdx mode from /chosen: ");
			boot_puts(s);
			boot_putc('\n');
			return modes[i];
		}
	}
	boot_error("/chosen frametable,pdx is not none, mask, offset or auto");
}

static void put_range(const char *label, uint64_t base, uint64_t size)
{
	boot_puts(label);
	boot_puts(" base=");
	boot_put_hex(base);
	boot_puts(" size=");
	boot_put_hex(size);
}

/* "FT-ERROR: <name>: <culprit from ctx->err> (<call>)", exit 2. */
static __attribute__((noreturn)) void lib_error(const char *call, int rc)
{
	const struct ft_error_info *e = &ctx.err;

	boot_puts("FT-ERROR: ");
	boot_puts(ft_strerror(rc));
	boot_puts(": ");
	switch (-rc) {
	case FT_ERR_BANK_ZERO:
	case FT_ERR_BANK_UNALIGNED:
	case FT_ERR_BANK_BEYOND_PA:
	case FT_ERR_BANK_WRAPS:
		boot_puts("bank ");
		boot_put_dec((uint64_t)e->index);
		put_range("", e->base, e->size);
		break;
	case FT_ERR_BANK_OVERLAP:
		put_range("bank", e->base, e->size);
		put_range(" overlaps bank", e->base2, e->size2);
		break;
	case FT_ERR_WINDOW:
		boot_puts("need ");
		boot_put_hex(e->need);
		boot_puts(" bytes, window ");
		boot_put_hex(e->have);
		boot_puts(" bytes");
		break;
	case FT_ERR_CHUNK_TOO_BIG:
		boot_puts("chunk of ");
		boot_put_hex(e->need);
		boot_puts(" bytes, largest bank ");
		boot_put_hex(e->have);
		boot_puts(" bytes");
		break;
	case FT_ERR_TOOMANYBANKS:
	case FT_ERR_TOOMANYCHUNKS:
	case FT_ERR_GROUPS_FULL:
		boot_puts("need ");
		boot_put_dec(e->need);
		boot_puts(", storage for ");
		boot_put_dec(e->have);
		break;
	case FT_ERR_REGIONS:
		boot_puts("need ");
		boot_put_dec(e->need);
		boot_puts(", regions for ");
		boot_put_dec(e->have);
		break;
	case FT_ERR_NOMEM:
		boot_puts("chunk ");
		boot_put_dec((uint64_t)e->index);
		boot_puts(" needs ");
		boot_put_hex(e->need);
		boot_puts(" bytes");
		break;
	case FT_ERR_FDT_BAD:
	case FT_ERR_FDT_NOMEMORY:
	case FT_ERR_FDT_CELLS:
		boot_puts("DTB at ");
		boot_put_hex(boot_port->dtb_addr);
		boot_puts(", node offset ");
		boot_put_dec((uint64_t)(int64_t)e->fdt_node);
		break;
	default:
		boot_puts("index ");
		boot_put_dec((uint64_t)(int64_t)e->index);
		break;
	}
	boot_puts(" (");
	boot_puts(call);
	boot_puts(")\n");
	boot_exit(BOOT_EXIT_ERROR);
}

/* Read before translation is on: aligned 32-bit loads only. */
static uint32_t be32_at(uint64_t addr)
{
	return __builtin_bswap32(*(volatile uint32_t *)(uintptr_t)addr);
}

static void dtb_error(const char *what)
{
	boot_puts("FT-ERROR: ");
	boot_puts(what);
	boot_puts(" DTB at ");
	boot_put_hex(boot_port->dtb_addr);
	boot_puts(" (QEMU: ");
	boot_puts(boot_port->dtb_hint);
	boot_puts(")\n");
	boot_exit(BOOT_EXIT_ERROR);
}

static uint32_t dtb_size(void)
{
	uint64_t at = boot_port->dtb_addr;

	if (be32_at(at) != FDT_MAGIC_BE)
		dtb_error("no");
	uint32_t size = be32_at(at + 4);
	if (size < 40 || size > boot_port->dtb_max)
		dtb_error("implausible totalsize of the");
	return size;
}

static void fill_hook(void *arg, uint64_t va, int byte, uint64_t len)
{
	(void)arg;
	memset((void *)(uintptr_t)va, byte, len);
}

static void json_putc(void *arg, char c)
{
	(void)arg;
	boot_putc(c);
}

static uint64_t image_start(void)
{
	return (uintptr_t)boot_port->image_start;
}

static uint64_t image_size(void)
{
	return (uintptr_t)boot_port->image_end - image_start();
}

static void print_totals(void)
{
	struct ft_stats s;

	ft_get_stats(&ctx, &s);
	boot_puts("FT-TOTALS limit=");
	boot_put_dec(s.limit_bytes);
	boot_puts(" allocated=");
	boot_put_dec(s.allocated_bytes);
	boot_puts(" tlb=");
	boot_put_dec(s.tlb_entries);
	boot_puts(" pt_pages=");
	boot_put_dec(s.pt_pages);
	boot_puts(" dense=");
	boot_put_dec(s.dense_bytes);
	boot_puts(" dense_nopdx=");
	boot_put_dec(s.dense_nopdx_bytes);
	boot_putc('\n');
}

void boot_main(const struct boot_arch *arch)
{
	struct ft_ops ops = {0};
	struct bootcost_sparse cost;
	uint64_t t0, used, pool;
	const char *failed, *prefilled;
	int rc;

	boot_console_init(arch);
	boot_puts("FT-STUB ");
	boot_puts(arch->name);
	boot_putc(' ');
	boot_puts(arch->variant);
	boot_putc('\n');
	uint32_t dtb_bytes = dtb_size();
	const void *dtb = (const void *)(uintptr_t)arch->dtb_addr;
	failed = arch->mmu_on(arch->dtb_addr, dtb_bytes);
	if (failed)
		boot_error(failed);
	boot_selftest(arch, dtb);

	struct ft_params params;
	ft_params_for_arch(&params, arch->ft_arch);
	params.pdx_mode = chosen_pdx(dtb);
	rc = ft_init(&ctx, arch->ft_arch, &params, &stub_storage);
	if (rc)
		lib_error("ft_init", rc);
	rc = ft_add_fdt(&ctx, dtb, dtb_bytes);
	if (rc)
		lib_error("ft_add_fdt", rc);
	t0 = bootcost_now();
	rc = ft_plan(&ctx);
	cost.plan = bootcost_now() - t0;
	if (rc)
		lib_error("ft_plan", rc);

	/* The stub's image (page tables inside) and the DTB may sit in
	 * declared RAM; the allocator must not hand them out. */
	ft_bootalloc_init(&ba, ba_storage,
			  sizeof(ba_storage) / sizeof(ba_storage[0]));
	rc = ft_bootalloc_from_ctx(&ba, &ctx);
	if (!rc)
		rc = ft_bootalloc_reserve(&ba, image_start(), image_size());
	if (!rc)
		rc = ft_bootalloc_reserve(&ba, arch->dtb_addr, dtb_bytes);
	if (rc)
		lib_error("ft_bootalloc", rc);
	ops.alloc = ft_bootalloc_hook_alloc;
	ops.free = ft_bootalloc_hook_free;
	ops.alloc_arg = &ba;
	prefill_ops = (struct prefill_ops){
		.map = arch->scratch_map,
		.unmap = arch->scratch_unmap,
		.faults = boot_faults,
		.page_shift = arch->ft_arch->page_shift,
	};
	prefill_init(&pf, &prefill_ops, prefill_storage, STUB_CHUNKS);
	prefill_wrap(&pf, &ops);
	t0 = bootcost_now();
	rc = ft_place(&ctx, &ops);
	cost.place = bootcost_now() - t0;
	if (rc)
		lib_error("ft_place", rc);
	/* Untimed, and before ft_apply: from here on, a byte ft_apply does
	 * not write reads PREFILL_BYTE. */
	prefilled = prefill_fill_all(&pf);

	ops.map = arch->map;
	ops.unmap = arch->unmap;
	ops.map_arg = arch->map_arg;
	ops.fill = fill_hook;
	t0 = bootcost_now();
	rc = ft_apply(&ctx, &ops);
	cost.apply = bootcost_now() - t0;
	if (rc)
		lib_error("ft_apply", rc);

	boot_puts("FT-PLAN-JSON-BEGIN\n");
	ft_plan_write_json(&ctx, json_putc, NULL);
	boot_puts("FT-PLAN-JSON-END\n");
	if (arch->ft_arch->identity) {
		struct ft_pdx_sizes sz;
		ft_pdx_sizes_get(&ctx, &sz);
		boot_puts("FT-PDX-SIZES ");
		ft_pdx_sizes_put(json_putc, NULL, &sz);
		boot_putc('\n');
	}

	if (arch->table_pages) {
		arch->table_pages(&used, &pool);
		boot_puts("page-table pages used by the stub: ");
		boot_put_dec(used);
		boot_puts(" of ");
		boot_put_dec(pool);
		boot_puts(" (identity map included)\n");
	}
	failed = verify_frametable(&ctx);
	if (prefilled)
		failed = prefilled;
	print_totals();
	/* After the checks, so that nothing they do is counted, and before
	 * the verdict; the dense table's memory comes from what the
	 * frametable left in the boot allocator, and is pattern-filled as
	 * the frametable's was, so both builds touch memory QEMU has backed
	 * already. */
	bootcost_report(&ctx, &ba, &cost, &pf);
	if (!failed)
		failed = pf.failed;
	if (failed) {
		boot_puts("FT-RESULT: FAIL ");
		boot_puts(failed);
		boot_putc('\n');
		boot_exit(BOOT_EXIT_FAIL);
	}
	boot_puts("FT-RESULT: PASS\n");
	boot_exit(BOOT_EXIT_PASS);
}
