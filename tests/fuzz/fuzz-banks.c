/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the input is a bank set in binary.
 *
 *   byte 0     arch: ft_arch_nth(b % (count + 1)), the last one NULL
 *   byte 1     policy (raw: values past the enum must be refused)
 *   byte 2     PDX mode (raw)
 *   bytes 3-4  descriptor size, little endian (raw, 0 must be refused)
 *   byte 5     pa_bits (raw)
 *   byte 6     group_order as int8_t (-1: derived)
 *   byte 7     pdx_offset_slots (0: the default, else raw)
 *   byte 8     injected allocator failure at call b (>= 64: none)
 *   byte 9     injected map failure at call b (>= 64: none)
 *   byte 10    how many of the last records are reserved ranges
 *   byte 11    bit 0: tiny storage (4 banks, 2 reserved, 2 chunks, 2 bitmap
 *              words), to reach the storage errors; other bits unused
 *   then       16-byte records: base, size (little-endian u64)
 *
 * Nothing is clamped: the library must reject what is bad with a code of
 * the closed set. Every record's edges (and +-1 frame) are probed with
 * ft_mfn_valid against the sim's page tables.
 */
#include "fuzz-common.h"

/* Tiny storage: the TOOMANY* and GROUPS_FULL paths must unwind too. */
FT_STORAGE_DEFINE(tiny, 4, 2, 2, 2, 0);

#define HDR 12
#define REC 16

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ft_ctx ctx;
	static uint64_t mfns[6 * 64];
	struct ft_params p;
	struct fz_opts o = {-1, -1, mfns, 0};
	unsigned nr_arch = 0;
	int rc;

	if (size < HDR)
		return 0;
	while (ft_arch_nth(nr_arch))
		nr_arch++;
	const struct ft_arch *arch = ft_arch_nth(data[0] % (nr_arch + 1));
	ft_params_default(&p);
	p.policy = (enum ft_policy)data[1];
	p.pdx_mode = (enum ft_pdx_mode)data[2];
	p.desc_size = (uint32_t)data[3] | (uint32_t)data[4] << 8;
	p.pa_bits = data[5];
	p.group_order = (int8_t)data[6];
	if (data[7])
		p.pdx_offset_slots = data[7];
	o.fail_alloc_at = data[8] < 64 ? data[8] : -1;
	o.fail_map_at = data[9] < 64 ? data[9] : -1;
	size_t nrec = (size - HDR) / REC;
	size_t nres = data[10] < nrec ? data[10] : nrec;

	rc = ft_init(&ctx, arch, &p,
		     data[11] & 1 ? &tiny_storage : &fz_storage);
	fz_check_rc(&ctx, rc, "ft_init", true);
	if (rc) {
		if (rc != -FT_ERR_BADPARAM)
			fz_fail("ft_init refused parameters with %s",
				ft_strerror(rc));
		fz_note("ft_init: %s", ft_strerror(rc));
		return 0;
	}
	if (!arch)
		fz_fail("ft_init accepted a NULL arch");
	for (size_t i = 0; i < nrec; i++) {
		uint64_t base = le64(data + HDR + i * REC);
		uint64_t len = le64(data + HDR + i * REC + 8);
		bool res = i >= nrec - nres;
		rc = res ? ft_add_reserved(&ctx, base, len)
			 : ft_add_bank(&ctx, base, len);
		fz_check_rc(&ctx, rc, res ? "ft_add_reserved" : "ft_add_bank",
			    true);
		if (rc) {
			if (rc != (res ? -FT_ERR_TOOMANYRESERVED
				       : -FT_ERR_TOOMANYBANKS))
				fz_fail("adding a range failed with %s",
					ft_strerror(rc));
			return 0;
		}
		if (o.nr_mfns + 6 <= sizeof(mfns) / sizeof(mfns[0])) {
			uint64_t f0 = base >> arch->page_shift;
			uint64_t f1 = (base + len) >> arch->page_shift;
			mfns[o.nr_mfns++] = f0 - 1;
			mfns[o.nr_mfns++] = f0;
			mfns[o.nr_mfns++] = f0 + 1;
			mfns[o.nr_mfns++] = f1 - 1;
			mfns[o.nr_mfns++] = f1;
			mfns[o.nr_mfns++] = f0 + ((f1 - f0) >> 1);
		}
	}
	fz_pipeline(&ctx, &o);
	return 0;
}
