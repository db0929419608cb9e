/* SPDX-License-Identifier: BSD-2-Clause */
/* Parser of the plain bank lists in boards/: see banksfile.h. */
/* strdup, opendir: POSIX, hosted only. */
#define _POSIX_C_SOURCE 200809L
#include "banksfile.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool banksfile_is_text_byte(unsigned char c)
{
	return c == '\t' || c == '\n' || c == '\r' || (c >= ' ' && c != 0x7f);
}

bool banksfile_is_binary(const char *text, size_t len, size_t *at)
{
	for (size_t i = 0; i < len && text[i] != '\n'; i++) {
		if (!banksfile_is_text_byte((unsigned char)text[i])) {
			if (at)
				*at = i;
			return true;
		}
	}
	return false;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A word ends at a blank, a comment or the end of the line. */
static const char *word_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t' && *p != '#')
		p++;
	return p;
}

static int fault(struct banksfile_error *err, enum banksfile_fault f,
		 unsigned line, const char *start, const char *at,
		 size_t token_len)
{
	if (err) {
		err->fault = f;
		err->line = line;
		err->column = (unsigned)(at - start) + 1;
		err->num_err = 0;
		err->token = token_len ? at : NULL;
		err->token_len = token_len;
	}
	return -1;
}

/* One line, [start, end) without its LF. */
static int parse_line(const char *start, const char *end, unsigned line,
		      const struct banksfile_line_cb *cb,
		      struct banksfile_error *err)
{
	static const enum banksfile_fault missing[] = {BANKSFILE_NO_BASE,
						       BANKSFILE_NO_SIZE};
	static const enum banksfile_fault bad[] = {BANKSFILE_BAD_BASE,
						   BANKSFILE_BAD_SIZE};
	uint64_t num[2];
	const char *p, *w;
	int is_mem, rc;

	for (p = start; p < end; p++)
		if (!banksfile_is_text_byte((unsigned char)*p))
			return fault(err,
				     *p ? BANKSFILE_NOT_TEXT : BANKSFILE_NUL,
				     line, start, p, 1);
	if (end > start && end[-1] == '\r')
		end--; /* CRLF line ends */
	p = skip_blanks(start, end);
	if (p == end || *p == '#')
		return 0;
	w = p;
	p = word_end(p, end);
	if (p - w == 6 && !memcmp(w, "memory", 6))
		is_mem = 1;
	else if (p - w == 8 && !memcmp(w, "reserved", 8))
		is_mem = 0;
	else
		return fault(err, BANKSFILE_KEYWORD, line, start, w,
			     (size_t)(p > w ? p - w : 1));
	for (int i = 0; i < 2; i++) {
		p = skip_blanks(p, end);
		if (p == end || *p == '#')
			return fault(err, missing[i], line, start, p, 0);
		w = p;
		p = word_end(p, end);
		rc = util_parse_u64(w, (size_t)(p - w), &num[i]);
		if (rc) {
			fault(err, bad[i], line, start, w, (size_t)(p - w));
			if (err)
				err->num_err = rc;
			return -1;
		}
	}
	p = skip_blanks(p, end);
	if (p < end && *p != '#')
		return fault(err, BANKSFILE_TRAILING, line, start, p,
			     (size_t)(word_end(p, end) - p));
	if (is_mem)
		return cb->memory ? cb->memory(cb->arg, num[0], num[1], line)
				  : 0;
	return cb->reserved ? cb->reserved(cb->arg, num[0], num[1], line) : 0;
}

int banksfile_parse(const char *text, size_t len,
		    const struct banksfile_line_cb *cb,
		    struct banksfile_error *err)
{
	const char *end = text + len;
	unsigned line = 0;

	while (text < end) {
		const char *eol = memchr(text, '\n', (size_t)(end - text));
		if (!eol)
			eol = end;
		int rc = parse_line(text, eol, ++line, cb, err);
		if (rc)
			return rc;
		text = eol < end ? eol + 1 : end;
	}
	return 0;
}

