/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan: plan a sparse frametable for a memory map on the host, and print
 * the plan as a report or as JSON (docs/ftplan.md).
 *
 * Takes a DTB or a bank list (boards/NAME.banks) and the port to plan for.
 * This file only reads the command line and the file; ftplan_run()
 * (tools/ftplan-run.c) does the rest on the file's bytes, the same way
 * for the tool and for its fuzz target.
 */
#include "ftplan.h"
#include "banksfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct ftplan_options opt;
	const char *file = NULL;
	char *data;
	size_t len;
	int rc;

	rc = ftplan_parse_options(argc, argv, &opt, &file);
	if (rc == FTPLAN_DONE)
		return 0;
	if (!rc)
		rc = ftplan_options_finish(&opt, stderr);
	if (rc)
		return rc;
	data = banksfile_slurp(file, &len);
	if (!data) {
		ftplan_msg(stderr, "%s: %s", file, strerror(errno));
		return FTPLAN_EXIT_INPUT;
	}
	rc = ftplan_run(&opt, file, data, len, stdout, stderr);
	if (!rc && (fflush(stdout) || ferror(stdout))) {
		ftplan_msg(stderr, "writing the output: %s", strerror(errno));
		rc = FTPLAN_EXIT_INPUT;
	}
	free(data);
	return rc;
}
