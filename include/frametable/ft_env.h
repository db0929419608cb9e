/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one place that knows where the library runs: its environment hooks.
 *
 * lib/ is freestanding C11: it needs only the headers a freestanding
 * compiler provides (stdint, stddef, stdbool) and the compiler's builtins.
 * Every hook below has a default that works hosted and freestanding. A
 * hypervisor that compiles lib/ into its own build (docs/embedding.md)
 * fills the hooks in without editing this file: it names its own header
 * with -DFT_ENV_HEADER='"xen-ft-env.h"', which is included first; each
 * hook it defines there replaces the default. Consumers of the inline
 * conversions (frametable/hot.h) see the same hooks, so the library and
 * its callers agree.
 *
 * Hooks an environment header may define:
 *   FT_ENV_HAVE_TYPES      defined: uint64_t, size_t, bool ... come from
 *                          the environment, not from <stdint.h> & co.
 *   ft_env_memset(p, c, n) set n bytes at p to c (lib/ never calls libc)
 *   ft_env_memcpy(d, s, n) copy n bytes from s to d
 *   FT_ASSERT(cond)        an internal invariant of lib/; default: none
 *   FT_ARRAY_INDEX_NOSPEC(i, n)
 *                          i, clamped to [0, n) under speculation (Xen's
 *                          array_index_nospec); guards the loads of
 *                          ft_mfn_valid. Default: i (no hardening).
 *   FT_EVALUATE_NOSPEC(c)  c, with speculation stopped on a mispredicted
 *                          branch on it (Xen's evaluate_nospec). Default: c.
 *   FT_ENV_DESC_SIZE       the descriptor size, when the embedder knows it
 *                          at compile time (sizeof(struct page_info)):
 *                          the inline conversions then multiply by a
 *                          constant, and ft_init() refuses another size.
 *
 * Note: like any freestanding C, a compiler may itself emit calls to
 * memcpy and memset (struct copies); the environment provides those, as
 * every hypervisor does.
 */
#ifndef FRAMETABLE_FT_ENV_H
#define FRAMETABLE_FT_ENV_H

#ifdef FT_ENV_HEADER
#include FT_ENV_HEADER
#endif

#ifndef FT_ENV_HAVE_TYPES
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#ifndef ft_env_memset
/* Byte loops through volatile: the compiler cannot turn them back into a
 * libc call. lib/ only clears small structures with it. */
static inline void ft_env_memset_(void *p, int c, size_t n)
{
	volatile unsigned char *b = (volatile unsigned char *)p;

	while (n--)
		*b++ = (unsigned char)c;
}
#define ft_env_memset(p, c, n) ft_env_memset_((p), (c), (n))
#endif

#ifndef ft_env_memcpy
static inline void ft_env_memcpy_(void *d, const void *s, size_t n)
{
	volatile unsigned char *o = (volatile unsigned char *)d;
	const unsigned char *i = (const unsigned char *)s;

	while (n--)
		*o++ = *i++;
}
#define ft_env_memcpy(d, s, n) ft_env_memcpy_((d), (s), (n))
#endif

#ifndef FT_ASSERT
#define FT_ASSERT(cond) ((void)sizeof(!(cond)))
#endif

#ifndef FT_ARRAY_INDEX_NOSPEC
#define FT_ARRAY_INDEX_NOSPEC(i, n) ((void)(n), (i))
#endif

#ifndef FT_EVALUATE_NOSPEC
#define FT_EVALUATE_NOSPEC(c) (c)
#endif

/* A function that reads memory but writes none: lets a compiler keep
 * the context's fields in registers across the call in a hot loop. */
#ifndef FT_ATTR_PURE
#if defined(__GNUC__) || defined(__clang__)
#define FT_ATTR_PURE __attribute__((pure))
#else
#define FT_ATTR_PURE
#endif
#endif

/* One machine word of the group bitmap: the unit the run search reads. */
typedef unsigned long ft_word_t;
#define FT_WORD_BITS ((unsigned)(sizeof(ft_word_t) * 8))

/* Count trailing zeros of a non-zero word / of a non-zero 64-bit value. */
#define ft_ctz_word(w) ((unsigned)__builtin_ctzl(w))
#define ft_ctz64(x)    ((unsigned)__builtin_ctzll(x))
/* Index of the highest set bit of a non-zero 64-bit value. */
#define ft_msb64(x) (63u - (unsigned)__builtin_clzll(x))

#endif /* FRAMETABLE_FT_ENV_H */
