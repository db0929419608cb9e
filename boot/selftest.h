/* SPDX-License-Identifier: BSD-2-Clause */
/* Deliberate faults that prove a port's fault handler (selftest.c). */
#ifndef FRAMETABLE_BOOT_SELFTEST_H
#define FRAMETABLE_BOOT_SELFTEST_H

#include "boot-arch.h"

/* After mmu_on: when the DTB's /chosen names a selftest, run it (it does
 * not return); otherwise return at once. */
void boot_selftest(const struct boot_arch *arch, const void *dtb);

#endif /* FRAMETABLE_BOOT_SELFTEST_H */
