/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What every host tool shares, as dtc's util.c: the one grammar of numbers
 * (options and bank lists alike) and the escaping of input bytes before
 * they reach a terminal. Hosted only.
 */
#ifndef FRAMETABLE_TOOLS_UTIL_H
#define FRAMETABLE_TOOLS_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Why a string is not a number (util_parse_u64); 0 means it is one. */
enum util_num_err {
	UTIL_NUM_OK = 0,
	UTIL_NUM_EMPTY,	       /* no characters at all */
	UTIL_NUM_NOT_DIGIT,    /* no digit where one must be ("-1", "0x") */
	UTIL_NUM_LEADING_ZERO, /* "010": C would read it as octal */
	UTIL_NUM_SEPARATOR,    /* '_' not between two digits ("8__0") */
	UTIL_NUM_TRAILING,     /* characters after the number ("16X") */
	UTIL_NUM_OVERFLOW,     /* 2^64 or more */
};

/*
 * The number grammar of every tool (docs/ftplan.md, "Numbers"):
 *
 *   number := digits suffix?
 *   digits := decimal | "0x" hex | "0X" hex
 *   decimal: [0-9], no leading 0 unless the number is 0 itself
 *   hex:     [0-9a-fA-F], leading zeros allowed
 *   '_' may stand between two digits of either, as a separator
 *   suffix := K | M | G | T, either case: times 2^10, 2^20, 2^30, 2^40
 *
 * Nothing else: no sign, no blanks, no octal, at most 2^64 - 1. Parses the
 * len bytes at s (no NUL needed); returns 0 with *out set, or an
 * enum util_num_err.
 */
int util_parse_u64(const char *s, size_t len, uint64_t *out);

/* The reason for a util_parse_u64 error, as a phrase that follows the
 * offending value in a message ("'010': leading zeros are refused..."). */
const char *util_num_strerror(int err);

/*
 * The n bytes at s, printable: bytes outside ' '..'~' become \xNN and a
 * backslash becomes \\, so that no input byte reaches a terminal raw.
 * Writes at most size bytes to buf (cut short with "..." if needed),
 * always NUL-terminated; returns buf.
 */
char *util_escape(const void *s, size_t n, char *buf, size_t size);

#endif