const char *banksfile_strerror(const struct banksfile_error *err, char *buf,
			       size_t size)
{
	static const char expected[] =
		"expected 'memory BASE SIZE' or 'reserved BASE SIZE'";
	char tok[64];

	util_escape(err->token, err->token_len, tok, sizeof(tok));
	switch (err->fault) {
	case BANKSFILE_OK:
		snprintf(buf, size, "no error");
		break;
	case BANKSFILE_NUL:
		snprintf(buf, size,
			 "NUL byte at column %u: a bank list is text, not "
			 "binary",
			 err->column);
		break;
	case BANKSFILE_NOT_TEXT:
		snprintf(buf, size, "byte '%s' at column %u is not text", tok,
			 err->column);
		break;
	case BANKSFILE_KEYWORD:
		snprintf(buf, size,
			 "malformed line: '%s' is neither 'memory' nor "
			 "'reserved'",
			 tok);
		break;
	case BANKSFILE_NO_BASE:
	case BANKSFILE_NO_SIZE:
		snprintf(buf, size, "malformed line: %s missing, %s",
			 err->fault == BANKSFILE_NO_BASE ? "BASE" : "SIZE",
			 expected);
		break;
	case BANKSFILE_BAD_BASE:
	case BANKSFILE_BAD_SIZE:
		snprintf(buf, size, "bad %s '%s': %s",
			 err->fault == BANKSFILE_BAD_BASE ? "BASE" : "SIZE",
			 tok, util_num_strerror(err->num_err));
		break;
	case BANKSFILE_TRAILING:
		snprintf(buf, size,
			 "malformed line: unexpected '%s' after SIZE", tok);
		break;
	}
	return buf;
}

char *banksfile_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t used = 0, cap = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - used < 4096) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nbuf = realloc(buf, ncap + 1);
			if (!nbuf) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nbuf;
			cap = ncap;
		}
		size_t n = fread(buf + used, 1, cap - used, f);
		used += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;
}

void banksfile_board_name(const char *text, size_t len, char *name, size_t size)
{
	static const char tag[] = "# board:";
	const size_t tag_len = sizeof(tag) - 1;
	const char *end = text + len, *p = NULL;
	size_t n = 0;

	if (size == 0)
		return;
	for (const char *q = text; !p && (size_t)(end - q) >= tag_len; q++)
		if (!memcmp(q, tag, tag_len))
			p = q + tag_len;
	if (p) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (p + n < end && p[n] && p[n] != '\n' && p[n] != '\r' &&
		       n + 1 < size)
			n++;
		memcpy(name, p, n);
	}
	name[n] = '\0';
}

struct load_state {
	struct ft_ctx *ctx;
	unsigned line;
};

static int load_memory(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct load_state *s = arg;
	s->line = line;
	return ft_add_bank(s->ctx, base, size);
}

static int load_reserved(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct load_state *s = arg;
	s->line = line;
	return ft_add_reserved(s->ctx, base, size);
}

int banksfile_load_buf(struct ft_ctx *ctx, const char *text, size_t len,
		       struct banksfile_error *err)
{
	struct load_state s = {ctx, 0};
	struct banksfile_line_cb cb = {load_memory, load_reserved, &s};
	struct banksfile_error scratch;
	int rc;

	if (!err)
		err = &scratch;
	memset(err, 0, sizeof(*err));
	rc = banksfile_parse(text, len, &cb, err);
	if (rc == -1)
		return -FT_ERR_BADPARAM;
	if (rc)
		err->line = s.line;
	return rc;
}

int banksfile_load(struct ft_ctx *ctx, const char *text, unsigned *bad_line)
{
	struct banksfile_error err;
	int rc = banksfile_load_buf(ctx, text, strlen(text), &err);

	if (rc && bad_line)
		*bad_line = err.line;
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int banksfile_list(const char *dir, char ***names, size_t *nr)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*nr = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 6, ".banks"))
			continue;
		if (*nr == cap) {
			cap = cap ? cap * 2 : 64;
			char **grown = realloc(*names, cap * sizeof(**names));
			if (!grown)
				goto fail;
			*names = grown;
		}
		(*names)[*nr] = strdup(de->d_name);
		if (!(*names)[*nr])
			goto fail;
		(*nr)++;
	}
	closedir(d);
	if (*nr)
		qsort(*names, *nr, sizeof(**names), cmp_names);
	return 0;
fail:
	closedir(d);
	for (size_t i = 0; i < *nr; i++)
		free((*names)[i]);
	free(*names);
	*names = NULL;
	*nr = 0;
	errno = ENOMEM;
	return -1;
}

const char *banksfile_human(uint64_t v, char *buf, size_t len)
{
	static const char *const unit[] = {"B",	  "KiB", "MiB", "GiB",
					   "TiB", "PiB", "EiB"};
	unsigned u = 0;

	while (u + 1 < sizeof(unit) / sizeof(unit[0]) &&
	       v >= (UINT64_C(1) << (10 * (u + 1))))
		u++;
	if (!u || !(v & ((UINT64_C(1) << (10 * u)) - 1)))
		snprintf(buf, len, "%" PRIu64 " %s", v >> (10 * u), unit[u]);
	else
		snprintf(buf, len, "%.2f %s",
			 (double)v / (double)(UINT64_C(1) << (10 * u)),
			 unit[u]);
	return buf;
}
