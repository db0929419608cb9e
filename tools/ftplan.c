/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftplan: plan a sparse frametable for a memory map on the host, and print
 * the plan as a report or as JSON (docs/ftplan.md).
 *
 * Takes a DTB or a bank list (boards/NAME.banks) and the port to plan for; runs
 * the library's planner, then places the chunks with the library's own boot
 * allocator over the same banks minus reserved ranges, so the PAs shown
 * are the ones a boot stub would get. Errors name the culprit (bank, line,
 * node, chunk) from ctx->err; nothing is printed half-way: the whole plan
 * is made before any output.
 *
 * The library never allocates; the tool owns its storage and grows it when
 * the library says it is too small, then plans again from scratch.
 */
#define _POSIX_C_SOURCE 200809L

#include <frametable/frametable.h>
#include <frametable/bootalloc.h>
#include "banksfile.h"
#include "planjson.h"
#include "svg.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_INPUT 1
#define EXIT_USAGE 2
#define EXIT_FLOOD 3

/* Beyond this, --json would print more than anyone can read or diff. */
#define MAX_JSON_MAPPINGS 1000000u

/* Storage caps: far above any real board, low enough that a hostile input
 * cannot make the tool eat the host's memory. */
#define MAX_BANK_SLOTS	(1u << 22)
#define MAX_CHUNK_SLOTS (1u << 22)
#define MAX_GROUP_WORDS ((size_t)1 << 26)

#define FDT_MAGIC_BYTES "\xd0\x0d\xfe\xed"

struct options {
	const char *arch_name;
	const char *variant;
	struct ft_params params;
	bool window_base_set, window_size_set;
	uint64_t window_base, window_size;
	bool json;
	bool place;
	const char *svg; /* --svg FILE, or NULL */
	const char *file;
};

struct input {
	const char *path;
	char *data; /* NUL-terminated by banksfile_slurp */
	size_t len;
	bool is_dtb;
};

struct run {
	const struct options *opt;
	struct input in;
	struct ft_arch arch; /* a copy: the window may be overridden */
	struct ft_storage st;
	struct ft_ctx ctx;
	unsigned bad_line; /* banks file: line of the last load error */
	struct ft_bootalloc ba;
	struct ft_bank *ba_storage;
	struct ft_stats stats;
};

