/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the input is a .banks text (the files of boards/), parsed by
 * banksfile_load_buf (tools/banksfile.c) into a context for arm64 4K with
 * the default parameters, then planned, placed and applied on the sim arch
 * with every invariant of DESIGN.md checked (fuzz-common.h). A malformed
 * line, a NUL byte included, is refused naming a line that exists.
 */
#include "banksfile.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ft_ctx ctx;
	struct fz_opts o = {-1, -1, NULL, 0};
	struct banksfile_error bad;
	/* Exactly size bytes, no terminating NUL: ASan sees overreads. */
	char *text = malloc(size ? size : 1);
	char name[64];
	unsigned lines = 1;
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, size);
	for (size_t i = 0; i + 1 < size; i++)
		lines += text[i] == '\n';
	if (ft_init(&ctx, ft_arch_find("arm64", "4k"), NULL, &fz_storage))
		fz_fail("ft_init failed on arm64 4k with default parameters");
	banksfile_board_name(text, size, name, sizeof(name));
	if (strlen(name) >= sizeof(name))
		fz_fail("banksfile_board_name overran its buffer");
	rc = banksfile_load_buf(&ctx, text, size, &bad);
	free(text);
	/* A malformed line is -FT_ERR_BADPARAM without ctx->err. */
	fz_check_rc(&ctx, rc, "banksfile_load_buf", false);
	if (rc) {
		if (rc != -FT_ERR_BADPARAM && rc != -FT_ERR_TOOMANYBANKS &&
		    rc != -FT_ERR_TOOMANYRESERVED)
			fz_fail("banksfile_load_buf failed with %s",
				ft_strerror(rc));
		if (!bad.line || bad.line > lines)
			fz_fail("banksfile_load failed (%s) naming line %u of "
				"%u",
				ft_strerror(rc), bad.line, lines);
		if (rc == -FT_ERR_BADPARAM && bad.fault == BANKSFILE_OK)
			fz_fail("a malformed line without a fault");
		fz_note("banksfile_load: %s at line %u", ft_strerror(rc),
			bad.line);
		return 0;
	}
	fz_pipeline(&ctx, &o);
	return 0;
}
