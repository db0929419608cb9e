/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pattern fill (prefill.h). Guest RAM starts zeroed, so a check that
 * descriptors read zero after ft_apply passes whether ft_apply zeroed them
 * or not. Writing PREFILL_BYTE over all the boot allocator handed out,
 * between ft_place and ft_apply, turns that check into one that fails when
 * a byte was skipped.
 *
 * The memory is not mapped yet at that point: each range is mapped for a
 * moment through the port's map hook, filled and unmapped. A load from the
 * first and the last page afterwards must fault: a mapping that survives
 * its unmap (a missing TLB invalidation) would be a stale translation,
 * and the next range mapped at the same VA would be written through it.
 */
#include "prefill.h"
#include "console.h"

#include <string.h>

void prefill_init(struct prefill *pf, const struct prefill_ops *ops,
		  struct ft_bank *storage, unsigned max)
{
	memset(pf, 0, sizeof(*pf));
	pf->ops = ops;
	pf->ranges = storage;
	pf->max = max;
}

static int hook_alloc(void *arg, uint64_t size, uint64_t align, uint64_t phase,
		      uint64_t *pa)
{
	struct prefill *pf = arg;
	int rc = pf->alloc(pf->alloc_arg, size, align, phase, pa);

	if (rc)
		return rc;
	if (pf->nr == pf->max)
		pf->overflow = true;
	else
		pf->ranges[pf->nr++] = (struct ft_bank){*pa, size};
	return 0;
}

static void hook_free(void *arg, uint64_t pa, uint64_t size)
{
	struct prefill *pf = arg;

	for (unsigned i = 0; i < pf->nr; i++) {
		if (pf->ranges[i].base == pa && pf->ranges[i].size == size) {
			pf->ranges[i] = pf->ranges[--pf->nr];
			break;
		}
	}
	if (pf->free)
		pf->free(pf->alloc_arg, pa, size);
}

void prefill_wrap(struct prefill *pf, struct ft_ops *ops)
{
	pf->alloc = ops->alloc;
	pf->free = ops->free;
	pf->alloc_arg = ops->alloc_arg;
	ops->alloc = hook_alloc;
	ops->free = hook_free;
	ops->alloc_arg = pf;
}

static void fail(struct prefill *pf, const char *what, uint64_t where)
{
	if (pf->failed)
		return;
	pf->failed = what;
	boot_puts("FT-CHECK: ");
	boot_puts(what);
	boot_puts(" at ");
	boot_put_hex(where);
	boot_putc('\n');
}

static void probe_unmapped(struct prefill *pf, uint64_t va)
{
	pf->probes++;
	if (pf->ops->faults(va))
		pf->faulted++;
	else
		fail(pf, "scratch mapping readable after its unmap (va)", va);
}

const char *prefill_range(struct prefill *pf, uint64_t pa, uint64_t len)
{
	uint64_t page = UINT64_C(1) << pf->ops->page_shift;
	uint64_t va = pf->ops->map(pa, len);

	if (!va) {
		fail(pf, "pattern fill could not map (pa)", pa);
		return pf->failed;
	}
	memset((void *)(uintptr_t)va, PREFILL_BYTE, len);
	pf->ops->unmap(va, len);
	pf->bytes += len;
	probe_unmapped(pf, va & ~(page - 1));
	if (len > page)
		probe_unmapped(pf, (va + len - 1) & ~(page - 1));
	return pf->failed;
}

const char *prefill_fill_all(struct prefill *pf)
{
	if (pf->overflow)
		fail(pf, "pattern fill: allocations not recorded, count",
		     pf->max);
	for (unsigned i = 0; i < pf->nr; i++)
		prefill_range(pf, pf->ranges[i].base, pf->ranges[i].size);
	boot_puts("pattern 0x");
	boot_putc("0123456789abcdef"[PREFILL_BYTE >> 4]);
	boot_putc("0123456789abcdef"[PREFILL_BYTE & 15]);
	boot_puts(" written over allocated bytes: ");
	boot_put_dec(pf->bytes);
	boot_puts(" in ");
	boot_put_dec(pf->nr);
	boot_puts(" ranges; unmapped again: ");
	boot_put_dec(pf->faulted);
	boot_putc('/');
	boot_put_dec(pf->probes);
	boot_puts(" probes fault\n");
	return pf->failed;
}