static void msg(const char *fmt, ...)
{
	va_list ap;

	fputs("ftplan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- numbers ---- */

/* Plain, 0x hex, optional '_' separators, optional K/M/G/T (binary). */
static int parse_size(const char *s, uint64_t *out)
{
	unsigned base = 10, shift = 0, digits = 0;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		int c = tolower((unsigned char)*s);
		unsigned d;

		if (c == '_' && digits)
			continue;
		if (isdigit(c))
			d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
		digits++;
	}
	if (!digits)
		return -1;
	if (*s) {
		const char *sfx = strchr("kmgt", tolower((unsigned char)*s));
		if (!sfx || s[1])
			return -1;
		shift = 10 * (unsigned)(sfx - "kmgt" + 1);
		if (v > (UINT64_MAX >> shift))
			return -1;
		v <<= shift;
	}
	*out = v;
	return 0;
}

/* ---- options ---- */

static void usage(FILE *f)
{
	fputs("Usage: ftplan [OPTIONS] FILE\n"
	      "Plan a sparse frametable for the memory map in FILE (a DTB or "
	      "a\n"
	      "boards/*.banks list) and print the plan.\n"
	      "\n"
	      "  -a, --arch NAME          arm64 (default), riscv64 or arm-mpu\n"
	      "  -g, --granule V, --variant V\n"
	      "                           arm64: 4k (default), 16k, 64k;\n"
	      "                           riscv64: sv39 (default), sv48\n"
	      "      --desc-size N        bytes per descriptor (default 56)\n"
	      "      --pdx MODE           auto (default), none, mask, offset\n"
	      "      --pdx-slots N        offset lookup entries, power of two\n"
	      "                           2..64 (default 64)\n"
	      "      --group-order N      log2 frames per group (default:\n"
	      "                           derived from granule and desc size)\n"
	      "      --pa-bits N          physical address width (default 48)\n"
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
	      "Sizes accept decimal, 0x hex, '_' separators and K/M/G/T.\n"
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
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static int bad_value(const char *opt, const char *arg, const char *want)
{
	msg("invalid value '%s' for --%s: %s", arg, opt, want);
	return EXIT_USAGE;
}

static int number_arg(const char *opt, const char *arg, uint64_t min,
		      uint64_t max, uint64_t *out)
{
	char want[96];

	if (parse_size(arg, out) || *out < min || *out > max) {
		snprintf(want, sizeof(want),
			 "expected a number from %" PRIu64 " to %" PRIu64, min,
			 max);
		return bad_value(opt, arg, want);
	}
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	uint64_t v;
	int c, rc;

	ft_params_default(&o->params);
	o->arch_name = "arm64";
	o->place = true;
	opterr = 0; /* our own messages, with our own prefix */
	while ((c = getopt_long(argc, argv, ":a:g:jnhV", long_opts, NULL)) !=
	       -1) {
		rc = 0;
		switch (c) {
		case 'a':
			o->arch_name = optarg;
			break;
		case 'g':
			o->variant = optarg;
			break;
		case OPT_DESC_SIZE:
			rc = number_arg("desc-size", optarg, 1, UINT32_MAX, &v);
			o->params.desc_size = (uint32_t)v;
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
				rc = bad_value("pdx", optarg,
					       "expected auto, none, mask or "
					       "offset");
			break;
		case OPT_PDX_SLOTS:
			rc = number_arg("pdx-slots", optarg, 2,
					FT_PDX_OFFSET_MAX_SLOTS, &v);
			if (!rc && (v & (v - 1)))
				rc = bad_value("pdx-slots", optarg,
					       "expected a power of two");
			o->params.pdx_offset_slots = (unsigned)v;
			break;
		case OPT_GROUP_ORDER:
			rc = number_arg("group-order", optarg, 0, 40, &v);
			o->params.group_order = (int)v;
			break;
		case OPT_PA_BITS:
			rc = number_arg("pa-bits", optarg, 1, 64, &v);
			o->params.pa_bits = (unsigned)v;
			break;
		case OPT_POLICY:
			if (!strcmp(optarg, "default"))
				o->params.policy = FT_POLICY_DEFAULT;
			else if (!strcmp(optarg, "min-memory"))
				o->params.policy = FT_POLICY_MIN_MEMORY;
			else if (!strcmp(optarg, "min-tlb"))
				o->params.policy = FT_POLICY_MIN_TLB;
			else
				rc = bad_value("policy", optarg,
					       "expected default, min-memory "
					       "or min-tlb");
			break;
		case OPT_WINDOW_BASE:
			rc = number_arg("window-base", optarg, 0, UINT64_MAX,
					&o->window_base);
			o->window_base_set = true;
			break;
		case OPT_WINDOW_SIZE:
			rc = number_arg("window-size", optarg, 0, UINT64_MAX,
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
			exit(0);
		case 'V':
			printf("ftplan (frametable) " FT_VERSION "\n");
			exit(0);
		case ':':
			msg("option '%s' needs a value", argv[optind - 1]);
			rc = EXIT_USAGE;
			break;
		default:
			if (optopt)
				msg("unknown option '-%c'", optopt);
			else
				msg("unknown option '%s'", argv[optind - 1]);
			fputs("Try 'ftplan --help'.\n", stderr);
			rc = EXIT_USAGE;
			break;
		}
		if (rc)
			return rc;
	}
	if (optind + 1 != argc) {
		msg(optind == argc ? "no input FILE" : "more than one FILE");
		usage(stderr);
		return EXIT_USAGE;
	}
	o->file = argv[optind];
	return 0;
}

/* Pick the arch description and apply the overrides that depend on it. */
static int choose_arch(const struct options *o, struct ft_arch *out)
{
	char variant[32] = "";
	const struct ft_arch *a;

	if (o->variant) {
		size_t i;
		for (i = 0; o->variant[i] && i + 1 < sizeof(variant); i++)
			variant[i] =
				(char)tolower((unsigned char)o->variant[i]);
		variant[i] = '\0';
	}
	a = ft_arch_find(o->arch_name, o->variant ? variant : NULL);
	if (!a) {
		if (o->variant && ft_arch_find(o->arch_name, NULL))
			msg("unknown variant '%s' for --arch %s", o->variant,
			    o->arch_name);
		else
			msg("unknown arch '%s'", o->arch_name);
		fputs("ftplan: ", stderr);
		list_arches(stderr);
		return EXIT_USAGE;
	}
	*out = *a;
	if (o->window_base_set) {
		/* Chunk edges are rounded in absolute VA: an unaligned window
		 * would give unaligned chunks. */
		if (o->window_base & ((UINT64_C(1) << a->page_shift) - 1)) {
			msg("--window-base 0x%" PRIx64 " is not aligned to "
			    "the %" PRIu64 "-byte page",
			    o->window_base, UINT64_C(1) << a->page_shift);
			return EXIT_USAGE;
		}
		out->window_base = o->window_base;
	}
	if (o->window_size_set)
		out->window_size = o->window_size;
	if (o->params.pa_bits <= a->page_shift) {
		msg("--pa-bits %u must be above the page shift (%u)",
		    o->params.pa_bits, a->page_shift);
		return EXIT_USAGE;
	}
	if (!a->identity && o->params.group_order >= 0) {
		unsigned tz = (unsigned)__builtin_ctz(o->params.desc_size);
		unsigned min = tz >= a->page_shift ? 0 : a->page_shift - tz;
		if ((unsigned)o->params.group_order < min) {
			msg("--group-order %d is below %u, the smallest order "
			    "whose %" PRIu32 "-byte descriptors fill whole "
			    "%u-byte pages",
			    o->params.group_order, min, o->params.desc_size,
			    1u << a->page_shift);
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* ---- storage: grown on demand, the plan redone from scratch ---- */

static void storage_free(struct ft_storage *st)
{
	free(st->banks);
	free(st->reserved);
	free(st->chunks);
	free(st->group_words);
	memset(st, 0, sizeof(*st));
}

static int storage_alloc(struct ft_storage *st, unsigned nb, unsigned nr,
			 unsigned nc, size_t nw)
{
	storage_free(st);
	st->banks = calloc(nb, sizeof(*st->banks));
	st->reserved = calloc(nr, sizeof(*st->reserved));
	st->chunks = calloc(nc, sizeof(*st->chunks));
	st->group_words = calloc(nw, sizeof(*st->group_words));
	if (!st->banks || !st->reserved || !st->chunks || !st->group_words) {
		storage_free(st);
		return -1;
	}
	st->max_banks = nb;
	st->max_reserved = nr;
	st->max_chunks = nc;
	st->max_group_words = nw;
	return 0;
}

static uint64_t grown(uint64_t have, uint64_t need, uint64_t cap)
{
	uint64_t n = have * 2 > need ? have * 2 : need;

	return n > cap ? cap : n;
}

/* After a storage error: a larger storage, or false when at the cap. */
static bool storage_grow(struct run *r, int rc)
{
	struct ft_storage *st = &r->st;
	const struct ft_error_info *e = &r->ctx.err;
	uint64_t nb = st->max_banks, nr = st->max_reserved;
	uint64_t nc = st->max_chunks, nw = st->max_group_words;

	switch (-rc) {
	case FT_ERR_TOOMANYBANKS:
		nb = grown(nb, e->need, MAX_BANK_SLOTS);
		if (nb == st->max_banks)
			return false;
		break;
	case FT_ERR_TOOMANYRESERVED:
		nr = grown(nr, e->need, MAX_BANK_SLOTS);
		if (nr == st->max_reserved)
			return false;
		break;
	case FT_ERR_TOOMANYCHUNKS:
		nc = grown(nc, e->need, MAX_CHUNK_SLOTS);
		if (nc == st->max_chunks)
			return false;
		break;
	case FT_ERR_GROUPS_FULL:
		if (e->need > MAX_GROUP_WORDS)
			return false;
		nw = e->need;
		break;
	default:
		return false;
	}
	if (storage_alloc(st, (unsigned)nb, (unsigned)nr, (unsigned)nc,
			  (size_t)nw)) {
		msg("out of memory");
		exit(EXIT_INPUT);
	}
	return true;
}

/* ---- input ---- */

static int read_input(const char *path, struct input *in)
{
	in->path = path;
	in->data = banksfile_slurp(path, &in->len);
	if (!in->data) {
		msg("%s: %s", path, strerror(errno));
		return EXIT_INPUT;
	}
	in->is_dtb = in->len >= 4 && !memcmp(in->data, FDT_MAGIC_BYTES, 4);
	return 0;
}

static int load_input(struct run *r)
{
	r->bad_line = 0;
	if (r->in.is_dtb)
		return ft_add_fdt(&r->ctx, r->in.data, r->in.len);
	return banksfile_load(&r->ctx, r->in.data, &r->bad_line);
}

/* ---- naming the culprit of an error ---- */

struct find_line {
	uint64_t base, size;
	unsigned line;
};

static int match_line(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct find_line *f = arg;

	if (base != f->base || size != f->size)
		return 0;
	f->line = line;
	return 1;
}

/* fdt_get_path() of libfdt 1.6 crashes on an offset that is not a node's
 * start (e.g. the root's end tag), so check what the offset points at. */
static bool node_path(const void *fdt, int node, char *path, int len)
{
	int next;

	if (node < 0 || fdt_check_header(fdt) ||
	    fdt_next_tag(fdt, node, &next) != FDT_BEGIN_NODE)
		return false;
	return fdt_get_path(fdt, node, path, len) == 0;
}

static uint64_t read_cells(const fdt32_t *c, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(c[i]);
	return v;
}

/* The DTB node whose reg holds (base, size), as a path; false if none. */
static bool fdt_node_of(const void *fdt, uint64_t base, uint64_t size,
			char *path, int len)
{
	int depth = 0;

	for (int n = fdt_next_node(fdt, 0, &depth); n >= 0;
	     n = fdt_next_node(fdt, n, &depth)) {
		int plen, parent = fdt_parent_offset(fdt, n);
		const fdt32_t *reg = fdt_getprop(fdt, n, "reg", &plen);
		if (!reg || parent < 0)
			continue;
		int ac = fdt_address_cells(fdt, parent);
		int sc = fdt_size_cells(fdt, parent);
		if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;
		int cells = plen / (int)sizeof(fdt32_t);
		for (int i = 0; i + ac + sc <= cells; i += ac + sc) {
			if (read_cells(reg + i, ac) == base &&
			    read_cells(reg + i + ac, sc) == size)
				return node_path(fdt, n, path, len);
		}
	}
	return false;
}

/* "FILE:LINE: " or "FILE: node /memory@0: " for a bank, "FILE: " if the
 * bank cannot be traced back (the library merged or changed it). */
static void where(const struct run *r, uint64_t base, uint64_t size, char *buf,
		  size_t len)
{
	char path[256];

	if (r->in.is_dtb) {
		if (fdt_node_of(r->in.data, base, size, path, sizeof(path)))
			snprintf(buf, len, "%s: node %s: ", r->in.path, path);
		else
			snprintf(buf, len, "%s: ", r->in.path);
		return;
	}
	struct find_line f = {base, size, 0};
	struct banksfile_line_cb cb = {match_line, NULL, &f};
	banksfile_parse(r->in.data, &cb, NULL);
	if (f.line)
		snprintf(buf, len, "%s:%u: ", r->in.path, f.line);
	else
		snprintf(buf, len, "%s: ", r->in.path);
}

static void print_line(const char *text, unsigned line)
{
	for (unsigned i = 1; i < line && text; i++) {
		text = strchr(text, '\n');
		if (text)
			text++;
	}
	if (!text)
		return;
	int n = (int)strcspn(text, "\r\n");
	fprintf(stderr, "ftplan:   %.*s\n", n > 120 ? 120 : n, text);
}

static uint64_t largest_free(const struct ft_bootalloc *ba)
{
	uint64_t best = 0;

	for (unsigned i = 0; i < ba->nr; i++)
		if (ba->free[i].size > best)
			best = ba->free[i].size;
	return best;
}

static uint64_t plan_bytes(const struct ft_ctx *ctx)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < ctx->nr_chunks; i++)
		sum += ctx->st.chunks[i].va_end - ctx->st.chunks[i].va_start;
	return sum;
}

static void report_error(const struct run *r, int rc)
{
	const struct ft_error_info *e = &r->ctx.err;
	const char *what = ft_strerror(rc);
	char at[512], h1[32], h2[32], h3[32], path[256];
	int fdt_rc;

	switch (-rc) {
	case FT_ERR_BANK_ZERO:
	case FT_ERR_BANK_UNALIGNED:
	case FT_ERR_BANK_BEYOND_PA:
		where(r, e->base, e->size, at, sizeof(at));
		msg("%s%s: bank base 0x%" PRIx64 " size 0x%" PRIx64, at, what,
		    e->base, e->size);
		if (-rc == FT_ERR_BANK_UNALIGNED)
			msg("  the page granule is 0x%" PRIx64 " bytes",
			    UINT64_C(1) << r->arch.page_shift);
		else if (-rc == FT_ERR_BANK_BEYOND_PA)
			msg("  the bank ends at 0x%" PRIx64
			    ", beyond 2^%u (--pa-bits %u)",
			    e->base + e->size, r->ctx.params.pa_bits,
			    r->ctx.params.pa_bits);
		return;
	case FT_ERR_BANK_OVERLAP:
		where(r, e->base, e->size, at, sizeof(at));
		msg("%s%s: [0x%" PRIx64 ", 0x%" PRIx64 ") (base 0x%" PRIx64
		    " size 0x%" PRIx64 ")",
		    at, what, e->base, e->base + e->size, e->base, e->size);
		where(r, e->base2, e->size2, at, sizeof(at));
		msg("%sthe other bank: [0x%" PRIx64 ", 0x%" PRIx64
		    ") (base 0x%" PRIx64 " size 0x%" PRIx64 ")",
		    at, e->base2, e->base2 + e->size2, e->base2, e->size2);
		return;
	case FT_ERR_NOBANKS:
		msg("%s: %s: the input declares no memory", r->in.path, what);
		return;
	case FT_ERR_FDT_BAD:
	case FT_ERR_FDT_NOMEMORY:
	case FT_ERR_FDT_CELLS:
		if (node_path(r->in.data, e->fdt_node, path, sizeof(path)))
			msg("%s: %s: node %s", r->in.path, what, path);
		else if (-rc == FT_ERR_FDT_BAD &&
			 (fdt_rc = fdt_check_full(r->in.data, r->in.len)))
			msg("%s: %s (libfdt: %s)", r->in.path, what,
			    fdt_strerror(fdt_rc));
		else
			msg("%s: %s", r->in.path, what);
		return;
	case FT_ERR_CHUNK_TOO_BIG:
		msg("%s: the window has room, but the plan with the smallest "
		    "chunks still has one of 0x%" PRIx64
		    " bytes (%s) and the largest bank has 0x%" PRIx64 " (%s)",
		    what, e->need, banksfile_human(e->need, h1, sizeof(h1)),
		    e->have, banksfile_human(e->have, h2, sizeof(h2)));
		msg("  a chunk is one physical allocation, with PA congruent "
		    "to VA for its large mappings");
		return;
	case FT_ERR_WINDOW:
		msg("%s: needs 0x%" PRIx64
		    " bytes (%s), the window has 0x%" PRIx64 " (%s)",
		    what, e->need, banksfile_human(e->need, h1, sizeof(h1)),
		    e->have, banksfile_human(e->have, h2, sizeof(h2)));
		return;
	case FT_ERR_NOMEM:
		msg("%s: chunk %d (va 0x%" PRIx64 "..0x%" PRIx64
		    ") needs 0x%" PRIx64 " bytes (%s) in one piece",
		    what, e->index, e->base, e->base + e->size, e->size,
		    banksfile_human(e->size, h1, sizeof(h1)));
		msg("  the plan needs %s in %u chunks (placed largest first); "
		    "RAM minus reserved has %s, its largest range %s",
		    banksfile_human(plan_bytes(&r->ctx), h1, sizeof(h1)),
		    r->ctx.nr_chunks,
		    banksfile_human(ft_bootalloc_free_bytes(&r->ba), h2,
				    sizeof(h2)),
		    banksfile_human(largest_free(&r->ba), h3, sizeof(h3)));
		return;
	case FT_ERR_PDX_UNFIT:
		msg("%s (--pdx %s, --pdx-slots %u)", what,
		    ft_pdx_mode_name(r->ctx.params.pdx_mode),
		    r->ctx.params.pdx_offset_slots);
		return;
	case FT_ERR_GROUPS_FULL:
	case FT_ERR_TOOMANYCHUNKS:
	case FT_ERR_TOOMANYBANKS:
	case FT_ERR_TOOMANYRESERVED:
		msg("%s: needs %" PRIu64 ", the tool's limit is %" PRIu64, what,
		    e->need, e->have);
		return;
	default:
		msg("%s (error %d)", what, rc);
		return;
	}
}

/* ---- plan and place ---- */

static int make_plan(struct run *r)
{
	int rc;

	if (storage_alloc(&r->st, 64, 64, 256, 4096)) {
		msg("out of memory");
		return EXIT_INPUT;
	}
	for (;;) {
		rc = ft_init(&r->ctx, &r->arch, &r->opt->params, &r->st);
		if (rc == -FT_ERR_WINDOW_WRAPS) {
			msg("%s: window 0x%" PRIx64 " + 0x%" PRIx64
			    " (--window-base, --window-size) ends past 2^64; "
			    "at this base the size can be at most 0x%" PRIx64,
			    ft_strerror(rc), r->arch.window_base,
			    r->arch.window_size,
			    UINT64_MAX - r->arch.window_base + 1);
			return EXIT_USAGE;
		}
		if (rc) {
			msg("%s: the options do not fit the arch %s/%s",
			    ft_strerror(rc), r->arch.name, r->arch.variant);
			return EXIT_USAGE;
		}
		rc = load_input(r);
		if (rc == -FT_ERR_BADPARAM && !r->in.is_dtb &&
		    r->ctx.err.code != rc) {
			msg("%s:%u: malformed line", r->in.path, r->bad_line);
			print_line(r->in.data, r->bad_line);
			fputs("ftplan:   expected 'memory BASE SIZE' or "
			      "'reserved BASE SIZE'\n",
			      stderr);
			return EXIT_INPUT;
		}
		if (!rc)
			rc = ft_plan(&r->ctx);
		if (!rc)
			return 0;
		if (!storage_grow(r, rc))
			break;
	}
	report_error(r, rc);
	return EXIT_INPUT;
}

static int place(struct run *r)
{
	struct ft_ctx *ctx = &r->ctx;
	/* Each range added or reserved splits at most one free range. */
	unsigned max = ctx->nr_banks + ctx->nr_reserved + ctx->nr_chunks + 1;
	int rc;

	r->ba_storage = calloc(max, sizeof(*r->ba_storage));
	if (!r->ba_storage) {
		msg("out of memory");
		return EXIT_INPUT;
	}
	ft_bootalloc_init(&r->ba, r->ba_storage, max);
	rc = ft_bootalloc_from_ctx(&r->ba, ctx);
	if (rc) {
		msg("boot allocator: %s", ft_strerror(rc));
		return EXIT_INPUT;
	}
	struct ft_ops ops = {
		.alloc = ft_bootalloc_hook_alloc,
		.free = ft_bootalloc_hook_free,
		.alloc_arg = &r->ba,
	};
	rc = ft_place(ctx, &ops);
	if (rc) {
		report_error(r, rc);
		return EXIT_INPUT;
	}
	return 0;
}

/* ---- output ---- */

static void print_pdx_detail(FILE *f, const struct ft_pdx *p)
{
	switch (p->mode) {
	case FT_PDX_MASK:
		if (p->hole_bits)
			fprintf(f, " (pfn bits %u..%u squeezed out)",
				p->hole_shift,
				p->hole_shift + p->hole_bits - 1);
		else
			fputs(" (no hole bits: pdx == pfn)", f);
		break;
	case FT_PDX_OFFSET:
		fprintf(f,
			" (%u regions, %u-entry table, pfn shift %u, pdx "
			"shift %u)",
			p->nr_regions, p->slots, p->pfn_shift, p->pdx_shift);
		break;
	default:
		break;
	}
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

struct summary {
	uint64_t count[FT_MAX_MAP_SIZES];
};

static int sum_mapping(void *arg, const struct ft_mapping *m)
{
	struct summary *s = arg;

	s->count[m->size_class] += m->count;
	return 0;
}

static void print_report(const struct run *r)
{
	const struct ft_ctx *ctx = &r->ctx;
	const struct ft_arch *a = ctx->arch;
	const struct ft_stats *s = &r->stats;
	bool placed = ctx->state >= FT_STATE_PLACED;
	char h[32], h2[32];
	struct summary sum = {{0}};

	printf("ftplan " FT_VERSION ": %s\n", r->in.path);
	printf("arch          %s%s%s\n", a->name, *a->variant ? "/" : "",
	       a->variant);
	printf("granule       %s\n",
	       banksfile_human(UINT64_C(1) << a->page_shift, h, sizeof(h)));
	printf("desc size     %" PRIu32 " bytes\n", ctx->params.desc_size);
	printf("pdx           %s", ft_pdx_mode_name(ctx->pdx.mode));
	if (ctx->params.pdx_mode == FT_PDX_AUTO)
		fputs(", chosen by --pdx auto", stdout);
	print_pdx_detail(stdout, &ctx->pdx);
	printf("\ngroup order   %u (%" PRIu64 " frames per group)\n",
	       ctx->group_order, UINT64_C(1) << ctx->group_order);
	printf("base pdx      0x%" PRIx64 "\n", ctx->base_pdx);
	if (a->identity)
		printf("window        identity (VA == PA)%s\n",
		       a->window_size ? ", capped" : "");
	else
		printf("window        0x%" PRIx64 ", %s\n", a->window_base,
		       banksfile_human(a->window_size, h, sizeof(h)));
	printf("policy        %s\n", ft_policy_name(ctx->params.policy));
	printf("placed        %s\n",
	       placed ? "yes, by the boot allocator over RAM minus reserved"
		      : "no (--no-place)");

	printf("\nbanks (%u, sorted and merged)\n", ctx->nr_banks);
	printf("  %-4s %-18s %-12s %-20s %s\n", "#", "base", "size", "desc_va",
	       "desc_va_end");
	for (unsigned i = 0; i < ctx->nr_banks; i++) {
		const struct ft_bank *b = &ctx->st.banks[i];
		uint64_t va, va_end;
		ft_bank_desc_range(ctx, b, &va, &va_end);
		printf("  %-4u 0x%-16" PRIx64 " %-12s 0x%-18" PRIx64
		       " 0x%" PRIx64 "\n",
		       i, b->base, banksfile_human(b->size, h, sizeof(h)), va,
		       va_end);
	}
	if (ctx->nr_reserved) {
		printf("\nreserved (%u, merged)\n", ctx->nr_reserved);
		for (unsigned i = 0; i < ctx->nr_reserved; i++) {
			const struct ft_bank *b = &ctx->st.reserved[i];
			printf("  %-4u 0x%-16" PRIx64 " %s\n", i, b->base,
			       banksfile_human(b->size, h, sizeof(h)));
		}
	}

	printf("\nchunks (%u)\n", ctx->nr_chunks);
	printf("  %-4s %-20s %-20s %-20s %-12s %s\n", "#", "va", "va_end", "pa",
	       "bytes", "pdx");
	for (unsigned i = 0; i < ctx->nr_chunks; i++) {
		const struct ft_chunk *c = &ctx->st.chunks[i];
		char pa[24];
		if (c->pa == FT_PA_NONE)
			snprintf(pa, sizeof(pa), "-");
		else
			snprintf(pa, sizeof(pa), "0x%" PRIx64, c->pa);
		printf("  %-4u 0x%-18" PRIx64 " 0x%-18" PRIx64
		       " %-20s %-12s 0x%" PRIx64 "..0x%" PRIx64 "\n",
		       i, c->va_start, c->va_end, pa,
		       banksfile_human(c->va_end - c->va_start, h, sizeof(h)),
		       c->pdx_start, c->pdx_end);
	}

	ft_for_each_mapping(ctx, sum_mapping, &sum);
	printf("\nmappings (TLB entries by size)\n");
	for (unsigned k = a->nr_sizes; k-- > 0;) {
		if (!sum.count[k])
			continue;
		printf("  %-12s %" PRIu64 "\n", a->sizes[k].name, sum.count[k]);
	}

	printf("\ntotals\n");
	printf("  physical limit     %" PRIu64 " bytes (%s): %" PRIu64
	       " RAM frames x %" PRIu32 "\n",
	       s->limit_bytes, banksfile_human(s->limit_bytes, h, sizeof(h)),
	       s->ram_frames, ctx->params.desc_size);
	printf("  allocated          %" PRIu64 " bytes (%s): %.4fx limit\n",
	       s->allocated_bytes,
	       banksfile_human(s->allocated_bytes, h, sizeof(h)),
	       ratio(s->allocated_bytes, s->limit_bytes));
	printf("  ghost descriptors  %" PRIu64 "\n", s->ghost_descs);
	printf("  page-table pages   %" PRIu64 "\n", s->pt_pages);
	printf("  TLB entries        %" PRIu64 "\n", s->tlb_entries);
	printf("\ndense layout (one table from the first to the last RAM "
	       "frame)\n");
	printf("  with this PDX      %" PRIu64 " bytes (%s), %" PRIu64
	       " TLB entries, %" PRIu64 " pt pages: %.2fx this plan\n",
	       s->dense_bytes, banksfile_human(s->dense_bytes, h, sizeof(h)),
	       s->dense_tlb_entries, s->dense_pt_pages,
	       ratio(s->dense_bytes, s->allocated_bytes));
	printf("  without PDX        %" PRIu64 " bytes (%s): %.2fx this plan\n",
	       s->dense_nopdx_bytes,
	       banksfile_human(s->dense_nopdx_bytes, h2, sizeof(h2)),
	       ratio(s->dense_nopdx_bytes, s->allocated_bytes));
}

/* JSON comes from tools/planjson.c, shared with the boot stubs so that a
 * guest's plan and the host's compare byte for byte. */
static void json_putc(void *arg, char c)
{
	(void)arg;
	putchar(c);
}

static void print_json(const struct run *r)
{
	ft_plan_write_json(&r->ctx, json_putc, NULL);
}

int main(int argc, char **argv)
{
	struct options opt = {0};
	struct run r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.opt = &opt;
	rc = parse_options(argc, argv, &opt);
	if (!rc)
		rc = choose_arch(&opt, &r.arch);
	if (!rc)
		rc = read_input(opt.file, &r.in);
	if (!rc)
		rc = make_plan(&r);
	if (!rc && opt.place)
		rc = place(&r);
	/* Before stdout: a failed picture leaves stdout empty, as any error. */
	if (!rc && opt.svg &&
	    ft_svg_write(opt.svg, &r.ctx, r.in.path,
			 r.in.is_dtb ? NULL : r.in.data)) {
		msg("%s: %s", opt.svg, strerror(errno));
		rc = EXIT_INPUT;
	}
	if (!rc) {
		ft_get_stats(&r.ctx, &r.stats);
		/* tlb_entries is the number of mapping objects --json
		 * prints: a contiguous run counts once in both. */
		if (opt.json && r.stats.tlb_entries > MAX_JSON_MAPPINGS) {
			msg("the plan has %" PRIu64 " mappings, more than the "
			    "%u --json prints; use the report",
			    r.stats.tlb_entries, MAX_JSON_MAPPINGS);
			rc = EXIT_FLOOD;
		} else if (opt.json) {
			print_json(&r);
		} else {
			print_report(&r);
		}
	}
	if (!rc && (fflush(stdout) || ferror(stdout))) {
		msg("writing the output: %s", strerror(errno));
		rc = EXIT_INPUT;
	}
	free(r.ba_storage);
	storage_free(&r.st);
	free(r.in.data);
	return rc;
}
