/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the input is a file handed to ftplan. ftplan_run()
 * (tools/ftplan-run.c) is the tool's own path after the command line: it
 * tells a DTB from a bank list or refuses the file as neither, loads it,
 * plans, places with the library's boot allocator, names the culprit of an
 * error, and prints. Each input runs twice, as `ftplan FILE` (the report
 * of a placed plan) and as `ftplan --json --no-place FILE`.
 *
 * Checked every time: the exit status is one ftplan documents for bad
 * input; on success stdout holds the plan (JSON: one object) and stderr
 * nothing; on failure stdout nothing and stderr whole lines that each
 * start "ftplan: "; and no byte but printable ASCII and newline reaches
 * either stream, whatever the input holds.
 */
#define _POSIX_C_SOURCE 200809L

#include "ftplan.h"
#include "fuzz-fail.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct stream {
	char *buf;
	size_t len;
	FILE *f;
};

static void stream_open(struct stream *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	if (!s->f)
		abort(); /* out of memory: not a finding */
}

static void check_printable(const struct stream *s, const char *name,
			    const char *run)
{
	for (size_t i = 0; i < s->len; i++) {
		unsigned char c = (unsigned char)s->buf[i];
		if (c != '\n' && (c < ' ' || c > '~'))
			fz_fail("%s: byte 0x%02x at offset %zu of %s is not "
				"printable",
				run, c, i, name);
	}
}

static void check_messages(const struct stream *err, const char *run)
{
	const char *p = err->buf, *end = err->buf + err->len;

	if (!err->len || end[-1] != '\n')
		fz_fail("%s: failed without a whole line on stderr", run);
	while (p < end) {
		if (end - p < 8 || memcmp(p, "ftplan: ", 8))
			fz_fail("%s: stderr line not prefixed 'ftplan: ': "
				"%.60s",
				run, p);
		p = (const char *)memchr(p, '\n', (size_t)(end - p)) + 1;
	}
}

static void run_once(const struct ftplan_options *o, const char *data,
		     size_t size, const char *run)
{
	struct stream out, err;
	int rc;

	stream_open(&out);
	stream_open(&err);
	rc = ftplan_run(o, "fuzz-input", data, size, out.f, err.f);
	if (fclose(out.f) || fclose(err.f))
		abort();
	check_printable(&out, "stdout", run);
	check_printable(&err, "stderr", run);
	switch (rc) {
	case FTPLAN_EXIT_OK:
		if (!out.len || err.len)
			fz_fail("%s: success with %zu bytes on stdout and %zu "
				"on stderr",
				run, out.len, err.len);
		if (o->json && (out.buf[0] != '{' || out.len < 3 ||
				memcmp(out.buf + out.len - 2, "}\n", 2)))
			fz_fail("%s: stdout is not one JSON object", run);
		break;
	case FTPLAN_EXIT_INPUT:
	case FTPLAN_EXIT_FLOOD:
		if (out.len)
			fz_fail("%s: exit %d with %zu bytes on stdout", run, rc,
				out.len);
		if (rc == FTPLAN_EXIT_FLOOD && !o->json)
			fz_fail("%s: too many mappings for a report", run);
		check_messages(&err, run);
		break;
	default:
		fz_fail("%s: exit status %d for an input file", run, rc);
	}
	fz_note("%s: exit %d%s%.*s", run, rc, err.len ? ": " : "",
		(int)strcspn(err.buf ? err.buf : "", "\n"),
		err.buf ? err.buf : "");
	free(out.buf);
	free(err.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ftplan_options report, json;
	static bool ready;
	/* libfdt reads the blob with aligned loads: its own copy, 8-byte
	 * aligned and exactly size bytes long (ASan sees overreads). */
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	if (!ready) {
		ftplan_options_default(&report);
		if (ftplan_options_finish(&report, stderr))
			fz_fail("ftplan's default options refused");
		json = report;
		json.json = true;
		json.place = false;
		ready = true;
	}
	memcpy(copy, data, size);
	run_once(&report, copy, size, "ftplan FILE");
	run_once(&json, copy, size, "ftplan --json --no-place FILE");
	free(copy);
	return 0;
}
