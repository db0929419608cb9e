/* SPDX-License-Identifier: BSD-2-Clause */
/* Tiny test harness: named checks, a failure count, TAP-free exit codes
 * for Automake's parallel harness (0 pass, 1 fail, 99 hard error). */
#ifndef FRAMETABLE_TESTS_TESTUTIL_H
#define FRAMETABLE_TESTS_TESTUTIL_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int tu_failures __attribute__((unused));
static const char *tu_case __attribute__((unused)) = "";

#define TU_CASE(name) (tu_case = (name), printf("case: %s\n", tu_case))

#define TU_CHECK(cond)                                                         \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s: %s:%d: %s\n", tu_case, __FILE__,      \
			       __LINE__, #cond);                               \
			tu_failures++;                                         \
		}                                                              \
	} while (0)

#define TU_CHECK_EQ(a, b)                                                      \
	do {                                                                   \
		uint64_t tu_a = (uint64_t)(a), tu_b = (uint64_t)(b);           \
		if (tu_a != tu_b) {                                            \
			printf("FAIL %s: %s:%d: %s == %s (%#" PRIx64           \
			       " != %#" PRIx64 ")\n",                          \
			       tu_case, __FILE__, __LINE__, #a, #b, tu_a,      \
			       tu_b);                                          \
			tu_failures++;                                         \
		}                                                              \
	} while (0)

static inline int tu_finish(void)
{
	printf("%s: %d failure(s)\n", tu_failures ? "FAIL" : "PASS",
	       tu_failures);
	return tu_failures ? 1 : 0;
}

#endif
