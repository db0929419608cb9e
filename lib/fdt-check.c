/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A whole-blob check of a DTB before anything is read from it.
 *
 * Takes an untrusted blob and its size; says whether libfdt's readers can
 * walk it safely: header valid and inside size, version 16 or later (older
 * blobs name nodes by full path), reservation map readable, one root node
 * with an empty name, nodes balanced, every property's name and value
 * inside the blob, nothing but FDT_END after the root, and every tag
 * strictly after the previous one.
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

int ft_fdt_check(const void *fdt, size_t size)
{
	int depth = 0, offset, next = 0, len;
	bool root_done = false;
	const char *name;

	if (size < sizeof(struct fdt_header) || size > INT32_MAX ||
	    fdt_check_header(fdt) || fdt_totalsize(fdt) > size ||
	    fdt_version(fdt) < 16 || fdt_num_mem_rsv(fdt) < 0)
		return -1;
	for (;;) {
		offset = next;
		uint32_t tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0 || next <= offset)
			return -1;
		if (root_done && tag != FDT_END && tag != FDT_NOP)
			return -1;
		switch (tag) {
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? -1 : 0;
		case FDT_BEGIN_NODE:
			if (depth == 64)
				return -1; /* deeper than any real tree */
			if (++depth == 1) {
				name = fdt_get_name(fdt, offset, &len);
				if (!name || *name || len)
					return -1;
			}
			break;
		case FDT_END_NODE:
			if (!depth)
				return -1;
			if (!--depth)
				root_done = true;
			break;
		case FDT_PROP:
			if (!depth ||
			    !fdt_getprop_by_offset(fdt, offset, &name, &len))
				return -1;
			break;
		default:
			return -1;
		}
	}
}
