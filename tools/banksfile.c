/* SPDX-License-Identifier: BSD-2-Clause */
/* Parser of the plain bank lists in boards/: see banksfile.h. */
/* strdup, opendir: POSIX, hosted only. */
#define _POSIX_C_SOURCE 200809L
#include "banksfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int parse_u64(const char **pp, uint64_t *out)
{
	const char *p = skip_blanks(*pp);
	char *end;

	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	unsigned long long v = strtoull(p, &end, 0);
	if (errno || end == p)
		return -1;
	*out = v;
	*pp = end;
	return 0;
}

int banksfile_parse(const char *text, const struct banksfile_line_cb *cb,
		    unsigned *bad_line)
{
	unsigned line = 0;

	while (*text) {
		const char *eol = strchr(text, '\n');
		const char *next = eol ? eol + 1 : text + strlen(text);
		const char *p = skip_blanks(text);
		uint64_t base, size;
		int is_mem;
		int rc;

		line++;
		if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0') {
			text = next;
			continue;
		}
		if (!strncmp(p, "memory", 6) && (p[6] == ' ' || p[6] == '\t')) {
			is_mem = 1;
			p += 6;
		} else if (!strncmp(p, "reserved", 8) &&
			   (p[8] == ' ' || p[8] == '\t')) {
			is_mem = 0;
			p += 8;
		} else {
			goto bad;
		}
		if (parse_u64(&p, &base) || parse_u64(&p, &size))
			goto bad;
		p = skip_blanks(p);
		if (*p != '#' && *p != '\n' && *p != '\r' && *p != '\0')
			goto bad;
		rc = is_mem ? (cb->memory
				       ? cb->memory(cb->arg, base, size, line)
				       : 0)
			    : (cb->reserved
				       ? cb->reserved(cb->arg, base, size, line)
				       : 0);
		if (rc)
			return rc;
		text = next;
	}
	return 0;
bad:
	if (bad_line)
		*bad_line = line;
	return -1;
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

void banksfile_board_name(const char *text, char *name, size_t size)
{
	const char *p = strstr(text, "# board:");
	size_t n = 0;

	if (size == 0)
		return;
	if (p) {
		p = skip_blanks(p + 8);
		while (p[n] && p[n] != '\n' && p[n] != '\r' && n + 1 < size)
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

int banksfile_load(struct ft_ctx *ctx, const char *text, unsigned *bad_line)
{
	struct load_state s = {ctx, 0};
	struct banksfile_line_cb cb = {load_memory, load_reserved, &s};
	int rc = banksfile_parse(text, &cb, bad_line);

	if (rc == -1)
		return -FT_ERR_BADPARAM;
	if (rc && bad_line)
		*bad_line = s.line;
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
