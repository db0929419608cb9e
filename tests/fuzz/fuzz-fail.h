/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How every fuzz target reports: fz_fail() prints the invariant that broke
 * and traps, which libFuzzer reports as a crash (and the replay driver,
 * built with a plain compiler, as an abort); fz_note() tells a verbose
 * replay how far an input got. Static functions, one translation unit per
 * target (docs/fuzzing.md).
 */
#ifndef FRAMETABLE_TESTS_FUZZ_FAIL_H
#define FRAMETABLE_TESTS_FUZZ_FAIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noreturn, format(printf, 1, 2))) static void
fz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("frametable fuzz: invariant violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	__builtin_trap();
}

/* Replay builds say how far each input got when FT_FUZZ_VERBOSE is set. */
__attribute__((format(printf, 1, 2))) static void fz_note(const char *fmt, ...)
{
#ifdef FT_FUZZ_REPLAY
	static int verbose = -1;
	va_list ap;

	if (verbose < 0)
		verbose = getenv("FT_FUZZ_VERBOSE") != NULL;
	if (!verbose)
		return;
	fputs("  ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
#else
	(void)fmt;
#endif
}

#endif
