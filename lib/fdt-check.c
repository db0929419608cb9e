/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A whole-blob check of a DTB before anything is read from it.
 *
 * Takes an untrusted blob and its size; says whether libfdt's readers can
 * walk it safely: header valid and inside size, version 16 or later (older
 * blobs name nodes by full path), reservation map readable, one root node
 * with an empty name, nodes balanced, every property's name and value
 * inside the blob, nothing but FDT_END after the root, and every tag
 * strictly after the previous one. When not, it says which check failed
 * and where, so that a tool can tell its user why without handing the
 * rejected blob to another checker.
 *
 * Why not libfdt's fdt_check_full(): Linux 6.1's copy of libfdt (what the
 * boot stubs compile) does not have it, and the host's (1.6.1) loops
 * forever on a property whose length wraps the structure offset back onto
 * itself, and reads through NULL on version 2/3 blobs. Both were found by
 * fuzzing (tests/fuzz/regressions/dtb/). This walk uses only libfdt's tag
 * reader and refuses any step that does not move forward.
 */
#include "internal.h"
#include "fdt-check.h"

#include <libfdt.h>

/* libfdt's verdict on the header, in words. */
static const char *header_fault(int rc)
{
	switch (rc) {
	case -FDT_ERR_BADMAGIC:
		return "no FDT magic (0xd00dfeed)";
	case -FDT_ERR_BADVERSION:
		return "header version outside 2..17, what libfdt reads";
	case -FDT_ERR_TRUNCATED:
		return "header totalsize smaller than the header itself";
	case -FDT_ERR_BADLAYOUT:
		return "header places a block outside totalsize";
	default:
		return "malformed header";
	}
}

const char *ft_fdt_check(const void *fdt, size_t size, int *offset)
{
	int depth = 0, tag_offset, next = 0, len, rc;
	bool root_done = false;
	const char *name;

	*offset = -1;
	if (size < sizeof(struct fdt_header))
		return "shorter than a DTB header (40 bytes)";
	if (size > INT32_MAX)
		return "larger than 2 GiB";
	rc = fdt_check_header(fdt);
	if (rc)
		return header_fault(rc);
	if (fdt_totalsize(fdt) > size)
		return "truncated: the header's totalsize is larger than the "
		       "blob";
	if (fdt_version(fdt) < 16)
		return "version below 16 (nodes named by full path), not "
		       "supported";
	if (fdt_num_mem_rsv(fdt) < 0) {
		*offset = (int)fdt_off_mem_rsvmap(fdt);
		return "memory reservation block without its terminating "
		       "entry";
	}
	for (;;) {
		tag_offset = next;
		*offset = (int)fdt_off_dt_struct(fdt) + tag_offset;
		uint32_t tag = fdt_next_tag(fdt, tag_offset, &next);
		if (next < 0)
			return "structure block: a tag or its data runs past "
			       "the block";
		if (next <= tag_offset)
			return "structure block: a tag that does not move "
			       "forward (a length that wraps)";
		if (root_done && tag != FDT_END && tag != FDT_NOP)
			return "structure block: a tag after the root node's "
			       "end";
		switch (tag) {
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth)
				return "structure block: ends inside a node";
			*offset = -1;
			return NULL;
		case FDT_BEGIN_NODE:
			/* Deeper than any real tree. */
			if (depth == 64)
				return "nodes nested deeper than 64";
			if (++depth == 1) {
				name = fdt_get_name(fdt, tag_offset, &len);
				if (!name || *name || len)
					return "the root node has a name";
			}
			break;
		case FDT_END_NODE:
			if (!depth)
				return "structure block: the end of a node "
				       "never begun";
			if (!--depth)
				root_done = true;
			break;
		case FDT_PROP:
			if (!depth)
				return "structure block: a property outside "
				       "any node";
			if (!fdt_getprop_by_offset(fdt, tag_offset, &name,
						   &len))
				return "a property whose name or value lies "
				       "outside its block";
			break;
		default:
			return "structure block: an unknown tag";
		}
	}
}
