/* SPDX-License-Identifier: BSD-2-Clause */
/* Bank lists (tools/banksfile.c): what they hold, and each way a line can
 * be wrong, named by its line. */
#include "testutil.h"
#include "banksfile.h"
#include "util.h"

#include <string.h>

struct seen {
	unsigned n;
	uint64_t base[8], size[8];
	unsigned line[8];
	bool reserved[8];
};

static int add(struct seen *s, uint64_t base, uint64_t size, unsigned line,
	       bool reserved)
{
	if (s->n < 8) {
		s->base[s->n] = base;
		s->size[s->n] = size;
		s->line[s->n] = line;
		s->reserved[s->n] = reserved;
	}
	s->n++;
	return 0;
}

static int on_memory(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	return add(arg, base, size, line, false);
}

static int on_reserved(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	return add(arg, base, size, line, true);
}

static int parse(const char *text, size_t len, struct seen *s,
		 struct banksfile_error *err)
{
	struct banksfile_line_cb cb = {on_memory, on_reserved, s};

	memset(s, 0, sizeof(*s));
	memset(err, 0, sizeof(*err));
	return banksfile_parse(text, len, &cb, err);
}

#define PARSE(text, s, err) parse(text, sizeof(text) - 1, s, err)

static bool says(const struct banksfile_error *err, const char *part)
{
	char buf[256];

	banksfile_strerror(err, buf, sizeof(buf));
	if (strstr(buf, part))
		return true;
	printf("  message was: %s\n", buf);
	return false;
}

int main(void)
{
	struct banksfile_error err;
	struct seen s;

	TU_CASE("lines_comments_and_crlf");
	TU_CHECK_EQ(PARSE("# board: test\n"
			  "memory 0x80000000 2G # low\r\n"
			  "\n"
			  "\treserved 0x8_0000_0000 4K#fw\n"
			  "memory 4096 0x1000",
			  &s, &err),
		    0);
	TU_CHECK_EQ(s.n, 3);
	TU_CHECK_EQ(s.size[0], UINT64_C(2) << 30);
	TU_CHECK_EQ(s.line[1], 4);
	TU_CHECK(s.reserved[1]);
	TU_CHECK_EQ(s.base[1], 0x800000000);
	TU_CHECK_EQ(s.base[2], 4096);

	TU_CASE("a_nul_byte_is_an_error_naming_its_line");
	TU_CHECK_EQ(PARSE("memory 0x0 0x1000\n\0memory 0x100000 0x1000\n", &s,
			  &err),
		    -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_NUL);
	TU_CHECK_EQ(err.line, 2);
	TU_CHECK_EQ(err.column, 1);
	TU_CHECK(says(&err, "NUL byte at column 1"));
	/* Even in a comment, and even at the very end. */
	TU_CHECK_EQ(PARSE("# a \0 comment\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_NUL);
	TU_CHECK_EQ(PARSE("memory 0x0 0x1000\n\0", &s, &err), -1);
	TU_CHECK_EQ(err.line, 2);

	TU_CASE("control_bytes_are_not_text");
	TU_CHECK_EQ(PARSE("memory 0x0 0x1000\nmemory \x1b[1m\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_NOT_TEXT);
	TU_CHECK_EQ(err.line, 2);
	TU_CHECK(says(&err, "byte '\\x1b' at column 8 is not text"));
	TU_CHECK_EQ(
		PARSE("# board: Z\xc3\xbcrich\nmemory 0x0 0x1000\n", &s, &err),
		0);

	TU_CASE("numbers_follow_the_one_grammar");
	TU_CHECK_EQ(PARSE("memory 010 0x1000\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_BAD_BASE);
	TU_CHECK_EQ(err.num_err, UTIL_NUM_LEADING_ZERO);
	TU_CHECK(says(&err, "bad BASE '010': leading zeros"));
	TU_CHECK_EQ(PARSE("memory 0x0 8__0\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_BAD_SIZE);
	TU_CHECK_EQ(PARSE("memory -1 0x1000\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_BAD_BASE);
	TU_CHECK_EQ(PARSE("memory 0x0 0x1_0000_0000_0000_0000\n", &s, &err),
		    -1);
	TU_CHECK_EQ(err.num_err, UTIL_NUM_OVERFLOW);

	TU_CASE("each_malformed_line_says_what_is_wrong");
	TU_CHECK_EQ(PARSE("memroy 0x0 0x1000\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_KEYWORD);
	TU_CHECK(says(&err, "'memroy' is neither"));
	TU_CHECK_EQ(PARSE("memory\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_NO_BASE);
	TU_CHECK_EQ(PARSE("memory 0x0 # no size\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_NO_SIZE);
	TU_CHECK_EQ(PARSE("memory 0x0 0x1000 0x2000\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_TRAILING);
	TU_CHECK(says(&err, "unexpected '0x2000' after SIZE"));
	TU_CHECK_EQ(PARSE("memory 0x0 0x1000\rjunk\n", &s, &err), -1);
	TU_CHECK_EQ(err.fault, BANKSFILE_BAD_SIZE);

	TU_CASE("binary_is_told_by_its_first_line");
	{
		size_t at = 99;
		TU_CHECK(banksfile_is_binary("\xd0\x0d\xfe\xee\0\0", 6, &at));
		TU_CHECK_EQ(at, 4);
		TU_CHECK(
			!banksfile_is_binary("memory 0x0 0x1000\n\0", 19, &at));
		TU_CHECK(!banksfile_is_binary("", 0, &at));
		TU_CHECK(!banksfile_is_binary("# Z\xc3\xbcrich\n", 10, &at));
	}

	TU_CASE("board_name_stays_inside_the_text");
	{
		char name[16];
		banksfile_board_name("# board: abcdef", 12, name, sizeof(name));
		TU_CHECK(!strcmp(name, "abc"));
		banksfile_board_name("# boa", 5, name, sizeof(name));
		TU_CHECK(!strcmp(name, ""));
	}
	return tu_finish();
}
