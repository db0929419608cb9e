/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm64 boot stub: runs the library at EL2 in QEMU virt on the board
 * DTB that the command line loads raw at 0x44000000, then checks the
 * frametable on the real MMU. docs/arm64.md has the memory layout, the
 * command lines and the output.
 *
 * The MMU goes on first, over an identity map of the image, the UART and
 * the DTB: with it off every data access is Device memory, where the
 * unaligned and DC ZVA accesses of picolibc's string routines (and so of
 * libfdt) would fault.
 *
 * Between ft_place and ft_apply, prefill.c writes a pattern over all the
 * memory the boot allocator handed out, so that the checks' "reads zero"
 * means ft_apply zeroed it (guest RAM starts zeroed).
 *
 * ft_plan, ft_place and ft_apply are timed with the counter; after the
 * checks, bootcost.c builds and times the dense layout for comparison.
 *
 * Exit status: 0 all checks passed, 1 a check failed, 2 the library or the
 * set-up refused the board (nothing of the frametable is mapped), 3 an
 * unexpected exception (fault.c).
 */
#include "bootcost.h"
#include "fault.h"
#include "prefill.h"
#include "pt.h"
#include "semihost.h"
#include "sysreg.h"
#include "uart.h"
#include "verify.h"

#include <frametable/bootalloc.h>
#include <frametable/frametable.h>
#include <planjson.h>
#include <string.h>

#define STUB_DTB_ADDR UINT64_C(0x44000000)
/* Guest RAM past the DTB's address that the stub may map for it. */
#define STUB_DTB_MAX (UINT64_C(64) << 20)
#define FDT_MAGIC_BE 0xd00dfeedu

#define EXIT_PASS  0
#define EXIT_FAIL  1
#define EXIT_ERROR 2

#define STUB_BANKS    256
#define STUB_RESERVED 256
#define STUB_CHUNKS   1024
/* One bit per group of the 32 GiB window at the finest order of any
 * granule (order 9 under 4K with 56-byte descriptors), plus slack for a
 * bitmap that starts mid-word. */
#define STUB_GROUP_BITS	 ((UINT64_C(32) << 30) / 56 / 512)
#define STUB_GROUP_WORDS (STUB_GROUP_BITS / FT_WORD_BITS + 2)

FT_STORAGE_DEFINE(stub, STUB_BANKS, STUB_RESERVED, STUB_CHUNKS,
		  STUB_GROUP_WORDS);

static struct ft_ctx ctx;
/* Every bank, reservation and chunk splits at most one free range. */
static struct ft_bank ba_storage[STUB_BANKS + STUB_RESERVED + STUB_CHUNKS + 4];
static struct ft_bootalloc ba;
/* What the allocator handed out: one range per chunk. */
static struct ft_bank prefill_storage[STUB_CHUNKS];
static struct prefill pf;
static const struct prefill_ops prefill_ops = {
	.map = pt_scratch_map,
	.unmap = pt_unmap_range,
	.faults = fault_probe_faults,
	.page_shift = FT_ARM64_PAGE_SHIFT,
};

extern char __image_start[], _end[];

void stub_main(void);
void stub_wrong_el(void);

static __attribute__((noreturn)) void stub_exit(unsigned code)
{
	semihost_exit(code);
}

static __attribute__((noreturn)) void setup_error(const char *what)
{
	uart_puts("FT-ERROR: ");
	uart_puts(what);
	uart_putc('\n');
	stub_exit(EXIT_ERROR);
}

static void put_range(const char *label, uint64_t base, uint64_t size)
{
	uart_puts(label);
	uart_puts(" base=");
	uart_put_hex(base);
	uart_puts(" size=");
	uart_put_hex(size);
}

