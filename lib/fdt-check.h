/* SPDX-License-Identifier: BSD-2-Clause */
/* Whole-blob DTB check used before reading banks; not installed. */
#ifndef FRAMETABLE_LIB_FDT_CHECK_H
#define FRAMETABLE_LIB_FDT_CHECK_H

#include <stddef.h>

/* 0 if libfdt's readers can walk the blob of size bytes safely, else -1. */
int ft_fdt_check(const void *fdt, size_t size);

#endif
