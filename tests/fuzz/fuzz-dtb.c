/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the input is a device tree blob. ft_add_fdt reads it into a
 * bank set (arm64 4K, default parameters); if that works the bank set is
 * planned, placed and applied on the sim arch and every invariant of
 * DESIGN.md is checked (fuzz-common.h). A malformed blob must be rejected
 * with a code of the closed set, leave the context empty and, for
 * FT_ERR_FDT_BAD, say why in ctx->err.detail.
 */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ft_ctx ctx;
	/* libfdt reads the blob with aligned loads: give it its own copy,
	 * 8-byte aligned, exactly size bytes long (ASan sees overreads). */
	void *blob = malloc(size ? size : 1);
	struct fz_opts o = {-1, -1, NULL, 0};
	int rc;

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	if (ft_init(&ctx, ft_arch_find("arm64", "4k"), NULL, &fz_storage))
		fz_fail("ft_init failed on arm64 4k with default parameters");
	rc = ft_add_fdt(&ctx, blob, size);
	fz_check_rc(&ctx, rc, "ft_add_fdt", true);
	if (rc) {
		if (ctx.nr_banks || ctx.nr_reserved ||
		    ctx.state != FT_STATE_BANKS)
			fz_fail("failed ft_add_fdt (%s) left %u banks, %u "
				"reserved, "
				"state %d",
				ft_strerror(rc), ctx.nr_banks, ctx.nr_reserved,
				(int)ctx.state);
		if (rc == -FT_ERR_FDT_BAD && !ctx.err.detail)
			fz_fail("a malformed blob refused without saying why");
		fz_note("ft_add_fdt: %s%s%s", ft_strerror(rc),
			ctx.err.detail ? ": " : "",
			ctx.err.detail ? ctx.err.detail : "");
		free(blob);
		return 0;
	}
	if (!ctx.nr_banks)
		fz_fail("ft_add_fdt succeeded without adding a bank");
	free(blob);
	fz_pipeline(&ctx, &o);
	return 0;
}
