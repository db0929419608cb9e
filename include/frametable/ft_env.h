/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one place that knows where the library runs.
 *
 * lib/ is freestanding C11: it needs only the headers that a freestanding
 * compiler provides (stdint, stddef, stdbool) and the compiler's builtins.
 * A port to another environment replaces this file and nothing else.
 */
#ifndef FRAMETABLE_FT_ENV_H
#define FRAMETABLE_FT_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One machine word of the group bitmap: the unit the run search reads. */
typedef unsigned long ft_word_t;
#define FT_WORD_BITS ((unsigned)(sizeof(ft_word_t) * 8))

/* Count trailing zeros of a non-zero word / of a non-zero 64-bit value. */
#define ft_ctz_word(w) ((unsigned)__builtin_ctzl(w))
#define ft_ctz64(x)    ((unsigned)__builtin_ctzll(x))
/* Index of the highest set bit of a non-zero 64-bit value. */
#define ft_msb64(x) (63u - (unsigned)__builtin_clzll(x))

#endif /* FRAMETABLE_FT_ENV_H */
