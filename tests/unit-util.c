/* SPDX-License-Identifier: BSD-2-Clause */
/* The one number grammar of the tools, and the escaping of input bytes
 * (tools/util.c). */
#include "testutil.h"
#include "util.h"

#include <string.h>

static int parse(const char *s, uint64_t *v)
{
	*v = 0xdeadbeef;
	return util_parse_u64(s, strlen(s), v);
}

static void accepts(const char *s, uint64_t want)
{
	uint64_t v;
	int rc = parse(s, &v);

	if (rc || v != want) {
		printf("FAIL %s: '%s' gave rc %d, value %#" PRIx64
		       ", want %#" PRIx64 "\n",
		       tu_case, s, rc, v, want);
		tu_failures++;
	}
}

static void refuses(const char *s, int want)
{
	uint64_t v;
	int rc = parse(s, &v);

	if (rc != want) {
		printf("FAIL %s: '%s' gave rc %d, want %d\n", tu_case, s, rc,
		       want);
		tu_failures++;
	}
	if (v != 0xdeadbeef) {
		printf("FAIL %s: refused '%s' still wrote a value\n", tu_case,
		       s);
		tu_failures++;
	}
}

int main(void)
{
	char buf[64];
	uint64_t v;

	TU_CASE("decimal_and_hex_read_as_written");
	accepts("0", 0);
	accepts("10", 10);
	accepts("18446744073709551615", UINT64_MAX);
	accepts("0x10", 16);
	accepts("0XfF", 255);
	accepts("0x0000_1000", 0x1000);
	accepts("0xffffffffffffffff", UINT64_MAX);

	TU_CASE("underscores_separate_digits");
	accepts("0x8_0000_0000", 0x800000000);
	accepts("1_000", 1000);
	refuses("8__0", UTIL_NUM_SEPARATOR);
	refuses("_80", UTIL_NUM_SEPARATOR);
	refuses("80_", UTIL_NUM_SEPARATOR);
	refuses("0x_80", UTIL_NUM_SEPARATOR);
	refuses("1_K", UTIL_NUM_SEPARATOR);

	TU_CASE("binary_suffixes_in_either_case");
	accepts("4k", 4096);
	accepts("4K", 4096);
	accepts("2M", 2 << 20);
	accepts("32g", UINT64_C(32) << 30);
	accepts("0x10T", UINT64_C(16) << 40);
	accepts("0K", 0);
	refuses("16X", UTIL_NUM_TRAILING);
	refuses("1KB", UTIL_NUM_TRAILING);
	refuses("4kk", UTIL_NUM_TRAILING);

	TU_CASE("a_leading_zero_is_refused_not_read_as_octal");
	refuses("010", UTIL_NUM_LEADING_ZERO);
	refuses("00", UTIL_NUM_LEADING_ZERO);
	refuses("0_1", UTIL_NUM_LEADING_ZERO);
	refuses("007K", UTIL_NUM_LEADING_ZERO);
	TU_CHECK(strstr(util_num_strerror(UTIL_NUM_LEADING_ZERO), "octal"));

	TU_CASE("empty_signs_blanks_and_garbage_are_refused");
	refuses("", UTIL_NUM_EMPTY);
	refuses("-1", UTIL_NUM_NOT_DIGIT);
	refuses("+1", UTIL_NUM_NOT_DIGIT);
	refuses(" 1", UTIL_NUM_NOT_DIGIT);
	refuses("0x", UTIL_NUM_NOT_DIGIT);
	refuses("x10", UTIL_NUM_NOT_DIGIT);
	refuses("1 ", UTIL_NUM_TRAILING);
	refuses("0b101", UTIL_NUM_TRAILING);
	refuses("12abc", UTIL_NUM_TRAILING);

	TU_CASE("values_past_2_64_overflow");
	refuses("18446744073709551616", UTIL_NUM_OVERFLOW);
	refuses("0x1_0000_0000_0000_0000", UTIL_NUM_OVERFLOW);
	refuses("16777216T", UTIL_NUM_OVERFLOW);
	accepts("16777215T", UINT64_C(16777215) << 40);

	TU_CASE("only_len_bytes_are_read");
	TU_CHECK_EQ(util_parse_u64("123junk", 3, &v), 0);
	TU_CHECK_EQ(v, 123);
	TU_CHECK_EQ(util_parse_u64("1\0002", 3, &v), UTIL_NUM_TRAILING);

	TU_CASE("every_error_has_its_own_reason");
	for (int a = UTIL_NUM_EMPTY; a <= UTIL_NUM_OVERFLOW; a++)
		for (int b = a + 1; b <= UTIL_NUM_OVERFLOW; b++)
			TU_CHECK(strcmp(util_num_strerror(a),
					util_num_strerror(b)));

	TU_CASE("escape_keeps_printable_ascii_and_hides_the_rest");
	TU_CHECK(!strcmp(util_escape("memory 0x0", 10, buf, sizeof(buf)),
			 "memory 0x0"));
	TU_CHECK(!strcmp(util_escape("a\0b\x1b\x7f\xc3", 6, buf, sizeof(buf)),
			 "a\\x00b\\x1b\\x7f\\xc3"));
	TU_CHECK(!strcmp(util_escape("a\\b", 3, buf, sizeof(buf)), "a\\\\b"));

	TU_CASE("escape_cuts_long_text_at_a_whole_escape");
	{
		char small[8];
		util_escape("abcdefghij", 10, small, sizeof(small));
		TU_CHECK(!strcmp(small, "abcd..."));
		util_escape("ab\x01\x02", 4, small, sizeof(small));
		TU_CHECK(!strcmp(small, "ab..."));
		util_escape("abcdefg", 7, small, sizeof(small));
		TU_CHECK(!strcmp(small, "abcdefg"));
	}
	return tu_finish();
}
