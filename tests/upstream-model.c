/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Model of Xen's upstream Arm sparse frametable, written from its rules, not
 * from its code, and kept apart from lib/ so that the two can be compared.
 *
 * Sources (Xen tree):
 *  - xen/arch/arm/mmu/mm.c, init_frametable() and init_frametable_chunk()
 *    as merged after review: the table starts at the PDX group holding the
 *    first RAM frame; every run of valid PDX groups becomes one chunk that
 *    covers whole groups, except the last run which stops at max_pdx; a
 *    chunk is page rounded, allocated with alloc_boot_pages() aligned to
 *    32 MiB when it is at least 32 MiB, else 2 MiB, and mapped with
 *    map_pages_to_xen(..., PAGE_HYPERVISOR_RW | _PAGE_BLOCK).
 *  - xen/arch/arm/mmu/pt.c, xen_pt_mapping_level() and
 *    xen_pt_check_contig(): at each step the largest block whose VA and PA
 *    are aligned to it and that fits in what is left; 16 such entries get
 *    the contiguous bit when VA and PA are aligned to 16 blocks and 16
 *    blocks are left.
 *  - xen/common/pdx.c, set_pdx_range(): a group is valid when a RAM bank
 *    touches it; PDX_GROUP_COUNT (xen/include/xen/pdx.h) is the level-2
 *    block size over the largest power of two dividing sizeof(page_info).
 *
 * Xen itself only builds the Arm MMU code for a 4K granule. For 16K and 64K
 * the same rules are applied with the granule's own sizes from the arch
 * table (its level-2 block, its contiguous-hint counts), which is what an
 * upstream port would do; the 2 MiB / 32 MiB allocation alignment is kept
 * as written.
 *
 * Where Xen's result depends on luck (which PA alloc_boot_pages() returns,
 * beyond the alignment asked for), the model takes the best case for Xen,
 * so that "no worse than upstream" is a strict promise.
 */
#include "upstream-model.h"

#define MIB ((uint64_t)1 << 20)

/* Xen's thresholds in init_frametable_chunk(). */
#define UPSTREAM_BIG_CHUNK   (32 * MIB)
#define UPSTREAM_BIG_ALIGN   (32 * MIB)
#define UPSTREAM_SMALL_ALIGN (2 * MIB)

static bool is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

uint64_t upstream_group_frames(const struct ft_arch *arch, uint32_t desc_size)
{
	uint64_t l2 = 0, low;
	unsigned i;

	if (!arch || desc_size == 0 || arch->nr_levels < 2)
		return 0;
	/* Xen's PDX_GROUP_SHIFT is SECOND_SHIFT: the block one level above
	 * the page, i.e. the second-last translation level. */
	for (i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *s = &arch->sizes[i];

		if (s->contig == 0 && s->level == arch->nr_levels - 2)
			l2 = s->size;
	}
	if (!is_pow2(l2))
		return 0;
	low = (uint64_t)desc_size & -(uint64_t)desc_size;
	if (low > l2)
		return 0;
	return l2 / low;
}

/* The contiguous-hint entry built from entries of size base, or NULL. */
static const struct ft_map_size *contig_of(const struct ft_arch *arch,
					   uint64_t base)
{
	unsigned i;

	for (i = 0; i < arch->nr_sizes; i++) {
		const struct ft_map_size *s = &arch->sizes[i];

		if (s->contig && s->size / s->contig == base)
			return s;
	}
	return NULL;
}

uint64_t upstream_map_tlb(const struct ft_arch *arch, uint64_t va, uint64_t pa,
			  uint64_t len)
{
	uint64_t page = (uint64_t)1 << arch->page_shift;
	uint64_t tlb = 0;

	if ((va | pa | len) & (page - 1))
		return UINT64_MAX;
	/*
	 * Walking entry by entry would cost len / page steps per PA tried;
	 * instead take at once every step up to the next VA where the choice
	 * can change: a larger size (or this size's contiguous run) becoming
	 * aligned in both VA and PA, or what is left running short.
	 */
	while (len) {
		const struct ft_map_size *c;
		uint64_t base = 0, step, n, dist = UINT64_MAX;
		bool use_c;
		unsigned i;

		for (i = 0; i < arch->nr_sizes; i++) {
			const struct ft_map_size *s = &arch->sizes[i];

			if (!s->contig && s->size <= len && s->size > base &&
			    !((va | pa) & (s->size - 1)))
				base = s->size;
		}
		if (!base)
			return UINT64_MAX;
		c = contig_of(arch, base);
		use_c = c && c->size <= len && !((va | pa) & (c->size - 1));
		step = use_c ? c->size : base;

		for (i = 0; i < arch->nr_sizes; i++) {
			const struct ft_map_size *s = &arch->sizes[i];
			uint64_t z = s->size;

			/* Other contiguous runs need their own base first,
			 * whose boundary is counted as a plain size. */
			if (s->contig && s != c)
				continue;
			if (z <= step || z > len)
				continue;
			/* VA and PA move together: a size they disagree on
			 * modulo itself never becomes usable. */
			if ((va - pa) & (z - 1))
				continue;
			if (z - (va & (z - 1)) < dist)
				dist = z - (va & (z - 1));
		}
		n = len / step;
		if (dist != UINT64_MAX && dist / step < n)
			n = dist / step;
		tlb += n;
		va += n * step;
		pa += n * step;
		len -= n * step;
	}
	return tlb;
}