/* "FT-ERROR: <name>: <culprit from ctx->err> (<call>)", exit 2. */
static __attribute__((noreturn)) void lib_error(const char *call, int rc)
{
	const struct ft_error_info *e = &ctx.err;

	uart_puts("FT-ERROR: ");
	uart_puts(ft_strerror(rc));
	uart_puts(": ");
	switch (-rc) {
	case FT_ERR_BANK_ZERO:
	case FT_ERR_BANK_UNALIGNED:
	case FT_ERR_BANK_BEYOND_PA:
	case FT_ERR_BANK_WRAPS:
		uart_puts("bank ");
		uart_put_dec((uint64_t)e->index);
		put_range("", e->base, e->size);
		break;
	case FT_ERR_BANK_OVERLAP:
		put_range("bank", e->base, e->size);
		put_range(" overlaps bank", e->base2, e->size2);
		break;
	case FT_ERR_WINDOW:
		uart_puts("need ");
		uart_put_hex(e->need);
		uart_puts(" bytes, window ");
		uart_put_hex(e->have);
		uart_puts(" bytes");
		break;
	case FT_ERR_CHUNK_TOO_BIG:
		uart_puts("chunk of ");
		uart_put_hex(e->need);
		uart_puts(" bytes, largest bank ");
		uart_put_hex(e->have);
		uart_puts(" bytes");
		break;
	case FT_ERR_TOOMANYBANKS:
	case FT_ERR_TOOMANYCHUNKS:
	case FT_ERR_GROUPS_FULL:
		uart_puts("need ");
		uart_put_dec(e->need);
		uart_puts(", storage for ");
		uart_put_dec(e->have);
		break;
	case FT_ERR_NOMEM:
		uart_puts("chunk ");
		uart_put_dec((uint64_t)e->index);
		uart_puts(" needs ");
		uart_put_hex(e->need);
		uart_puts(" bytes");
		break;
	case FT_ERR_FDT_BAD:
	case FT_ERR_FDT_NOMEMORY:
	case FT_ERR_FDT_CELLS:
		uart_puts("DTB at ");
		uart_put_hex(STUB_DTB_ADDR);
		uart_puts(", node offset ");
		uart_put_dec((uint64_t)(int64_t)e->fdt_node);
		break;
	default:
		uart_puts("index ");
		uart_put_dec((uint64_t)(int64_t)e->index);
		break;
	}
	uart_puts(" (");
	uart_puts(call);
	uart_puts(")\n");
	stub_exit(EXIT_ERROR);
}

/* Read with the MMU off: aligned 32-bit loads only. */
static uint32_t be32_at(uint64_t addr)
{
	return __builtin_bswap32(*(volatile uint32_t *)(uintptr_t)addr);
}

static uint32_t dtb_size(void)
{
	if (be32_at(STUB_DTB_ADDR) != FDT_MAGIC_BE)
		setup_error("no DTB at 0x44000000 (QEMU: -device "
			    "loader,file=board.dtb,addr=0x44000000,"
			    "force-raw=on)");
	uint32_t size = be32_at(STUB_DTB_ADDR + 4);
	if (size < 40 || size > STUB_DTB_MAX)
		setup_error("DTB at 0x44000000 has an implausible totalsize");
	return size;
}

static void identity_map(uint32_t dtb_bytes)
{
	uint64_t image = (uintptr_t)__image_start;
	uint64_t image_len = (uintptr_t)_end - image;

	if (pt_init(&FT_ARM64_ARCH))
		setup_error("arm64-desc.c does not match pt.c's granule");
	if (pt_map_range(image, image, image_len, PT_NORMAL_EXEC) ||
	    pt_map_range(FT_ARM64_UART_BASE, FT_ARM64_UART_BASE,
			 FT_ARM64_UART_SIZE, PT_DEVICE) ||
	    pt_map_range(STUB_DTB_ADDR, STUB_DTB_ADDR, dtb_bytes, PT_NORMAL_XN))
		setup_error("identity map of the stub refused");
	if (pt_enable_mmu())
		setup_error("CPU lacks the " FT_ARM64_GRANULE_NAME
			    " granule (QEMU: -cpu max)");
}

