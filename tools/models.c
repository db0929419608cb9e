/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Models of the frametable layouts a user would otherwise pick, for
 * tools/ftbench.c. Written from the rules of each source, not from its
 * code; the facts and where they come from:
 *
 * Xen's mask PDX compression (model_xen_mask_pdx), Xen tree
 * (xen-project/xen) at the parent of commit 10d417b8b6 (the last tree
 * before sparse frametables on Arm):
 *  - xen/common/pdx.c, pdx_init_mask(), pdx_region_mask() and
 *    pfn_pdx_compression_setup(): the mask of bits that may be one starts
 *    with the low MAX_ORDER bits of the PFN (pdx_init_mask(0) on Arm, so
 *    they are never compressed), then ORs in each bank's base PFN and all
 *    bits below the highest bit that moves inside the bank; the hole is
 *    the longest run of zero bits above bit MAX_ORDER - 1 that has a one
 *    bit above it (the first one found wins ties).
 *  - xen/arch/arm/setup.c, init_pdx(): every RAM bank is a range;
 *    xen/arch/arm/include/asm/config.h: CONFIG_PAGEALLOC_MAX_ORDER 18;
 *    xen/common/Kconfig: mask compression is the default on Arm.
 *
 * (a) Dense (model_dense), same tree:
 *  - xen/arch/arm/mmu/mm.c, setup_frametable_mappings(ram_start, ram_end):
 *    nr_pdxs = pdx(last frame) - pdx(first frame) + 1; panic if nr_pdxs *
 *    sizeof(page_info) > FRAMETABLE_SIZE (32 GiB on arm64,
 *    xen/arch/arm/include/asm/mmu/layout.h); the size is rounded up to
 *    2 MiB, or 32 MiB when the unrounded size is at least 32 MiB; the PA is
 *    alloc_boot_pages(..., 32 MiB alignment); mapped at
 *    FRAMETABLE_VIRT_START with map_pages_to_xen(..., _PAGE_BLOCK).
 *  - xen/arch/arm/mmu/pt.c, xen_pt_mapping_level() and
 *    xen_pt_check_contig(): at each step the largest block (1G, 2M, else
 *    4K) whose VA and PA are aligned to it and that fits in what is left;
 *    16 such entries get the contiguous bit when VA and PA are aligned to
 *    16 entries and 16 entries are left.
 *  - xen/arch/arm/mpu/mm.c, setup_frametable_mappings(): on the MPU the
 *    table is page rounded, page aligned and covered by one region.
 *  As in tests/upstream-model.c, the PA is the best case for Xen among the
 *  addresses its alignment allows, and the 16K / 64K rows apply the same
 *  rules with the granule's own block and contiguous sizes.
 *
 * (a') Dense on RISC-V (model_xen_riscv_dense), xen-project/xen master of
 *  2026-08-20 (c447b7308b):
 *  - xen/arch/riscv/mm.c, setup_mm(): ram_start and ram_end are the
 *    lowest bank start and highest bank end, page aligned inwards;
 *    set_pdx_range() only, no compression: frame_table is indexed by
 *    mfn - PFN_DOWN(ram_start).
 *  - setup_frametable_mappings(ps, pe): PFN_DOWN(pe - ps) descriptors;
 *    panic if larger than FRAMETABLE_SIZE; the size is rounded up to
 *    2 MiB and alloc_boot_pages() aligns the PA to 2 MiB;
 *    map_pages_to_xen(FRAMETABLE_VIRT_START, ...).
 *  - xen/arch/riscv/include/asm/config.h: the window is
 *    (DIRECTMAP_SIZE / SLOTN(1)) / (PAGE_SIZE / sizeof(page_info)) + 1
 *    root-level slots, the direct map being slots 200..509; the window
 *    starts on a slot boundary, one unused slot below the direct map.
 *  - xen/arch/riscv/pt.c, pt_mapping_level(): the largest level whose
 *    size the VA and MFN are both aligned to; no Svnapot.
 *  The PA is the best case for Xen among its 2 MiB aligned choices.
 *
 * (b) Xen upstream's sparse frametable (model_upstream): tests/upstream-
 *  model.c (xen/arch/arm/mmu/mm.c init_frametable() as merged in
 *  10d417b8b6), linked as is; only its page-table pages are counted here,
 *  by walking its chunks at the PA it chose with the rule of (a), and the
 *  walk's TLB count is checked against the model's.
 *
 * (c) Linux SPARSEMEM_VMEMMAP (model_vmemmap), torvalds/linux 6.x:
 *  - arch/arm64/include/asm/sparsemem.h and
 *    arch/riscv/include/asm/sparsemem.h: SECTION_SIZE_BITS 27 (128 MiB).
 *  - mm/sparse.c, sparse_init(): every section holding any memblock
 *    memory is present and gets the struct pages of the whole section
 *    (PAGES_PER_SECTION of them), populated by vmemmap_populate().
 *  - arch/arm64/mm/mmu.c, vmemmap_populate(): with 4K pages,
 *    vmemmap_populate_hugepages(); vmemmap_populate_basepages() is used
 *    only for other granules or, since 2025, for a range smaller than a
 *    whole section's struct pages (sub-section hotplug), never for the
 *    whole sections populated at boot. arch/riscv/mm/init.c: rv64 with 3+
 *    levels uses vmemmap_populate_hugepages() too.
 *  - mm/sparse-vmemmap.c, vmemmap_populate_hugepages(): every PMD the
 *    range touches that is still empty gets a whole 2 MiB block
 *    (vmemmap_alloc_block_buf(PMD_SIZE)); one already populated by a
 *    neighbouring section is reused. No contiguous bit.
 *  - arch/arm64/include/asm/kernel-pgtable.h: vmemmap is indexed by
 *    pfn - memstart_addr / PAGE_SIZE, memstart_addr rounded down to
 *    ARM64_MEMSTART_ALIGN (1 GiB with 4K pages); RISC-V indexes from
 *    phys_ram_base, the first RAM address.
 *  Linux's struct page is 64 bytes; the model uses the benchmark's
 *  descriptor size (56 bytes, Xen's page_info) to compare like for like.
 *  With 64 bytes a section's struct pages fill exactly one PMD; with 56
 *  they take 1.75 MiB and neighbouring sections share PMDs.
 */
#include "models.h"
#include "upstream-model.h"

#include <stdlib.h>
#include <string.h>

#define MIB ((uint64_t)1 << 20)

/* Xen's thresholds in setup_frametable_mappings(). */
#define XEN_DENSE_BIG	(32 * MIB)
#define XEN_DENSE_ALIGN (32 * MIB)
#define XEN_DENSE_SMALL (2 * MIB)

/* Linux: SECTION_SIZE_BITS, PMD_SIZE with 4K pages, ARM64_MEMSTART_ALIGN
 * with 4K pages. */
#define LINUX_SECTION_BITS   27
#define LINUX_PMD_SIZE	     (2 * MIB)
#define LINUX_ARM64_MEMSTART ((uint64_t)1 << 30)

/* All bits at and below the highest set bit of x (Xen's fill_mask). */
static uint64_t fill_mask(uint64_t x)
{
	unsigned top;

	if (!x)
		return 0;
	top = ft_msb64(x);
	return top == 63 ? UINT64_MAX : ((uint64_t)1 << (top + 1)) - 1;
}

int model_xen_mask_pdx(struct ft_pdx *pdx, const struct ft_bank *banks,
		       unsigned nr, unsigned page_shift)
{
	uint64_t mask = ((uint64_t)1 << MODEL_XEN_ARM_MAX_ORDER) - 1;
	unsigned i, j, bottom = 0, hole = 0;

	if (!nr)
		return -FT_ERR_NOBANKS;
	for (i = 0; i < nr; i++) {
		uint64_t first = banks[i].base >> page_shift;
		uint64_t pages = banks[i].size >> page_shift;

		if (!pages)
			return -FT_ERR_BANK_ZERO;
		mask |= first | fill_mask(first ^ (first + pages - 1));
	}
	/* Runs of zeros above bit MAX_ORDER - 1 that have a one above. */
	for (j = MODEL_XEN_ARM_MAX_ORDER - 1;;) {
		for (i = j + 1; i < 64 && (mask >> i) & 1; i++)
			;
		if (i >= 64)
			break;
		for (j = i + 1; j < 64 && !((mask >> j) & 1); j++)
			;
		if (j >= 64)
			break;
		if (j - i > hole) {
			hole = j - i;
			bottom = i;
		}
	}
	memset(pdx, 0, sizeof(*pdx));
	pdx->mode = FT_PDX_MASK;
	pdx->hole_shift = bottom;
	pdx->hole_bits = hole;
	pdx->low_mask = hole ? ((uint64_t)1 << bottom) - 1 : 0;
	return 0;
}

/* ---- page-table pages: tables below the root, leaves in VA order ---- */

struct pt_count {
	const struct ft_arch *arch;
	uint64_t last[FT_MAX_LEVELS];
	bool seen[FT_MAX_LEVELS];
	uint64_t pages;
};

static void pt_init(struct pt_count *c, const struct ft_arch *arch)
{
	memset(c, 0, sizeof(*c));
	c->arch = arch;
}

/* Leaves at level covering [va, va + len): a table at each level 1..level,
 * the one an entry of the level above points to. */
static void pt_add(struct pt_count *c, uint64_t va, uint64_t len,
		   unsigned level)
{
	const struct ft_arch *a = c->arch;
	unsigned k;

	for (k = 1; k <= level && k < a->nr_levels; k++) {
		unsigned sh = a->level_shift[k - 1];
		uint64_t lo = va >> sh, hi = (va + len - 1) >> sh;

		if (c->seen[k] && c->last[k] >= lo)
			lo = c->last[k] + 1;
		if (hi >= lo)
			c->pages += hi - lo + 1;
		if (!c->seen[k] || hi > c->last[k])
			c->last[k] = hi;
		c->seen[k] = true;
	}
}

/* The contiguous-hint size built from entries of base bytes, or NULL. */
static const struct ft_map_size *contig_of(const struct ft_arch *arch,
					   uint64_t base)
{
	unsigned i;

	for (i = 0; i < arch->nr_sizes; i++)
		if (arch->sizes[i].contig &&
		    arch->sizes[i].size / arch->sizes[i].contig == base)
			return &arch->sizes[i];
	return NULL;
}

/*
 * map_pages_to_xen(va, pa, len, _PAGE_BLOCK): TLB entries, page-table
 * pages into pt. Steps of equal entries are taken at once, up to the next
 * VA where a larger size could become aligned (VA and PA move together).
 */
static uint64_t xen_map(const struct ft_arch *arch, uint64_t va, uint64_t pa,
			uint64_t len, struct pt_count *pt)
{
	uint64_t page = (uint64_t)1 << arch->page_shift, tlb = 0;

	if ((va | pa | len) & (page - 1))
		return UINT64_MAX;
	while (len) {
		const struct ft_map_size *base = NULL, *c, *use;
		uint64_t n, dist = UINT64_MAX;
		unsigned i;

		for (i = 0; i < arch->nr_sizes; i++) {
			const struct ft_map_size *s = &arch->sizes[i];

			if (!s->contig && s->size <= len &&
			    !((va | pa) & (s->size - 1)) &&
			    (!base || s->size > base->size))
				base = s;
		}
		if (!base)
			return UINT64_MAX;
		c = contig_of(arch, base->size);
		use = c && c->size <= len && !((va | pa) & (c->size - 1))
			      ? c
			      : base;
		for (i = 0; i < arch->nr_sizes; i++) {
			uint64_t z = arch->sizes[i].size;

			if (z <= use->size || z > len || ((va - pa) & (z - 1)))
				continue;
			if (z - (va & (z - 1)) < dist)
				dist = z - (va & (z - 1));
		}
		n = len / use->size;
		if (dist != UINT64_MAX && dist / use->size < n)
			n = dist / use->size;
		pt_add(pt, va, n * use->size, use->level);
		tlb += n;
		va += n * use->size;
		pa += n * use->size;
		len -= n * use->size;
	}
	return tlb;
}

static bool is_arch(const struct ft_arch *a, const char *name,
		    const char *variant)
{
	return !strcmp(a->name, name) &&
	       (!variant || !strcmp(a->variant, variant));
}

/* ---- (a) dense ---- */

int model_dense(const struct ft_bank *banks, unsigned nr,
		const struct ft_pdx *pdx, const struct ft_arch *arch,
		uint32_t desc_size, struct model_figures *out)
{
	unsigned ps = arch->page_shift;
	uint64_t page = (uint64_t)1 << ps;
	uint64_t first, last, nr_pdxs, size, round, phase = 0, tlb;
	struct pt_count pt;

	memset(out, 0, sizeof(*out));
	if (!nr || !desc_size)
		return -FT_ERR_BADPARAM;
	first = ft_pfn_to_pdx(pdx, banks[0].base >> ps);
	last = ft_pfn_to_pdx(
		pdx, ((banks[nr - 1].base + banks[nr - 1].size) >> ps) - 1);
	nr_pdxs = last - first + 1;
	if (nr_pdxs > UINT64_MAX / 2 / desc_size)
		return -FT_ERR_WINDOW;
	size = nr_pdxs * desc_size;
	out->applies = true;
	out->chunks = 1;
	if (arch->identity) {
		/* Xen MPU: page rounded, one region, no page tables. */
		out->bytes = (size + page - 1) & ~(page - 1);
		out->fits = !arch->window_size || size <= arch->window_size;
		out->tlb_entries = 1;
		return 0;
	}
	out->fits = size <= arch->window_size;
	round = size < XEN_DENSE_BIG ? XEN_DENSE_SMALL : XEN_DENSE_BIG;
	if (round < page)
		round = page;
	out->bytes = (size + round - 1) & ~(round - 1);
	tlb = upstream_chunk_tlb(
		arch, arch->window_base, out->bytes,
		XEN_DENSE_ALIGN < page ? page : XEN_DENSE_ALIGN, &phase);
	pt_init(&pt, arch);
	out->tlb_entries =
		xen_map(arch, arch->window_base, phase, out->bytes, &pt);
	if (out->tlb_entries != tlb)
		return -FT_ERR_BADPARAM; /* the two walks disagree */
	out->pt_pages = pt.pages;
	return 0;
}

/* ---- (a') dense, Xen's RISC-V port ---- */

/* config.h: DIRECTMAP_SLOT_START, DIRECTMAP_SLOT_END. */
#define XEN_RV_DIRECTMAP_FIRST_SLOT 200
#define XEN_RV_DIRECTMAP_SLOTS	    (509 + 1 - XEN_RV_DIRECTMAP_FIRST_SLOT)
#define XEN_RV_FRAMETABLE_ALIGN	    (2 * MIB)

int model_xen_riscv_dense(const struct ft_bank *banks, unsigned nr,
			  const struct ft_arch *arch, uint32_t desc_size,
			  struct model_figures *out)
{
	uint64_t page = (uint64_t)1 << arch->page_shift, slot, slots, va;
	uint64_t ps, pe, size, phase = 0, tlb;
	struct ft_arch plain = *arch;
	struct pt_count pt;
	unsigned i;

	memset(out, 0, sizeof(*out));
	if (!is_arch(arch, "riscv64", NULL))
		return 0;
	if (!nr || !desc_size || desc_size > page)
		return -FT_ERR_BADPARAM;
	ps = (banks[0].base + page - 1) & ~(page - 1);
	pe = (banks[nr - 1].base + banks[nr - 1].size) & ~(page - 1);
	if ((pe - ps) / page > UINT64_MAX / 2 / desc_size)
		return -FT_ERR_WINDOW;
	size = (pe - ps) / page * desc_size;
	slot = (uint64_t)1 << arch->level_shift[0];
	slots = XEN_RV_DIRECTMAP_SLOTS / (page / desc_size) + 1;
	va = (XEN_RV_DIRECTMAP_FIRST_SLOT - slots - 1) * slot;
	out->applies = true;
	out->chunks = 1;
	out->fits = size <= slots * slot;
	out->bytes = (size + XEN_RV_FRAMETABLE_ALIGN - 1) &
		     ~(XEN_RV_FRAMETABLE_ALIGN - 1);
	/* map_pages_to_xen() knows no Svnapot: the arch without its
	 * contiguous (NAPOT) sizes. */
	plain.nr_sizes = 0;
	for (i = 0; i < arch->nr_sizes; i++)
		if (!arch->sizes[i].contig)
			plain.sizes[plain.nr_sizes++] = arch->sizes[i];
	tlb = upstream_chunk_tlb(&plain, va, out->bytes,
				 XEN_RV_FRAMETABLE_ALIGN, &phase);
	pt_init(&pt, &plain);
	out->tlb_entries = xen_map(&plain, va, phase, out->bytes, &pt);
	if (out->tlb_entries != tlb)
		return -FT_ERR_BADPARAM; /* the two walks disagree */
	out->pt_pages = pt.pages;
	return 0;
}

/* ---- (b) upstream ---- */

int model_upstream(const struct ft_bank *banks, unsigned nr,
		   const struct ft_pdx *pdx, const struct ft_arch *arch,
		   uint32_t desc_size, struct model_figures *out)
{
	struct upstream_figures up;
	struct upstream_chunk *ch;
	struct pt_count pt;
	unsigned i;
	int rc;

	memset(out, 0, sizeof(*out));
	/* Xen's Arm MMU code: arm64, and arm32 (LPAE), whose setup_mm the
	 * sparse patch changes too. */
	if (arch->identity ||
	    (strcmp(arch->name, "arm64") && strcmp(arch->name, "arm32")))
		return 0;
	ch = calloc(nr ? nr : 1, sizeof(*ch));
	if (!ch)
		return -FT_ERR_NOMEM;
	rc = upstream_model_chunks(banks, nr, pdx, arch, desc_size,
				   arch->window_base, ch, nr, &up);
	if (rc || up.nr_chunks > nr) {
		free(ch);
		return rc ? rc : -FT_ERR_TOOMANYCHUNKS;
	}
	pt_init(&pt, arch);
	for (i = 0; i < up.nr_chunks; i++) {
		uint64_t t = xen_map(arch, ch[i].va, ch[i].pa_phase,
				     ch[i].bytes, &pt);

		if (t != ch[i].tlb_entries) {
			free(ch);
			return -FT_ERR_BADPARAM; /* the two walks disagree */
		}
	}
	free(ch);
	out->applies = true;
	/* init_frametable(): panic("Frametable too small"). */
	out->fits = up.max_pdx - up.base_pdx <= arch->window_size / desc_size;
	out->bytes = up.bytes;
	out->tlb_entries = up.tlb_entries;
	out->pt_pages = pt.pages;
	out->chunks = up.nr_chunks;
	return 0;
}

/* ---- (c) Linux vmemmap ---- */

int model_vmemmap(const struct ft_bank *banks, unsigned nr,
		  const struct ft_arch *arch, uint32_t desc_size,
		  struct model_figures *out)
{
	const struct ft_map_size *pmd = NULL;
	unsigned ps = arch->page_shift, sec_shift, i;
	uint64_t base_pfn, last_sec = 0, last_pmd = 0, va0;
	bool have_sec = false, have_pmd = false;
	struct pt_count pt;

	memset(out, 0, sizeof(*out));
	if (!is_arch(arch, "arm64", "4k") && !is_arch(arch, "riscv64", "sv39"))
		return 0;
	for (i = 0; i < arch->nr_sizes; i++)
		if (!arch->sizes[i].contig &&
		    arch->sizes[i].size == LINUX_PMD_SIZE)
			pmd = &arch->sizes[i];
	if (!pmd || !nr || !desc_size)
		return -FT_ERR_BADPARAM;
	sec_shift = LINUX_SECTION_BITS - ps;
	base_pfn = is_arch(arch, "arm64", NULL)
			   ? (banks[0].base & ~(LINUX_ARM64_MEMSTART - 1)) >> ps
			   : banks[0].base >> ps;
	/* VMEMMAP_START stands at the arch's window base (both are aligned
	 * far beyond a PMD); vmemmap[pfn] is at va0 + pfn * desc_size, in
	 * modular arithmetic as in the kernel. */
	va0 = arch->window_base - base_pfn * desc_size;
	pt_init(&pt, arch);
	for (i = 0; i < nr; i++) {
		uint64_t s0 = (banks[i].base >> ps) >> sec_shift;
		uint64_t s1 = ((banks[i].base + banks[i].size - 1) >> ps) >>
			      sec_shift;
		uint64_t s;

		if (have_sec && s0 <= last_sec)
			s0 = last_sec + 1;
		for (s = s0; s <= s1; s++) {
			uint64_t vs = va0 + (s << sec_shift) * desc_size;
			uint64_t ve =
				vs + ((uint64_t)1 << sec_shift) * desc_size;
			uint64_t p0 = vs / LINUX_PMD_SIZE;
			uint64_t p1 = (ve - 1) / LINUX_PMD_SIZE;

			if (have_pmd && p0 <= last_pmd)
				p0 = last_pmd + 1;
			if (p1 >= p0) {
				uint64_t n = p1 - p0 + 1;

				pt_add(&pt, p0 * LINUX_PMD_SIZE,
				       n * LINUX_PMD_SIZE, pmd->level);
				out->bytes += n * LINUX_PMD_SIZE;
				out->tlb_entries += n;
				last_pmd = p1;
				have_pmd = true;
			}
			last_sec = s;
			have_sec = true;
		}
	}
	out->applies = true;
	out->fits = true;
	out->pt_pages = pt.pages;
	out->chunks = out->tlb_entries; /* one allocation per PMD block */
	return 0;
}
