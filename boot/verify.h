/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checking an applied frametable on the real MMU, from inside the guest:
 * the invariants of docs/design.md, read and written through the
 * descriptor VAs the library hands out.
 */
#ifndef FT_BOOT_VERIFY_H
#define FT_BOOT_VERIFY_H

#include <frametable/frametable.h>

/* At most this many RAM frames of one bank are touched; larger banks are
 * sampled with a stride that keeps the first and the last frame. */
#define VERIFY_MAX_FRAMES_PER_BANK 262144u
/* At most this many ghost descriptors of one chunk are read. */
#define VERIFY_MAX_GHOSTS_PER_CHUNK 4096u

/* Run every check on an applied ctx and print one line per check.
 * Returns NULL if all passed, else a short name of the first failure. */
const char *verify_frametable(const struct ft_ctx *ctx);

#endif /* FT_BOOT_VERIFY_H */
