/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan's parts (docs/ftplan.md). tools/ftplan.c reads the command line
 * (tools/ftplan-options.c) and the file, and hands the bytes to
 * ftplan_run() (tools/ftplan-run.c), which does everything else: tells a
 * DTB from a bank list, plans, places, names the culprit of an error, and
 * prints. The fuzz target tests/fuzz/fuzz-ftplan.c calls ftplan_run() on
 * its inputs, so it drives the very path the tool takes. The readable
 * report is tools/ftplan-report.c. Hosted only.
 */
#ifndef FRAMETABLE_TOOLS_FTPLAN_H
#define FRAMETABLE_TOOLS_FTPLAN_H

#include <frametable/frametable.h>

#include <stdio.h>

/* Exit statuses (docs/ftplan.md, "Errors and exit status"). */
#define FTPLAN_EXIT_OK	  0
#define FTPLAN_EXIT_INPUT 1
#define FTPLAN_EXIT_USAGE 2
#define FTPLAN_EXIT_FLOOD 3
/* Not a status: --help or --version was served, exit 0 now. */
#define FTPLAN_DONE (-1)

struct ftplan_options {
	const char *arch_name;
	const char *variant; /* NULL: the arch's first */
	struct ft_params params;
	/* --desc-size, --pa-bits given: else the arch's defaults apply. */
	bool desc_size_set, pa_bits_set;
	bool window_base_set, window_size_set;
	uint64_t window_base, window_size;
	/* --mpu-regions: replaces the identity arch's region budget. */
	bool mpu_regions_set;
	unsigned mpu_regions;
	bool json;
	bool place;
	const char *svg; /* --svg FILE, or NULL */
	/* Set by ftplan_options_finish(): the arch description chosen, with
	 * the window overrides applied. */
	struct ft_arch arch;
};

/* The defaults: arm64, its first variant, ft_params_default, placed,
 * the readable report. */
void ftplan_options_default(struct ftplan_options *o);

/* Parse argv into *o and *file. Returns 0, FTPLAN_EXIT_USAGE after saying
 * why on stderr, or FTPLAN_DONE after printing --help or --version. */
int ftplan_parse_options(int argc, char **argv, struct ftplan_options *o,
			 const char **file);

/* Choose the arch and check the options that depend on it; sets o->arch.
 * Returns 0, or FTPLAN_EXIT_USAGE after saying why on err. */
int ftplan_options_finish(struct ftplan_options *o, FILE *err);

/* Plan the memory map held in the len bytes at data (a DTB or a bank
 * list, told apart by their content; named path in messages) with the
 * finished options o, and print the plan on out: the report, or JSON.
 * Messages go to err, each line starting "ftplan: ", and hold no byte of
 * the input unescaped. Returns an FTPLAN_EXIT_* status; out gets nothing
 * unless it is FTPLAN_EXIT_OK. */
int ftplan_run(const struct ftplan_options *o, const char *path,
	       const char *data, size_t len, FILE *out, FILE *err);

/* The readable report of a planned (maybe placed) context. */
void ftplan_print_report(FILE *out, const char *path, const struct ft_ctx *ctx,
			 const struct ft_stats *s);

/* "ftplan: " fmt "\n" on f. */
__attribute__((format(printf, 2, 3))) void ftplan_msg(FILE *f, const char *fmt,
						      ...);

#endif
