/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan's command line: the options, their values (numbers in the one
 * grammar of tools/util.h), and the choice of arch they lead to. Every
 * refusal names the option and its value, escaped.
 */
#define _POSIX_C_SOURCE 200809L

#include "ftplan.h"
#include "util.h"

#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("Usage: ftplan [OPTIONS] FILE\n"
	      "Plan a sparse frametable for the memory map in FILE (a DTB or "
	      "a\n"
	      "boards/*.banks list) and print the plan.\n"
	      "\n"
	      "  -a, --arch NAME          arm64 (default), riscv64, arm-mpu "
	      "or\n"
	      "                           arm32\n"
	      "  -g, --granule V, --variant V\n"
	      "                           arm64: 4k (default), 16k, 64k;\n"
	      "                           riscv64: sv39 (default), sv48\n"
	      "                           (Svnapot 64K), sv39-nonapot,\n"
	      "                           sv48-nonapot (no Svnapot);\n"
	      "                           arm-mpu: 4k; arm32: 4k (LPAE, Hyp\n"
	      "                           mode)\n"
	      "      --mpu-regions N      arm-mpu: MPU regions the banks and\n"
	      "                           the table may take, 0 no limit\n"
	      "                           (default 12: a Cortex-M55's 16\n"
	      "                           less the boot stub's 4)\n"
	      "      --desc-size N        bytes per descriptor (default 56;\n"
	      "                           arm32: 32)\n"
	      "      --pdx MODE           auto (default), none, mask, offset\n"
	      "      --pdx-slots N        offset lookup entries, power of two\n"
	      "                           2..64 (default 64)\n"
	      "      --group-order N      log2 frames per group (default:\n"
	      "                           derived from granule and desc size)\n"
	      "      --pa-bits N          physical address width (default 48;\n"
	      "                           arm32: 40)\n"
	      "      --policy P           default, min-memory or min-tlb\n"
	      "      --window-base ADDR   override the arch's frametable "
	      "window\n"
	      "      --window-size SIZE\n"
	      "  -j, --json               print one JSON object\n"
	      "  -n, --no-place           plan only; no physical addresses\n"
	      "      --svg FILE           also draw the plan as an SVG "
	      "picture\n"
	      "  -h, --help               print this help and exit\n"
	      "  -V, --version            print the version and exit\n"
	      "\n"
	      "Numbers: decimal (no leading zeros) or 0x hex, '_' between\n"
	      "digits, optional K/M/G/T (binary) suffix.\n"
	      "Exit status: 0 ok, 1 input or plan error, 2 usage error,\n"
	      "3 too many mappings for --json.\n",
	      f);
}

static void list_arches(FILE *f)
{
	const struct ft_arch *a, *prev = NULL;

	fputs("valid arches:", f);
	for (unsigned i = 0; (a = ft_arch_nth(i)); prev = a, i++) {
		if (prev && !strcmp(a->name, prev->name)) {
			fprintf(f, ", %s", a->variant);
			continue;
		}
		if (prev && *prev->variant)
			fputc(')', f);
		fprintf(f, "%s %s", prev ? "," : "", a->name);
		if (*a->variant)
			fprintf(f, " (%s", a->variant);
	}
	if (prev && *prev->variant)
		fputc(')', f);
	fputc('\n', f);
}

enum long_only {
	OPT_DESC_SIZE = 256,
	OPT_PDX,
	OPT_PDX_SLOTS,
	OPT_GROUP_ORDER,
	OPT_PA_BITS,
	OPT_POLICY,
	OPT_WINDOW_BASE,
	OPT_WINDOW_SIZE,
	OPT_SVG,
	OPT_MPU_REGIONS,
};

