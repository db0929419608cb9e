/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The closed set of errors. Every function of the library returns 0 or one
 * of these, negated; nothing in lib/ prints. ft_strerror() names them.
 */
#ifndef FRAMETABLE_ERRORS_H
#define FRAMETABLE_ERRORS_H

#ifdef __cplusplus
extern "C" {
#endif

enum ft_err {
	FT_OK = 0,
	/* A parameter is out of its range (descriptor size, group order...). */
	FT_ERR_BADPARAM = 1,
	/* A call came out of order (plan before banks, apply before place). */
	FT_ERR_STATE = 2,
	/* The memory map declares no RAM at all. */
	FT_ERR_NOBANKS = 3,
	/* More banks than the caller's storage holds. */
	FT_ERR_TOOMANYBANKS = 4,
	/* A bank has size zero. */
	FT_ERR_BANK_ZERO = 5,
	/* A bank's start or end is not aligned to the page granule. */
	FT_ERR_BANK_UNALIGNED = 6,
	/* A bank ends beyond the configured physical address width. */
	FT_ERR_BANK_BEYOND_PA = 7,
	/* Two banks overlap. */
	FT_ERR_BANK_OVERLAP = 8,
	/* The requested PDX compression cannot represent this map. */
	FT_ERR_PDX_UNFIT = 9,
	/* The group bitmap storage is too small for the PDX span. */
	FT_ERR_GROUPS_FULL = 10,
	/* More chunks than the caller's storage holds. */
	FT_ERR_TOOMANYCHUNKS = 11,
	/* The frametable does not fit in the arch's virtual window. */
	FT_ERR_WINDOW = 12,
	/* The boot allocator ran dry. */
	FT_ERR_NOMEM = 13,
	/* The arch's map hook refused a mapping. */
	FT_ERR_MAP = 14,
	/* The device tree blob is malformed (header, structure, strings). */
	FT_ERR_FDT_BAD = 15,
	/* The device tree has no /memory node with a usable reg property. */
	FT_ERR_FDT_NOMEMORY = 16,
	/* #address-cells, #size-cells or a reg length is invalid. */
	FT_ERR_FDT_CELLS = 17,
	/* More reserved ranges than the caller's storage holds. */
	FT_ERR_TOOMANYRESERVED = 18,
	/* The arch's virtual window wraps past the top of the address space. */
	FT_ERR_WINDOW_WRAPS = 19,
	/* A chunk of the plan is larger than any bank could hold in one
	 * allocation (the allocator gives each chunk one physical range). */
	FT_ERR_CHUNK_TOO_BIG = 20,
	/* A bank's base + size wraps past 2^64 (its end does not fit in 64
	 * bits, an end of exactly 2^64 included). */
	FT_ERR_BANK_WRAPS = 21,
	/* The valid map storage (st.valid_words) is too small for the plan. */
	FT_ERR_VALIDMAP_FULL = 22,
	/* Identity arch (MPU): covering the banks and the frametable takes
	 * more protection regions than ft_arch.regions allows (err.need the
	 * regions wanted, err.have the regions there are). */
	FT_ERR_REGIONS = 23,
	FT_ERR_COUNT_ /* not an error: one past the last code */
};

/* A short, static, human-readable name of an error code (0 or negative). */
const char *ft_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* FRAMETABLE_ERRORS_H */
