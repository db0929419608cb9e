/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fdt_check_full() for the target build. lib/banks-fdt.c checks a whole
 * blob with it before reading any bank, but the libfdt that Linux 6.1
 * ships (scripts/dtc/libfdt, the sources the stubs compile) leaves out
 * dtc's fdt_check.c, where it lives. This gives the same contract with
 * libfdt's own walker, so no DTB syntax is parsed here: the header must
 * be valid and within size, the reservation map readable, the structure
 * block one root node with an empty name, nodes balanced, every property's
 * name and value inside the blob, and nothing after the root but FDT_END.
 */
#include <limits.h>
#include <libfdt.h>

int fdt_check_full(const void *fdt, size_t bufsize)
{
	int depth = 0, offset, next = 0, rc, len;
	bool root_done = false;
	const char *name;

	if (bufsize < FDT_V1_SIZE)
		return -FDT_ERR_TRUNCATED;
	rc = fdt_check_header(fdt);
	if (rc)
		return rc;
	if (bufsize < fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	rc = fdt_num_mem_rsv(fdt);
	if (rc < 0)
		return rc;
	for (;;) {
		offset = next;
		uint32_t tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return next;
		if (root_done && tag != FDT_END && tag != FDT_NOP)
			return -FDT_ERR_BADSTRUCTURE;
		switch (tag) {
		case FDT_NOP:
			break;
		case FDT_END:
			return depth ? -FDT_ERR_BADSTRUCTURE : 0;
		case FDT_BEGIN_NODE:
			if (depth == INT_MAX)
				return -FDT_ERR_BADSTRUCTURE;
			if (++depth == 1) {
				name = fdt_get_name(fdt, offset, &len);
				if (!name || *name || len)
					return -FDT_ERR_BADSTRUCTURE;
			}
			break;
		case FDT_END_NODE:
			if (!depth)
				return -FDT_ERR_BADSTRUCTURE;
			if (!--depth)
				root_done = true;
			break;
		case FDT_PROP:
			if (!fdt_getprop_by_offset(fdt, offset, &name, &len))
				return len;
			break;
		default:
			return -FDT_ERR_INTERNAL;
		}
	}
}