static const struct option long_opts[] = {
	{"arch", required_argument, NULL, 'a'},
	{"granule", required_argument, NULL, 'g'},
	{"variant", required_argument, NULL, 'g'},
	{"desc-size", required_argument, NULL, OPT_DESC_SIZE},
	{"pdx", required_argument, NULL, OPT_PDX},
	{"pdx-slots", required_argument, NULL, OPT_PDX_SLOTS},
	{"group-order", required_argument, NULL, OPT_GROUP_ORDER},
	{"pa-bits", required_argument, NULL, OPT_PA_BITS},
	{"policy", required_argument, NULL, OPT_POLICY},
	{"window-base", required_argument, NULL, OPT_WINDOW_BASE},
	{"window-size", required_argument, NULL, OPT_WINDOW_SIZE},
	{"json", no_argument, NULL, 'j'},
	{"no-place", no_argument, NULL, 'n'},
	{"svg", required_argument, NULL, OPT_SVG},
	{"mpu-regions", required_argument, NULL, OPT_MPU_REGIONS},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* An argument as messages show it: escaped, cut at 95 bytes. */
static const char *shown_arg(const char *arg, char shown[96])
{
	return util_escape(arg, strlen(arg), shown, 96);
}

static int bad_value(const char *opt, const char *arg, const char *want)
{
	char shown[96];

	ftplan_msg(stderr, "invalid value '%s' for --%s: %s",
		   shown_arg(arg, shown), opt, want);
	return FTPLAN_EXIT_USAGE;
}

static int number_arg(const char *opt, const char *arg, uint64_t min,
		      uint64_t max, uint64_t *out)
{
	char want[96];
	int rc = util_parse_u64(arg, strlen(arg), out);

	if (rc)
		return bad_value(opt, arg, util_num_strerror(rc));
	if (*out < min || *out > max) {
		snprintf(want, sizeof(want),
			 "expected a number from %" PRIu64 " to %" PRIu64, min,
			 max);
		return bad_value(opt, arg, want);
	}
	return 0;
}

/* The long name of the option getopt_long just returned. */
static const char *option_name(int c, int longindex)
{
	if (longindex >= 0)
		return long_opts[longindex].name;
	for (const struct option *o = long_opts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

void ftplan_options_default(struct ftplan_options *o)
{
	memset(o, 0, sizeof(*o));
	ft_params_default(&o->params);
	o->arch_name = "arm64";
	o->place = true;
}

int ftplan_parse_options(int argc, char **argv, struct ftplan_options *o,
			 const char **file)
{
	int c, rc, longindex = -1;
	char shown[96];
	uint64_t v;

	ftplan_options_default(o);
	opterr = 0; /* our own messages, with our own prefix */
	while ((c = getopt_long(argc, argv, ":a:g:jnhV", long_opts,
				&longindex)) != -1) {
		const char *name = option_name(c, longindex);
		rc = 0;
		longindex = -1;
		/* An empty value is never what was meant: it would be read
		 * as the default (--granule "") or as a file named "". */
		if (c != ':' && c != '?' && optarg && !*optarg)
			return bad_value(name, optarg, "the value is empty");
		switch (c) {
		case 'a':
			o->arch_name = optarg;
			break;
		case 'g':
			o->variant = optarg;
			break;
		case OPT_DESC_SIZE:
			rc = number_arg(name, optarg, 1, UINT32_MAX, &v);
			o->params.desc_size = (uint32_t)v;
			o->desc_size_set = true;
			break;
		case OPT_PDX:
			if (!strcmp(optarg, "auto"))
				o->params.pdx_mode = FT_PDX_AUTO;
			else if (!strcmp(optarg, "none"))
				o->params.pdx_mode = FT_PDX_NONE;
			else if (!strcmp(optarg, "mask"))
				o->params.pdx_mode = FT_PDX_MASK;
			else if (!strcmp(optarg, "offset"))
				o->params.pdx_mode = FT_PDX_OFFSET;
			else
				rc = bad_value(name, optarg,
					       "expected auto, none, mask or "
					       "offset");
			break;
		case OPT_PDX_SLOTS:
			rc = number_arg(name, optarg, 2,
					FT_PDX_OFFSET_MAX_SLOTS, &v);
			if (!rc && (v & (v - 1)))
				rc = bad_value(name, optarg,
					       "expected a power of two");
			o->params.pdx_offset_slots = (unsigned)v;
			break;
		case OPT_MPU_REGIONS:
			rc = number_arg(name, optarg, 0, 255, &v);
			o->mpu_regions = (unsigned)v;
			o->mpu_regions_set = true;
			break;
		case OPT_GROUP_ORDER:
			rc = number_arg(name, optarg, 0, 40, &v);
			o->params.group_order = (int)v;
			break;
		case OPT_PA_BITS:
			rc = number_arg(name, optarg, 1, 64, &v);
			o->params.pa_bits = (unsigned)v;
			o->pa_bits_set = true;
			break;
		case OPT_POLICY:
			if (!strcmp(optarg, "default"))
				o->params.policy = FT_POLICY_DEFAULT;
			else if (!strcmp(optarg, "min-memory"))
				o->params.policy = FT_POLICY_MIN_MEMORY;
			else if (!strcmp(optarg, "min-tlb"))
				o->params.policy = FT_POLICY_MIN_TLB;
			else
				rc = bad_value(name, optarg,
					       "expected default, min-memory "
					       "or min-tlb");
			break;
		case OPT_WINDOW_BASE:
			rc = number_arg(name, optarg, 0, UINT64_MAX,
					&o->window_base);
			o->window_base_set = true;
			break;
		case OPT_WINDOW_SIZE:
			rc = number_arg(name, optarg, 0, UINT64_MAX,
					&o->window_size);
			o->window_size_set = true;
			break;
		case 'j':
			o->json = true;
			break;
		case 'n':
			o->place = false;
			break;
		case OPT_SVG:
			o->svg = optarg;
			break;
		case 'h':
			usage(stdout);
			return FTPLAN_DONE;
		case 'V':
			printf("ftplan (frametable) " FT_VERSION "\n");
			return FTPLAN_DONE;
		case ':':
			ftplan_msg(stderr, "option '%s' needs a value",
				   shown_arg(argv[optind - 1], shown));
			rc = FTPLAN_EXIT_USAGE;
			break;
		default:
			if (optopt) {
				char opt[2] = {(char)optopt, '\0'};
				ftplan_msg(stderr, "unknown option '-%s'",
					   shown_arg(opt, shown));
			} else {
				ftplan_msg(stderr, "unknown option '%s'",
					   shown_arg(argv[optind - 1], shown));
			}
			fputs("Try 'ftplan --help'.\n", stderr);
			rc = FTPLAN_EXIT_USAGE;
			break;
		}
		if (rc)
			return rc;
	}
	if (optind + 1 != argc) {
		ftplan_msg(stderr, optind == argc ? "no input FILE"
						  : "more than one FILE");
		usage(stderr);
		return FTPLAN_EXIT_USAGE;
	}
	*file = argv[optind];
	return 0;
}

int ftplan_options_finish(struct ftplan_options *o, FILE *err)
{
	char variant[32] = "", shown[2][64];
	const struct ft_arch *a;
	struct ft_arch *out = &o->arch;

	if (o->variant) {
		size_t i;
		for (i = 0; o->variant[i] && i + 1 < sizeof(variant); i++)
			variant[i] =
				(char)tolower((unsigned char)o->variant[i]);
		variant[i] = '\0';
	}
	a = ft_arch_find(o->arch_name, o->variant ? variant : NULL);
	if (!a) {
		util_escape(o->arch_name, strlen(o->arch_name), shown[0],
			    sizeof(shown[0]));
		if (o->variant && ft_arch_find(o->arch_name, NULL))
			ftplan_msg(err, "unknown variant '%s' for --arch %s",
				   util_escape(o->variant, strlen(o->variant),
					       shown[1], sizeof(shown[1])),
				   shown[0]);
		else
			ftplan_msg(err, "unknown arch '%s'", shown[0]);
		fputs("ftplan: ", err);
		list_arches(err);
		return FTPLAN_EXIT_USAGE;
	}
	*out = *a;
	if (o->window_base_set) {
		/* Chunk edges are rounded in absolute VA: an unaligned window
		 * would give unaligned chunks. */
		if (o->window_base & ((UINT64_C(1) << a->page_shift) - 1)) {
			ftplan_msg(
				err,
				"--window-base 0x%" PRIx64 " is not aligned to "
				"the %" PRIu64 "-byte page",
				o->window_base, UINT64_C(1) << a->page_shift);
			return FTPLAN_EXIT_USAGE;
		}
		out->window_base = o->window_base;
	}
	if (o->window_size_set)
		out->window_size = o->window_size;
	if (o->mpu_regions_set) {
		if (!a->identity) {
			ftplan_msg(err,
				   "--mpu-regions is for an MPU arch "
				   "(arm-mpu), not %s",
				   a->name);
			return FTPLAN_EXIT_USAGE;
		}
		out->regions = o->mpu_regions;
	}
	/* The arch's host defaults (arm32: 32-byte descriptors, 40-bit PA). */
	if (!o->desc_size_set && a->desc_size)
		o->params.desc_size = a->desc_size;
	if (!o->pa_bits_set && a->pa_bits)
		o->params.pa_bits = a->pa_bits;
	if (o->params.pa_bits <= a->page_shift) {
		ftplan_msg(err,
			   "--pa-bits %u must be above the page shift (%u)",
			   o->params.pa_bits, a->page_shift);
		return FTPLAN_EXIT_USAGE;
	}
	if (!a->identity && o->params.group_order >= 0) {
		unsigned tz = (unsigned)__builtin_ctz(o->params.desc_size);
		unsigned min = tz >= a->page_shift ? 0 : a->page_shift - tz;
		if ((unsigned)o->params.group_order < min) {
			ftplan_msg(err,
				   "--group-order %d is below %u, the smallest "
				   "order "
				   "whose %" PRIu32
				   "-byte descriptors fill whole "
				   "%u-byte pages",
				   o->params.group_order, min,
				   o->params.desc_size, 1u << a->page_shift);
			return FTPLAN_EXIT_USAGE;
		}
	}
	return 0;
}