static void fill_hook(void *arg, uint64_t va, int byte, uint64_t len)
{
	(void)arg;
	memset((void *)(uintptr_t)va, byte, len);
}

static void json_putc(void *arg, char c)
{
	(void)arg;
	uart_putc(c);
}

static void print_totals(void)
{
	struct ft_stats s;

	ft_get_stats(&ctx, &s);
	uart_puts("FT-TOTALS limit=");
	uart_put_dec(s.limit_bytes);
	uart_puts(" allocated=");
	uart_put_dec(s.allocated_bytes);
	uart_puts(" tlb=");
	uart_put_dec(s.tlb_entries);
	uart_puts(" pt_pages=");
	uart_put_dec(s.pt_pages);
	uart_puts(" dense=");
	uart_put_dec(s.dense_bytes);
	uart_puts(" dense_nopdx=");
	uart_put_dec(s.dense_nopdx_bytes);
	uart_putc('\n');
}

void stub_main(void)
{
	struct ft_ops ops = {0};
	struct bootcost_sparse cost;
	uint64_t t0;
	const void *dtb = (const void *)(uintptr_t)STUB_DTB_ADDR;
	const char *failed, *prefilled;
	int rc;

	uart_puts("FT-STUB arm64 granule=" FT_ARM64_GRANULE_NAME "\n");
	uint32_t dtb_bytes = dtb_size();
	identity_map(dtb_bytes);

	rc = ft_init(&ctx, &FT_ARM64_ARCH, NULL, &stub_storage);
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

	/* The stub's image (page-table pool inside) and the DTB may sit in
	 * declared RAM; the allocator must not hand them out. */
	ft_bootalloc_init(&ba, ba_storage,
			  sizeof(ba_storage) / sizeof(ba_storage[0]));
	rc = ft_bootalloc_from_ctx(&ba, &ctx);
	if (!rc)
		rc = ft_bootalloc_reserve(&ba, (uintptr_t)__image_start,
					  (uintptr_t)_end -
						  (uintptr_t)__image_start);
	if (!rc)
		rc = ft_bootalloc_reserve(&ba, STUB_DTB_ADDR, dtb_bytes);
	if (rc)
		lib_error("ft_bootalloc", rc);
	ops.alloc = ft_bootalloc_hook_alloc;
	ops.free = ft_bootalloc_hook_free;
	ops.alloc_arg = &ba;
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

	ops.map = pt_hook_map;
	ops.unmap = pt_hook_unmap;
	ops.map_arg = (void *)(uintptr_t)&FT_ARM64_ARCH;
	ops.fill = fill_hook;
	t0 = bootcost_now();
	rc = ft_apply(&ctx, &ops);
	cost.apply = bootcost_now() - t0;
	if (rc)
		lib_error("ft_apply", rc);

	uart_puts("FT-PLAN-JSON-BEGIN\n");
	ft_plan_write_json(&ctx, json_putc, NULL);
	uart_puts("FT-PLAN-JSON-END\n");

	uart_puts("page-table pages used by the stub: ");
	uart_put_dec(pt_pages_used());
	uart_puts(" of ");
	uart_put_dec(pt_pool_pages());
	uart_puts(" (identity map included)\n");
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
		uart_puts("FT-RESULT: FAIL ");
		uart_puts(failed);
		uart_putc('\n');
		stub_exit(EXIT_FAIL);
	}
	uart_puts("FT-RESULT: PASS\n");
	stub_exit(EXIT_PASS);
}

void stub_wrong_el(void)
{
	uint64_t el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	uart_puts("FT-ERROR: entered at EL");
	uart_put_dec((el >> 2) & 3);
	uart_puts(", the stub needs EL2 (QEMU: -M virt,virtualization=on)\n");
	stub_exit(EXIT_ERROR);
}
