/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Replay driver: runs a fuzz target's LLVMFuzzerTestOneInput over every
 * file of one or more corpus directories (or single files), so that
 * `make check` replays the corpora and regression inputs with a plain
 * compiler, without libFuzzer. Directories come from argv, else from the
 * environment variable FT_FUZZ_CORPUS (several separated by ':').
 * An invariant failure traps (abort); an input that runs longer than
 * FT_FUZZ_TIMEOUT seconds (default 60) is a hang: the driver names it and
 * exits 1. Otherwise exit 0 if every input ran, 1 if one could not be read
 * or no input was found.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned replayed, failed;

/* The input running now, for the timeout's message. */
static const char *volatile current;

static void on_timeout(int sig)
{
	static const char what[] = "replay: timeout (a hang) on ";
	const char *p = current;

	(void)sig;
	/* Only async-signal-safe calls here. */
	if (write(2, what, sizeof(what) - 1) < 0 || !p)
		_exit(1);
	if (write(2, p, strlen(p)) < 0 || write(2, "\n", 1) < 0)
		_exit(1);
	_exit(1);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned timeout_seconds(void)
{
	const char *env = getenv("FT_FUZZ_TIMEOUT");
	long s = env ? strtol(env, NULL, 10) : 0;

	return s > 0 && s < 86400 ? (unsigned)s : 60;
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "replay: cannot open %s\n", path);
		failed++;
		return;
	}
	do {
		if (cap - len < 65536) {
			uint8_t *nb = realloc(buf, cap + 65536);
			if (!nb) {
				fprintf(stderr, "replay: out of memory on %s\n",
					path);
				free(buf);
				fclose(f);
				failed++;
				return;
			}
			buf = nb;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(buf);
		fclose(f);
		failed++;
		return;
	}
	fclose(f);
	/* Exactly len bytes, as libFuzzer gives them (ASan sees overreads). */
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		failed++;
		return;
	}
	memcpy(exact, buf, len);
	free(buf);
	if (getenv("FT_FUZZ_VERBOSE"))
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	current = path;
	alarm(timeout_seconds());
	LLVMFuzzerTestOneInput(exact, len);
	alarm(0);
	free(exact);
	replayed++;
}

static void run_path(const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: no such file or directory: %s\n",
			path);
		failed++;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "replay: cannot open directory %s\n", path);
		failed++;
		return;
	}
	char **names = NULL;
	size_t nr = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		/* Skip dot files and READMEs: they describe, not feed. */
		if (e->d_name[0] == '.' || !strncmp(e->d_name, "README", 6))
			continue;
		if (nr == cap) {
			cap = cap ? 2 * cap : 64;
			char **nn = realloc(names, cap * sizeof(*names));
			if (!nn)
				break;
			names = nn;
		}
		size_t l = strlen(path) + strlen(e->d_name) + 2;
		names[nr] = malloc(l);
		if (!names[nr])
			break;
		snprintf(names[nr], l, "%s/%s", path, e->d_name);
		nr++;
	}
	closedir(d);
	qsort(names, nr, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nr; i++) {
		if (!stat(names[i], &st) && S_ISREG(st.st_mode))
			run_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	signal(SIGALRM, on_timeout);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			run_path(argv[i]);
	} else {
		const char *env = getenv("FT_FUZZ_CORPUS");
		if (!env || !*env) {
			fprintf(stderr,
				"usage: %s DIR|FILE... (or "
				"FT_FUZZ_CORPUS=DIR[:DIR])\n",
				argv[0]);
			return 1;
		}
		char *copy = strdup(env), *save = NULL;
		for (char *p = strtok_r(copy, ":", &save); p;
		     p = strtok_r(NULL, ":", &save))
			run_path(p);
		free(copy);
	}
	printf("replayed %u inputs\n", replayed);
	return failed || !replayed ? 1 : 0;
}