uint64_t upstream_chunk_tlb(const struct ft_arch *arch, uint64_t va,
			    uint64_t len, uint64_t align, uint64_t *best_phase)
{
	uint64_t mod = 0, best = UINT64_MAX, phase = 0, k;
	unsigned i;

	/* A size larger than the chunk can never be used, so the PA only
	 * matters modulo the largest size that fits. */
	for (i = 0; i < arch->nr_sizes; i++)
		if (arch->sizes[i].size <= len && arch->sizes[i].size > mod)
			mod = arch->sizes[i].size;
	if (!mod || !is_pow2(align))
		return UINT64_MAX;
	if (align >= mod) {
		best = upstream_map_tlb(arch, va, 0, len);
	} else {
		for (k = 0; k < mod; k += align) {
			uint64_t t = upstream_map_tlb(arch, va, k, len);

			if (t < best) {
				best = t;
				phase = k;
			}
		}
	}
	if (best_phase)
		*best_phase = phase;
	return best;
}

struct model_state {
	const struct ft_arch *arch;
	uint64_t desc_size, group, base_pdx, window_base;
	struct upstream_chunk *chunks;
	unsigned max_chunks;
	struct upstream_figures *out;
};

static int emit_chunk(struct model_state *m, uint64_t pdx_s, uint64_t pdx_e)
{
	uint64_t page = (uint64_t)1 << m->arch->page_shift;
	struct upstream_chunk ch;

	ch.pdx_start = pdx_s;
	ch.pdx_end = pdx_e;
	ch.va = m->window_base + (pdx_s - m->base_pdx) * m->desc_size;
	ch.bytes = ((pdx_e - pdx_s) * m->desc_size + page - 1) & ~(page - 1);
	ch.pa_align = ch.bytes >= UPSTREAM_BIG_CHUNK ? UPSTREAM_BIG_ALIGN
						     : UPSTREAM_SMALL_ALIGN;
	/* Xen's alignment assumes 4K pages; it is never below a page. */
	if (ch.pa_align < page)
		ch.pa_align = page;
	ch.tlb_entries = upstream_chunk_tlb(m->arch, ch.va, ch.bytes,
					    ch.pa_align, &ch.pa_phase);
	if (ch.tlb_entries == UINT64_MAX)
		return -FT_ERR_BADPARAM;
	if (m->chunks && m->out->nr_chunks < m->max_chunks)
		m->chunks[m->out->nr_chunks] = ch;
	m->out->nr_chunks++;
	m->out->bytes += ch.bytes;
	m->out->tlb_entries += ch.tlb_entries;
	return 0;
}

int upstream_model_chunks(const struct ft_bank *banks, unsigned nr,
			  const struct ft_pdx *pdx, const struct ft_arch *arch,
			  uint32_t desc_size, uint64_t window_base,
			  struct upstream_chunk *chunks, unsigned max_chunks,
			  struct upstream_figures *out)
{
	struct model_state m;
	uint64_t run_s = 0, run_e = 0, prev_end = 0, prev_pdx = 0;
	unsigned ps, i;
	int rc;

	if (!out || !arch || !pdx)
		return -FT_ERR_BADPARAM;
	out->bytes = out->tlb_entries = out->nr_chunks = 0;
	out->base_pdx = out->max_pdx = 0;
	out->group_frames = upstream_group_frames(arch, desc_size);
	if (!out->group_frames)
		return -FT_ERR_BADPARAM;
	if (!nr || !banks)
		return -FT_ERR_NOBANKS;
	ps = arch->page_shift;

	m.arch = arch;
	m.desc_size = desc_size;
	m.group = out->group_frames;
	m.window_base = window_base;
	m.chunks = chunks;
	m.max_chunks = max_chunks;
	m.out = out;

	/*
	 * The translation keeps each bank contiguous and is monotonic, so a
	 * bank's valid groups are those between the groups of its first and
	 * last frames, and the runs come out in order: no need to visit the
	 * frames, nor to build a bitmap.
	 */
	for (i = 0; i < nr; i++) {
		uint64_t first, last, p0, p1, g0, g1;

		if (banks[i].size == 0)
			return -FT_ERR_BANK_ZERO;
		if (banks[i].base + banks[i].size < banks[i].base)
			return -FT_ERR_BADPARAM;
		if (i && banks[i].base < prev_end)
			return -FT_ERR_BANK_OVERLAP;
		prev_end = banks[i].base + banks[i].size;
		first = banks[i].base >> ps;
		last = (banks[i].base + banks[i].size - 1) >> ps;
		p0 = ft_pfn_to_pdx(pdx, first);
		p1 = ft_pfn_to_pdx(pdx, last);
		/* p0 == prev_pdx is fine: 4K-aligned banks may share a page
		 * of a 16K or 64K granule. */
		if (p1 < p0 || (i && p0 < prev_pdx))
			return -FT_ERR_BANK_OVERLAP;
		prev_pdx = p1;
		g0 = p0 / m.group;
		g1 = p1 / m.group + 1;
		if (i == 0) {
			m.base_pdx = g0 * m.group;
			out->base_pdx = m.base_pdx;
			run_s = g0;
			run_e = g1;
			continue;
		}
		if (g0 <= run_e) {
			if (g1 > run_e)
				run_e = g1;
			continue;
		}
		rc = emit_chunk(&m, run_s * m.group, run_e * m.group);
		if (rc)
			return rc;
		run_s = g0;
		run_e = g1;
	}
	out->max_pdx = prev_pdx + 1;
	/* Xen's last chunk stops at max_pdx, not at its group's end. */
	return emit_chunk(&m, run_s * m.group, out->max_pdx);
}

int upstream_model(const struct ft_bank *banks, unsigned nr,
		   const struct ft_pdx *pdx, const struct ft_arch *arch,
		   uint32_t desc_size, uint64_t window_base,
		   struct upstream_figures *out)
{
	return upstream_model_chunks(banks, nr, pdx, arch, desc_size,
				     window_base, NULL, 0, out);
}
