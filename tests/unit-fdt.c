/* SPDX-License-Identifier: BSD-2-Clause */
/* Banks from device trees built here with libfdt's sequential writer:
 * cells, reserved memory, placeholders, and malformed blobs. */
#include "testutil.h"

#include <frametable/frametable.h>
#include <libfdt.h>
#include <string.h>

FT_STORAGE_DEFINE(uf, 16, 16, 16, 1024, 0);

static char blob[8192];

struct node {
	const char *name;
	const char *type; /* device_type or NULL */
	const char *status;
	const uint32_t *reg;
	int reg_cells;
};

/* Root with ac/sc cells, the given nodes, a /reserved-memory with one
 * child (if res_reg), and one /memreserve/ entry (if rsv_size). */
static void *build(int ac, int sc, const struct node *nodes, int n,
		   const uint32_t *res_reg, int res_cells, uint64_t rsv_base,
		   uint64_t rsv_size)
{
	fdt_create(blob, sizeof(blob));
	if (rsv_size)
		fdt_add_reservemap_entry(blob, rsv_base, rsv_size);
	fdt_finish_reservemap(blob);
	fdt_begin_node(blob, "");
	fdt_property_u32(blob, "#address-cells", (uint32_t)ac);
	fdt_property_u32(blob, "#size-cells", (uint32_t)sc);
	for (int i = 0; i < n; i++) {
		fdt_begin_node(blob, nodes[i].name);
		if (nodes[i].type)
			fdt_property_string(blob, "device_type", nodes[i].type);
		if (nodes[i].status)
			fdt_property_string(blob, "status", nodes[i].status);
		fdt32_t cells[80];
		for (int c = 0; c < nodes[i].reg_cells; c++)
			cells[c] = cpu_to_fdt32(nodes[i].reg[c]);
		fdt_property(blob, "reg", cells,
			     nodes[i].reg_cells * (int)sizeof(fdt32_t));
		fdt_end_node(blob);
	}
	if (res_reg) {
		fdt_begin_node(blob, "reserved-memory");
		fdt_property_u32(blob, "#address-cells", 2);
		fdt_property_u32(blob, "#size-cells", 2);
		fdt_property(blob, "ranges", NULL, 0);
		fdt_begin_node(blob, "fw@90000000");
		fdt32_t cells[4];
		for (int c = 0; c < res_cells; c++)
			cells[c] = cpu_to_fdt32(res_reg[c]);
		fdt_property(blob, "reg", cells,
			     res_cells * (int)sizeof(fdt32_t));
		fdt_property(blob, "no-map", NULL, 0);
		fdt_end_node(blob);
		fdt_end_node(blob);
	}
	fdt_end_node(blob);
	fdt_finish(blob);
	return blob;
}

static bool has(const char *text, const char *part)
{
	return text && strstr(text, part);
}

static int load(struct ft_ctx *ctx, const void *fdt, size_t size)
{
	ft_init(ctx, ft_arch_find("arm64", "4k"), NULL, &uf_storage);
	return ft_add_fdt(ctx, fdt, size);
}

