/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Plain bank lists (the .banks files of boards/): one "memory BASE SIZE" or
 * "reserved BASE SIZE" per line, numbers in C notation (0x...), '#' starts
 * a comment; "# board: NAME" names the board. Hosted only.
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

/* Parse text. Returns 0, the callback's non-zero value, or -1 with
 * *bad_line set to the first malformed line (1-based). */
int banksfile_parse(const char *text, const struct banksfile_line_cb *cb,
		    unsigned *bad_line);

/* Read a whole file into a NUL-terminated heap buffer (free() it); sets
 * *len when not NULL. NULL with errno on failure. */
char *banksfile_slurp(const char *path, size_t *len);

/* Copy the "# board: NAME" value into name (size bytes); "" if none. */
void banksfile_board_name(const char *text, char *name, size_t size);

/* Feed a bank list into a context: ft_add_bank / ft_add_reserved for each
 * line. Returns 0, a negative ft_err from the library (with the line in
 * *bad_line), or -FT_ERR_BADPARAM for a malformed line. */
int banksfile_load(struct ft_ctx *ctx, const char *text, unsigned *bad_line);

/* The names of the *.banks files of dir, sorted (so that two runs' outputs
 * can be diffed). *names is a heap array of heap strings: free each and
 * it. 0, or -1 with errno set. */
int banksfile_list(const char *dir, char ***names, size_t *nr);

/* "2 GiB", "1.50 MiB", "56 B": a byte count for people. */
const char *banksfile_human(uint64_t v, char *buf, size_t len);

#endif
