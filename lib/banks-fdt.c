/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Banks from a device tree: RAM from /memory nodes, reserved ranges from
 * /reserved-memory children and the memory reservation block.
 *
 * Takes a DTB and its size; adds banks and reserved ranges to the context.
 * The blob is fully checked (lib/fdt-check.c) before anything is added, so
 * a malformed tree adds nothing, and ctx->err.detail says what is wrong
 * with it: a tool can tell its user without handing the blob to libfdt.
 * Entries of size zero (placeholders that firmware fills in) are skipped, as
 * hypervisors do; nodes whose status is not "okay" are skipped too.
 */
#include "internal.h"
#include "fdt-check.h"

#include <libfdt.h>

static bool streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static bool prefix_of(const char *prefix, const char *s)
{
	while (*prefix && *prefix == *s) {
		prefix++;
		s++;
	}
	return !*prefix;
}

static bool node_enabled(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	return !status || len <= 0 || streq(status, "okay") ||
	       streq(status, "ok");
}

static bool is_memory_node(const void *fdt, int node)
{
	int len;
	const char *type = fdt_getprop(fdt, node, "device_type", &len);
	const char *name = fdt_get_name(fdt, node, NULL);

	if (type && len > 0)
		return streq(type, "memory");
	return name && (streq(name, "memory") || prefix_of("memory@", name));
}

/* fdt32_ld: a malformed blob can put its structure block, and so a reg
 * value, at an address that is not 4-byte aligned (found by fuzzing). */
static uint64_t read_cells(const fdt32_t *cell, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_ld(&cell[i]);
	return v;
}

static int fdt_fail(struct ft_ctx *ctx, enum ft_err code, int node)
{
	int rc = ft_fail(ctx, code, -1, 0, 0);

	ctx->err.fdt_node = node;
	return rc;
}

/* Add every (address, size) pair of node's reg; cells from parent. */
static int add_reg(struct ft_ctx *ctx, const void *fdt, int node, int parent,
		   bool reserved, unsigned *added)
{
	int ac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, parent);
	int len, rc;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg)
		return 0;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    len % (int)((ac + sc) * sizeof(fdt32_t)))
		return fdt_fail(ctx, FT_ERR_FDT_CELLS, node);
	for (int off = 0; off < len / (int)sizeof(fdt32_t); off += ac + sc) {
		uint64_t base = read_cells(reg + off, ac);
		uint64_t size = read_cells(reg + off + ac, sc);
		if (!size)
			continue;
		rc = reserved ? ft_add_reserved(ctx, base, size)
			      : ft_add_bank(ctx, base, size);
		/* Storage full: read on, so that err.need counts the whole
		 * tree's ranges; ft_add_fdt() fails at the end. */
		if (rc == -FT_ERR_TOOMANYBANKS ||
		    rc == -FT_ERR_TOOMANYRESERVED) {
			ctx->err.fdt_node = node;
			continue;
		}
		if (rc) {
			ctx->err.fdt_node = node;
			return rc;
		}
		(*added)++;
	}
	return 0;
}

int ft_add_fdt(struct ft_ctx *ctx, const void *fdt, size_t size)
{
	unsigned banks = 0, reserved = 0;
	int node = 0, depth = 0, rc;

	if (ctx->state != FT_STATE_BANKS)
		return ft_fail(ctx, FT_ERR_STATE, -1, 0, 0);
	/* The whole blob first: nothing is added from a malformed one. */
	int bad_offset;
	const char *why = ft_fdt_check(fdt, size, &bad_offset);
	if (why) {
		rc = fdt_fail(ctx, FT_ERR_FDT_BAD, -1);
		ctx->err.detail = why;
		ctx->err.fdt_offset = bad_offset;
		return rc;
	}

	unsigned banks_before = ctx->nr_banks, res_before = ctx->nr_reserved;
	unsigned offered_before = ctx->banks_offered,
		 res_offered_before = ctx->reserved_offered;
	int resmem = fdt_path_offset(fdt, "/reserved-memory");

	/* Past the root's end, libfdt reports depth below 1 (or NOTFOUND).
	 * Parents are tracked by depth: fdt_parent_offset() rescans from the
	 * root each time, quadratic in the size of the tree. */
	int top = 0;
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (depth == 1)
			top = node;
		if (depth == 1 && is_memory_node(fdt, node) &&
		    node_enabled(fdt, node))
			rc = add_reg(ctx, fdt, node, 0, false, &banks);
		else if (resmem >= 0 && depth == 2 && top == resmem &&
			 node_enabled(fdt, node))
			rc = add_reg(ctx, fdt, node, resmem, true, &reserved);
		else
			rc = 0;
		if (rc)
			goto undo;
	}
	if (node < 0 && node != -FDT_ERR_NOTFOUND) {
		rc = fdt_fail(ctx, FT_ERR_FDT_BAD, -1);
		ctx->err.detail = "libfdt could not walk the nodes";
		goto undo;
	}
	for (int i = 0, n = fdt_num_mem_rsv(fdt); i < n; i++) {
		uint64_t base, len;
		if (fdt_get_mem_rsv(fdt, i, &base, &len)) {
			rc = fdt_fail(ctx, FT_ERR_FDT_BAD, -1);
			ctx->err.detail = "unreadable memory reservation entry";
			goto undo;
		}
		rc = ft_add_reserved(ctx, base, len);
		if (rc && rc != -FT_ERR_TOOMANYRESERVED)
			goto undo;
	}
	/* Storage ran out: the last such error, whose need counts them all
	 * (reserved ones may have run out after the banks). */
	if (ctx->banks_offered > offered_before ||
	    ctx->reserved_offered > res_offered_before) {
		rc = ctx->err.code;
		if (ctx->banks_offered > offered_before) {
			rc = ft_fail(ctx, FT_ERR_TOOMANYBANKS, -1, 0, 0);
			ctx->err.need = (uint64_t)ctx->st.max_banks +
					ctx->banks_offered;
			ctx->err.have = ctx->st.max_banks;
		}
		goto undo;
	}
	if (!banks) {
		rc = fdt_fail(ctx, FT_ERR_FDT_NOMEMORY, -1);
		goto undo;
	}
	return 0;
undo:
	/* Nothing half-read: the context keeps only what it had before. */
	ctx->nr_banks = banks_before;
	ctx->nr_reserved = res_before;
	return rc;
}
