/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Plain bank lists (the .banks files of boards/): one "memory BASE SIZE" or
 * "reserved BASE SIZE" per line, numbers in the grammar of util.h
 * (util_parse_u64), '#' starts a comment; "# board: NAME" names the board.
 * A bank list is text: a NUL or another control byte (but tab, CR, LF) is
 * an error naming its line. Hosted only.
 */
#ifndef FRAMETABLE_TOOLS_BANKSFILE_H
#define FRAMETABLE_TOOLS_BANKSFILE_H

#include <frametable/frametable.h>

struct banksfile_line_cb {
	/* Called per memory / reserved line; return non-zero to stop. */
	int (*memory)(void *arg, uint64_t base, uint64_t size, unsigned line);
	int (*reserved)(void *arg, uint64_t base, uint64_t size, unsigned line);
	void *arg;
};

/* What is wrong with a line of a bank list. */
enum banksfile_fault {
	BANKSFILE_OK = 0,
	BANKSFILE_NUL,	    /* a NUL byte: binary data, not a bank list */
	BANKSFILE_NOT_TEXT, /* another control byte */
	BANKSFILE_KEYWORD,  /* the first word is not memory or reserved */
	BANKSFILE_NO_BASE,  /* the line ends before BASE */
	BANKSFILE_NO_SIZE,  /* the line ends before SIZE */
	BANKSFILE_BAD_BASE, /* BASE is not a number of the grammar */
	BANKSFILE_BAD_SIZE, /* SIZE is not a number of the grammar */
	BANKSFILE_TRAILING, /* more than a comment after SIZE */
};

struct banksfile_error {
	enum banksfile_fault fault;
	unsigned line;	   /* 1-based line of the problem */
	unsigned column;   /* 1-based byte column where it starts */
	int num_err;	   /* BAD_BASE / BAD_SIZE: util_parse_u64's reason */
	const char *token; /* the offending bytes, inside the text, or NULL */
	size_t token_len;
};

/* Parse the len bytes of text (no NUL needed). Returns 0, the callback's
 * non-zero value, or -1 with *err (if not NULL) naming the first
 * malformed line. */
int banksfile_parse(const char *text, size_t len,
		    const struct banksfile_line_cb *cb,
		    struct banksfile_error *err);

/* What err says, for a message after "FILE:LINE: ", input bytes escaped
 * (util_escape): "NUL byte at column 5: a bank list is text". */
const char *banksfile_strerror(const struct banksfile_error *err, char *buf,
			       size_t size);

/* Can byte c appear in a bank list? Tab, LF, CR, ' '..'~', and bytes from
 * 0x80 (UTF-8 in comments); not NUL, other controls or DEL. */
bool banksfile_is_text_byte(unsigned char c);

/* Is the input binary rather than a bank list, whatever else it is? Yes
 * when its first line holds a byte that is not text; *at (if not NULL)
 * is then that byte's offset. A bad byte further down is a bank list's
 * error, named by its line (banksfile_parse). */
bool banksfile_is_binary(const char *text, size_t len, size_t *at);

/* Read a whole file into a NUL-terminated heap buffer (free() it); sets
 * *len when not NULL. NULL with errno on failure. */
char *banksfile_slurp(const char *path, size_t *len);

/* Copy the "# board: NAME" value of the len bytes of text into name (size
 * bytes, NUL-terminated); "" if none. */
void banksfile_board_name(const char *text, size_t len, char *name,
			  size_t size);

/* Feed the len bytes of a bank list into a context: ft_add_bank /
 * ft_add_reserved for each line. Returns 0; a negative ft_err from the
 * library, with err->line naming its line (fault BANKSFILE_OK); or
 * -FT_ERR_BADPARAM for a malformed line, with *err naming it and
 * ctx->err untouched. */
int banksfile_load_buf(struct ft_ctx *ctx, const char *text, size_t len,
		       struct banksfile_error *err);

/* The same for NUL-terminated text; *bad_line is the line at fault. */
int banksfile_load(struct ft_ctx *ctx, const char *text, unsigned *bad_line);

/* The names of the *.banks files of dir, sorted (so that two runs' outputs
 * can be diffed). *names is a heap array of heap strings: free each and
 * it. 0, or -1 with errno set. */
int banksfile_list(const char *dir, char ***names, size_t *nr);

/* "2 GiB", "1.50 MiB", "56 B": a byte count for people. */
const char *banksfile_human(uint64_t v, char *buf, size_t len);

#endif
