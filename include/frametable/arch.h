/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What an architecture and its host hypervisor give the library.
 *
 * An architecture is data (struct ft_arch: the frametable's virtual window,
 * the page granule, the translation levels and the mapping sizes it can use)
 * plus a few functions in struct ft_ops. The host hypervisor adds its boot
 * allocator and its fill routine to the same ops. A new architecture is a
 * new folder under arch/ with one ft_arch value and one set of ops;
 * lib/ does not change. docs/porting.md walks through a new port.
 */
#ifndef FRAMETABLE_ARCH_H
#define FRAMETABLE_ARCH_H

#include <frametable/ft_env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FT_MAX_LEVELS	 6
#define FT_MAX_MAP_SIZES 10

/* One kind of translation entry the frametable may be mapped with. */
struct ft_map_size {
	/* Bytes one TLB entry of this kind covers; a power of two. VA and PA
	 * of such an entry are both aligned to it. */
	uint64_t size;
	/* Translation level holding the leaf entries (0 = root level). */
	unsigned level;
	/* 0 for a single page or block entry; N for a contiguous hint that
	 * covers N consecutive entries of size / N (arm64 contiguous bit,
	 * RISC-V Svnapot): N entries in the table, one in the TLB. */
	unsigned contig;
	/* Short label for reports, e.g. "4K", "64K-contig", "2M". */
	const char *name;
};

/* The data half of a port. */
struct ft_arch {
	/* "arm64", "riscv64", "arm-mpu", "sim". */
	const char *name;
	/* Granule or paging mode, e.g. "4k", "sv39"; "" if none. */
	const char *variant;
	/* log2 of the page granule. */
	unsigned page_shift;
	/* Virtual window reserved for the frametable. Ignored when identity. */
	uint64_t window_base;
	uint64_t window_size;
	/* VA == PA (Arm MPU): one contiguous allocation from the first to the
	 * last descriptor; holes cannot be skipped in VA, PDX compression is
	 * the only saving. window_size then caps the table's size (0: none). */
	bool identity;
	/* Translation levels, root first: each level's entries cover
	 * 1 << level_shift[i] bytes. Used to count page-table pages. */
	unsigned nr_levels;
	unsigned level_shift[FT_MAX_LEVELS];
	/* Mapping sizes, ascending; sizes[0] is the page granule. Each size
	 * divides the next one. */
	unsigned nr_sizes;
	struct ft_map_size sizes[FT_MAX_MAP_SIZES];
	/* Identity arch (MPU): the protection regions the frametable's map
	 * may use, 0 for no limit. Each RAM bank takes one, the table one,
	 * and the bank the table is carved from one more (its part above
	 * the table): a map of N banks needs N + 2. A stub sets it from the
	 * CPU (what MPU_TYPE reports less what the stub keeps for itself). */
	unsigned regions;
	/* The host hypervisor's defaults on this arch, used by ft_init()
	 * when it is given no params and by ftplan without --desc-size or
	 * --pa-bits: bytes per descriptor (arm32: Xen's 32-byte page_info)
	 * and the physical address width (LPAE: 40). 0: FT_DEFAULT_DESC_SIZE
	 * and FT_DEFAULT_PA_BITS. */
	uint32_t desc_size;
	unsigned pa_bits;
};

/*
 * The function half: called by ft_place() and ft_apply(), never by the
 * planner, so a plan can be made on any host for any architecture.
 * A hook returns 0 or a negative enum ft_err.
 */
struct ft_ops {
	/* Boot allocator of the host. Called once per chunk by ft_place():
	 * reserve size bytes of RAM at a PA with pa % align == phase (align is
	 * a power of two, at least the page size). Return -FT_ERR_NOMEM when
	 * no such memory is left; the library then retries with a smaller
	 * alignment, down to the page. */
	int (*alloc)(void *arg, uint64_t size, uint64_t align, uint64_t phase,
		     uint64_t *pa);
	/* Give back a range obtained from alloc. Called only to unwind a
	 * failed ft_place() or ft_apply(). May be NULL if the host's
	 * allocator cannot free: the memory then stays reserved. */
	void (*free)(void *arg, uint64_t pa, uint64_t size);
	void *alloc_arg;

	/* Arch page tables: map count entries of the mapping size
	 * arch->sizes[size_class], from va to pa, both aligned to that size;
	 * len == count * size. Called by ft_apply() in increasing VA order.
	 * For an identity arch: one call per chunk, va == pa, size_class 0,
	 * len the whole chunk (an MPU region). */
	int (*map)(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		   unsigned size_class);
	/* Undo a map call with the same va and len. Called only to unwind a
	 * failed ft_apply(); may be NULL for an identity arch. */
	void (*unmap)(void *arg, uint64_t va, uint64_t len,
		      unsigned size_class);
	void *map_arg;

	/* Host memset through the new mapping: set len bytes at va to byte
	 * (0 for descriptors, 0xff for poisoned slack). Called by ft_apply()
	 * once every mapping is in place; a range may span several map
	 * calls (and mapping sizes) of one chunk, never two chunks. */
	void (*fill)(void *arg, uint64_t va, int byte, uint64_t len);
	void *fill_arg;
};

/* Descriptions the library knows on every host, so that the planner can
 * plan for any port: "arm64" (variant "4k", "16k", "64k"), "riscv64"
 * ("sv39", "sv48" with Svnapot 64K; "sv39-nonapot", "sv48-nonapot" for
 * harts without Svnapot), "arm-mpu" (""), "arm32" ("4k": LPAE, Hyp). NULL
 * variant means the default one. Returns NULL for an unknown name. */
const struct ft_arch *ft_arch_find(const char *name, const char *variant);
/* The descriptions themselves, for a caller that wants one by name. */
extern const struct ft_arch ft_arch_arm64_4k, ft_arch_arm64_16k,
	ft_arch_arm64_64k, ft_arch_riscv_sv39, ft_arch_riscv_sv48,
	ft_arch_riscv_sv39_nonapot, ft_arch_riscv_sv48_nonapot, ft_arch_arm_mpu,
	ft_arch_arm32;
/* The i-th known description, NULL past the end: for listing. */
const struct ft_arch *ft_arch_nth(unsigned i);

#ifdef __cplusplus
}
#endif

#endif /* FRAMETABLE_ARCH_H */
