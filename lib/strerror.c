/* SPDX-License-Identifier: BSD-2-Clause */
/* Names of the closed error set of errors.h; nothing else. */
#include <frametable/errors.h>

static const char *const ft_error_names[FT_ERR_COUNT_] = {
	[FT_OK] = "success",
	[FT_ERR_BADPARAM] = "parameter out of range",
	[FT_ERR_STATE] = "call out of order",
	[FT_ERR_NOBANKS] = "no RAM banks",
	[FT_ERR_TOOMANYBANKS] = "too many banks for the storage given",
	[FT_ERR_BANK_ZERO] = "bank of size zero",
	[FT_ERR_BANK_UNALIGNED] = "bank edge not aligned to the page granule",
	[FT_ERR_BANK_BEYOND_PA] = "bank beyond the physical address width",
	[FT_ERR_BANK_OVERLAP] = "banks overlap",
	[FT_ERR_PDX_UNFIT] = "PDX compression cannot represent this map",
	[FT_ERR_GROUPS_FULL] = "group bitmap too small for the PDX span",
	[FT_ERR_TOOMANYCHUNKS] = "too many chunks for the storage given",
	[FT_ERR_WINDOW] = "frametable larger than its virtual window",
	[FT_ERR_NOMEM] = "boot allocator ran dry",
	[FT_ERR_MAP] = "mapping refused by the arch",
	[FT_ERR_FDT_BAD] = "malformed device tree",
	[FT_ERR_FDT_NOMEMORY] = "device tree has no memory node",
	[FT_ERR_FDT_CELLS] = "bad #address-cells, #size-cells or reg length",
	[FT_ERR_TOOMANYRESERVED] =
		"too many reserved ranges for the storage given",
	[FT_ERR_WINDOW_WRAPS] = "virtual window wraps past 2^64",
	[FT_ERR_CHUNK_TOO_BIG] = "a chunk is larger than any bank can hold",
	[FT_ERR_BANK_WRAPS] = "bank wraps past 2^64",
	[FT_ERR_VALIDMAP_FULL] = "valid map too small for the plan",
	[FT_ERR_REGIONS] = "map needs more MPU regions than the CPU has",
};

const char *ft_strerror(int err)
{
	int code = err < 0 ? -err : err;

	if (code >= FT_ERR_COUNT_)
		return "unknown error";
	return ft_error_names[code];
}
