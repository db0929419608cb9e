/* SPDX-License-Identifier: BSD-2-Clause */
/* Numbers and escaping shared by the host tools: see util.h. */
#include "util.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The value of digit c in base 10 or 16, or -1. Not <ctype.h>: the
 * grammar must not depend on the locale. */
static int digit_value(char c, unsigned base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int util_parse_u64(const char *s, size_t len, uint64_t *out)
{
	static const char suffixes[] = "KMGT";
	const char *end = s + len;
	unsigned base = 10, digits = 0;
	bool after_digit = false;
	uint64_t v = 0;

	if (!len)
		return UTIL_NUM_EMPTY;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; s < end; s++) {
		if (*s == '_') {
			if (!after_digit || s + 1 == end ||
			    digit_value(s[1], base) < 0)
				return UTIL_NUM_SEPARATOR;
			after_digit = false;
			continue;
		}
		int d = digit_value(*s, base);
		if (d < 0)
			break;
		if (base == 10 && digits == 1 && v == 0)
			return UTIL_NUM_LEADING_ZERO;
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return UTIL_NUM_OVERFLOW;
		v = v * base + (unsigned)d;
		digits++;
		after_digit = true;
	}
	if (!digits)
		return UTIL_NUM_NOT_DIGIT;
	if (s < end) {
		char up = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
		const char *sfx = up ? strchr(suffixes, up) : NULL;
		if (!sfx || s + 1 != end)
			return UTIL_NUM_TRAILING;
		unsigned shift = 10 * (unsigned)(sfx - suffixes + 1);
		if (v > (UINT64_MAX >> shift))
			return UTIL_NUM_OVERFLOW;
		v <<= shift;
	}
	*out = v;
	return UTIL_NUM_OK;
}

const char *util_num_strerror(int err)
{
	switch (err) {
	case UTIL_NUM_OK:
		return "a number";
	case UTIL_NUM_EMPTY:
		return "empty, expected a number";
	case UTIL_NUM_NOT_DIGIT:
		return "not a number: expected decimal digits, or 0x and hex "
		       "digits";
	case UTIL_NUM_LEADING_ZERO:
		return "leading zeros are refused, as C would read the number "
		       "as octal: write it in decimal without them, or in 0x "
		       "hex";
	case UTIL_NUM_SEPARATOR:
		return "'_' may only stand between two digits";
	case UTIL_NUM_TRAILING:
		return "unexpected characters after the number (the only "
		       "suffixes are K, M, G and T)";
	case UTIL_NUM_OVERFLOW:
		return "larger than 2^64 - 1";
	}
	return "not a number";
}

/* One byte as the text util_escape writes for it; returns its length. */
static size_t escape_byte(unsigned char c, char out[5])
{
	if (c == '\\') {
		memcpy(out, "\\\\", 2);
		return 2;
	}
	if (c >= ' ' && c <= '~') {
		out[0] = (char)c;
		return 1;
	}
	snprintf(out, 5, "\\x%02x", c);
	return 4;
}

char *util_escape(const void *s, size_t n, char *buf, size_t size)
{
	const unsigned char *p = s;
	size_t need = 0, limit, o = 0;
	char one[5];

	if (!size)
		return buf;
	for (size_t i = 0; i < n; i++)
		need += escape_byte(p[i], one);
	/* Too long: whole escapes up to room for "..." and the NUL. */
	limit = need < size ? need : (size > 4 ? size - 4 : 0);
	for (size_t i = 0; i < n; i++) {
		size_t k = escape_byte(p[i], one);
		if (o + k > limit)
			break;
		memcpy(buf + o, one, k);
		o += k;
	}
	if (need >= size && size >= 4) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