int main(void)
{
	struct ft_ctx ctx;
	const uint32_t two_banks[] = {0x0, 0x80000000, 0x0, 0x80000000,
				      0x8, 0x0,	       0x0, 0x80000000};
	const struct node mem2[] = {
		{"memory@80000000", "memory", NULL, two_banks, 8}};

	TU_CASE("two_cell_memory_node_with_two_banks");
	void *fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
	TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)), 0);
	TU_CHECK_EQ(ctx.nr_banks, 2);
	TU_CHECK_EQ(ctx.st.banks[1].base, 0x800000000);
	TU_CHECK_EQ(ctx.st.banks[1].size, 0x80000000);

	TU_CASE("one_cell_root_and_several_memory_nodes");
	{
		const uint32_t a[] = {0x40000000, 0x10000000};
		const uint32_t b[] = {0x60000000, 0x00100000};
		const struct node nodes[] = {
			{"memory@40000000", "memory", NULL, a, 2},
			{"memory@60000000", NULL, NULL, b, 2}};
		fdt = build(1, 1, nodes, 2, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)), 0);
		TU_CHECK_EQ(ctx.nr_banks, 2);
		TU_CHECK_EQ(ctx.st.banks[1].size, 0x100000);
	}

	TU_CASE("reserved_memory_and_memreserve_become_reserved_ranges");
	{
		const uint32_t res[] = {0x0, 0x90000000, 0x0, 0x200000};
		fdt = build(2, 2, mem2, 1, res, 4, 0x80000000, 0x10000);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)), 0);
		TU_CHECK_EQ(ctx.nr_reserved, 2);
		TU_CHECK_EQ(ctx.nr_banks, 2);
	}

	TU_CASE("disabled_nodes_and_zero_placeholders_are_skipped");
	{
		const uint32_t a[] = {0x0, 0x40000000, 0x0, 0x10000000};
		const uint32_t z[] = {0x0, 0x0, 0x0, 0x0};
		const struct node nodes[] = {
			{"memory@40000000", "memory", NULL, a, 4},
			{"memory@0", "memory", NULL, z, 4},
			{"memory@c0000000", "memory", "disabled", a, 4}};
		fdt = build(2, 2, nodes, 3, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)), 0);
		TU_CHECK_EQ(ctx.nr_banks, 1);
	}

	TU_CASE("no_memory_node_is_named");
	{
		const struct node nodes[] = {
			{"cpus", NULL, NULL, two_banks, 0}};
		fdt = build(2, 2, nodes, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)),
			    -FT_ERR_FDT_NOMEMORY);
	}

	TU_CASE("reg_length_not_a_multiple_of_the_cells_is_named");
	{
		const struct node nodes[] = {
			{"memory@0", "memory", NULL, two_banks, 3}};
		fdt = build(2, 2, nodes, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)),
			    -FT_ERR_FDT_CELLS);
		TU_CHECK(ctx.err.fdt_node > 0);
		TU_CHECK_EQ(ctx.nr_banks, 0);
	}

	TU_CASE("unsupported_address_cells_are_named");
	{
		const struct node nodes[] = {
			{"memory@0", "memory", NULL, two_banks, 6}};
		fdt = build(3, 3, nodes, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)),
			    -FT_ERR_FDT_CELLS);
	}

	TU_CASE("malformed_blobs_are_refused_before_anything_is_added");
	{
		fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
		size_t size = fdt_totalsize(fdt);
		TU_CHECK_EQ(load(&ctx, fdt, size - 8), -FT_ERR_FDT_BAD);
		TU_CHECK_EQ(load(&ctx, fdt, 16), -FT_ERR_FDT_BAD);
		char junk[256];
		memset(junk, 0x5a, sizeof(junk));
		memcpy(junk, fdt, 8); /* magic and a total size that lies */
		TU_CHECK_EQ(load(&ctx, junk, sizeof(junk)), -FT_ERR_FDT_BAD);
		TU_CHECK_EQ(ctx.nr_banks, 0);
		/* Corrupt one byte of the structure block at a time. */
		for (size_t off = 40; off < size; off += 7) {
			fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
			((unsigned char *)fdt)[off] ^= 0xa5;
			int rc = load(&ctx, fdt, size);
			TU_CHECK(rc == 0 || rc == -FT_ERR_FDT_BAD ||
				 rc == -FT_ERR_FDT_CELLS ||
				 rc == -FT_ERR_FDT_NOMEMORY);
			if (rc)
				TU_CHECK_EQ(ctx.nr_banks, 0);
		}
	}

	TU_CASE("a_refused_blob_says_why_and_where");
	{
		fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
		size_t size = fdt_totalsize(fdt);
		TU_CHECK_EQ(load(&ctx, fdt, size - 8), -FT_ERR_FDT_BAD);
		TU_CHECK(has(ctx.err.detail, "truncated"));
		TU_CHECK_EQ(ctx.err.fdt_offset, -1);
		TU_CHECK_EQ(load(&ctx, fdt, 16), -FT_ERR_FDT_BAD);
		TU_CHECK(has(ctx.err.detail, "shorter than a DTB header"));

		/* tests/fuzz/regressions/dtb/fdt-v3-root-name-null.dtb */
		fdt_set_version(fdt, 3);
		fdt_set_last_comp_version(fdt, 2);
		TU_CHECK_EQ(load(&ctx, fdt, size), -FT_ERR_FDT_BAD);
		TU_CHECK(has(ctx.err.detail, "version below 16"));

		/* prop-length-wraps-offset.dtb: the root's first property
		 * (8 bytes into the structure block, after the root's tag
		 * and empty name) gets a length of -12, which brings the
		 * next tag back onto itself. */
		fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
		int prop = (int)fdt_off_dt_struct(fdt) + 8;
		TU_CHECK_EQ(fdt32_ld((const fdt32_t *)((char *)fdt + prop)),
			    FDT_PROP);
		*(fdt32_t *)((char *)fdt + prop + 4) = cpu_to_fdt32(-12u);
		TU_CHECK_EQ(load(&ctx, fdt, size), -FT_ERR_FDT_BAD);
		TU_CHECK(has(ctx.err.detail, "does not move forward"));
		TU_CHECK_EQ(ctx.err.fdt_offset, prop);

		fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
		fdt_set_magic(fdt, 0xdeadbeef);
		TU_CHECK_EQ(load(&ctx, fdt, size), -FT_ERR_FDT_BAD);
		TU_CHECK(has(ctx.err.detail, "no FDT magic"));
	}

	TU_CASE("other_errors_carry_no_stale_detail");
	{
		const struct node nodes[] = {
			{"memory@0", "memory", NULL, two_banks, 3}};
		fdt = build(2, 2, mem2, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, 16), -FT_ERR_FDT_BAD);
		fdt = build(2, 2, nodes, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(ft_add_fdt(&ctx, fdt, fdt_totalsize(fdt)),
			    -FT_ERR_FDT_CELLS);
		TU_CHECK(ctx.err.detail == NULL);
	}

	TU_CASE("bank_storage_overflow_from_dtb_adds_nothing");
	{
		uint32_t many[17 * 4];
		for (int i = 0; i < 17; i++) {
			many[4 * i] = (uint32_t)i;
			many[4 * i + 1] = 0;
			many[4 * i + 2] = 0;
			many[4 * i + 3] = 0x1000;
		}
		const struct node nodes[] = {
			{"memory@0", "memory", NULL, many, 68}};
		fdt = build(2, 2, nodes, 1, NULL, 0, 0, 0);
		TU_CHECK_EQ(load(&ctx, fdt, fdt_totalsize(fdt)),
			    -FT_ERR_TOOMANYBANKS);
		TU_CHECK_EQ(ctx.nr_banks, 0);
	}
	return tu_finish();
}
