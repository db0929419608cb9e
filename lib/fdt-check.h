/* SPDX-License-Identifier: BSD-2-Clause */
/* Whole-blob DTB check used before reading banks; not installed. */
#ifndef FRAMETABLE_LIB_FDT_CHECK_H
#define FRAMETABLE_LIB_FDT_CHECK_H

#include <stddef.h>

/* NULL if libfdt's readers can walk the blob of size bytes safely; else a
 * static sentence saying which check failed, with *offset the byte offset
 * in the blob of what failed, or -1 for the header or the whole blob. */
const char *ft_fdt_check(const void *fdt, size_t size, int *offset);

#endif
