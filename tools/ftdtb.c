/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftdtb: make the DTB of a board's memory map for a QEMU test
 * (docs/qemu-tests.md).
 *
 *   ftdtb --base-dtb QEMU.dtb --banks BOARD.banks [--shift BYTES]
 *         [--reserve BASE:SIZE]... [--selftest NAME] -o OUT.dtb
 *
 * takes QEMU's own machine tree (-machine dumpdtb=FILE), deletes every
 * memory node, adds one memory@<base> node per bank of the board (moved up
 * by --shift), and puts the board's reserved ranges (moved up too) and the
 * --reserve ranges (as given) under /reserved-memory with no-map. Nothing
 * else of QEMU's tree changes.
 *
 *   ftdtb --print-layout --banks BOARD.banks --ram-base ADDR
 *         [--min-ram BYTES]
 *
 * prints "shift=<bytes> mem=<bytes>": the whole number of GiB that lifts
 * the lowest bank to ADDR or above (0 when it already is), and the guest
 * RAM size, in whole GiB, that covers every moved bank and at least
 * --min-ram bytes from ADDR (default 0x4100000: the boot stub and the DTB).
 */
#define _POSIX_C_SOURCE 200809L

#include "banksfile.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIB		 ((uint64_t)1 << 30)
#define DEFAULT_MIN_RAM	 0x4100000u
#define MAX_RANGES	 65536u
#define MAX_CMD_RESERVES 256u

struct range {
	uint64_t base, size;
};

struct ranges {
	struct range *r;
	unsigned n, cap;
};

struct options {
	const char *base_dtb;
	const char *banks;
	const char *out;
	bool print_layout;
	bool ram_base_set;
	uint64_t shift;
	uint64_t ram_base;
	uint64_t min_ram;
	struct range reserve[MAX_CMD_RESERVES];
	unsigned nr_reserve;
	const char *selftest;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("ftdtb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(FILE *f)
{
	fputs("Usage: ftdtb --base-dtb QEMU.dtb --banks BOARD.banks "
	      "[--shift BYTES]\n"
	      "             [--reserve BASE:SIZE]... [--selftest NAME] -o "
	      "OUT.dtb\n"
	      "       ftdtb --print-layout --banks BOARD.banks --ram-base "
	      "ADDR\n"
	      "             [--min-ram BYTES]\n"
	      "Write a DTB for a QEMU test: QEMU's machine tree with its "
	      "memory nodes\n"
	      "replaced by the board's banks (moved up by --shift), and "
	      "the board's\n"
	      "reserved ranges (moved up too) and the --reserve ranges (as "
	      "given)\n"
	      "under /reserved-memory; --selftest NAME asks the boot stub "
	      "for a deliberate\n"
	      "fault (/chosen frametable,selftest, boot/selftest.c). "
	      "--print-layout prints "
	      "\"shift=BYTES mem=BYTES\":\n"
	      "the whole GiB that lift the lowest bank to ADDR, and the "
	      "guest RAM size\n"
	      "(whole GiB from ADDR) that covers every moved bank and "
	      "--min-ram bytes\n"
	      "(default 0x4100000).\n"
	      "Numbers: decimal (no leading zeros) or 0x hex, '_' between "
	      "digits,\n"
	      "optional K, M, G or T suffix (docs/ftplan.md, \"Numbers\").\n",
	      f);
}

/* A number of the one grammar of every tool (util.h), or die naming the
 * option and saying why not. */
static uint64_t number_arg(const char *opt, const char *arg)
{
	char shown[96];
	uint64_t v;
	int rc = util_parse_u64(arg, strlen(arg), &v);

	if (rc)
		die("%s '%s': %s", opt,
		    util_escape(arg, strlen(arg), shown, sizeof(shown)),
		    util_num_strerror(rc));
	return v;
}

static void parse_range(const char *arg, struct range *r)
{
	char buf[128], shown[96];
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : 0;

	util_escape(arg, strlen(arg), shown, sizeof(shown));
	if (!colon || n == 0 || n >= sizeof(buf))
		die("--reserve '%s': expected BASE:SIZE", shown);
	memcpy(buf, arg, n);
	buf[n] = '\0';
	r->base = number_arg("--reserve BASE", buf);
	r->size = number_arg("--reserve SIZE", colon + 1);
	if (r->size == 0)
		die("--reserve '%s': size is zero", shown);
	if (r->base + r->size - 1 < r->base)
		die("--reserve '%s': range wraps past 2^64", shown);
}

static void ranges_add(struct ranges *rs, uint64_t base, uint64_t size)
{
	if (rs->n == rs->cap) {
		unsigned cap = rs->cap ? rs->cap * 2 : 16;
		if (cap > MAX_RANGES)
			die("more than %u ranges in the bank list", MAX_RANGES);
		struct range *r = realloc(rs->r, cap * sizeof(*r));
		if (!r)
			die("out of memory");
		rs->r = r;
		rs->cap = cap;
	}
	rs->r[rs->n].base = base;
	rs->r[rs->n].size = size;
	rs->n++;
}

/* ---- the bank list ---- */

struct board {
	const char *path;
	struct ranges mem, res;
};

static int cb_memory(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct board *b = arg;

	if (size == 0 || base + size - 1 < base)
		die("%s:%u: bank 0x%" PRIx64 "+0x%" PRIx64
		    " is empty or wraps past 2^64",
		    b->path, line, base, size);
	ranges_add(&b->mem, base, size);
	return 0;
}

static int cb_reserved(void *arg, uint64_t base, uint64_t size, unsigned line)
{
	struct board *b = arg;

	if (size == 0 || base + size - 1 < base)
		die("%s:%u: reserved range 0x%" PRIx64 "+0x%" PRIx64
		    " is empty or wraps past 2^64",
		    b->path, line, base, size);
	ranges_add(&b->res, base, size);
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return 0;
}

static void load_board(struct board *b, const char *path)
{
	struct banksfile_line_cb cb = {cb_memory, cb_reserved, b};
	struct banksfile_error bad;
	char why[256];
	size_t len;
	char *text = banksfile_slurp(path, &len);

	memset(b, 0, sizeof(*b));
	b->path = path;
	if (!text)
		die("%s: %s", path, strerror(errno));
	if (banksfile_parse(text, len, &cb, &bad))
		die("%s:%u: %s", path, bad.line,
		    banksfile_strerror(&bad, why, sizeof(why)));
	free(text);
	if (!b->mem.n)
		die("%s: no memory lines", path);
	qsort(b->mem.r, b->mem.n, sizeof(*b->mem.r), cmp_range);
	qsort(b->res.r, b->res.n, sizeof(*b->res.r), cmp_range);
}

/* Move every range up by shift; the end must stay below 2^64. */
static void shift_ranges(struct ranges *rs, uint64_t shift, const char *path,
			 const char *what)
{
	for (unsigned i = 0; i < rs->n; i++) {
		struct range *r = &rs->r[i];
		uint64_t last = r->base + r->size - 1;
		if (last + shift < last)
			die("%s: %s 0x%" PRIx64 "+0x%" PRIx64
			    " moved up by 0x%" PRIx64 " wraps past 2^64",
			    path, what, r->base, r->size, shift);
		r->base += shift;
	}
}

/* ---- --print-layout ---- */

static void print_layout(const struct options *o)
{
	struct board b;
	uint64_t lo, hi_last, shift = 0, need_last, mem;

	load_board(&b, o->banks);
	lo = b.mem.r[0].base;
	hi_last = 0;
	for (unsigned i = 0; i < b.mem.n; i++) {
		uint64_t last = b.mem.r[i].base + b.mem.r[i].size - 1;
		if (last > hi_last)
			hi_last = last;
	}
	if (lo < o->ram_base)
		shift = (o->ram_base - lo + GIB - 1) / GIB * GIB;
	if (hi_last + shift < hi_last)
		die("%s: the highest bank moved up by 0x%" PRIx64
		    " wraps past 2^64",
		    o->banks, shift);
	/* Last byte the guest RAM must hold, then whole GiB from ram_base. */
	need_last = hi_last + shift;
	if (o->min_ram && o->ram_base + o->min_ram - 1 > need_last)
		need_last = o->ram_base + o->min_ram - 1;
	mem = need_last - o->ram_base;
	if (mem / GIB == UINT64_MAX / GIB)
		die("%s: guest RAM size overflows", o->banks);
	mem = (mem / GIB + 1) * GIB;
	printf("shift=%" PRIu64 " mem=%" PRIu64 "\n", shift, mem);
	free(b.mem.r);
	free(b.res.r);
}

/* ---- the DTB ---- */

static void fdt_check(int rc, const char *what)
{
	if (rc < 0)
		die("libfdt: %s: %s", what, fdt_strerror(rc));
}

static bool is_memory_node(const void *fdt, int node)
{
	int len;
	const char *type = fdt_getprop(fdt, node, "device_type", &len);
	const char *name = fdt_get_name(fdt, node, NULL);

	if (type && len > 0 && !strcmp(type, "memory"))
		return true;
	return name &&
	       (!strcmp(name, "memory") || !strncmp(name, "memory@", 7));
}

/* Delete the root's memory nodes; returns how many. */
static unsigned delete_memory_nodes(void *fdt)
{
	unsigned n = 0;
	bool again = true;

	while (again) {
		int node;
		again = false;
		fdt_for_each_subnode(node, fdt, 0)
		{
			if (is_memory_node(fdt, node)) {
				fdt_check(fdt_del_node(fdt, node),
					  "deleting a memory node");
				n++;
				again = true;
				break;
			}
		}
	}
	return n;
}

/* reg = <base size> with ac/sc cells. */
static void set_reg(void *fdt, int node, int ac, int sc, uint64_t base,
		    uint64_t size, const char *path)
{
	fdt32_t cells[4];
	int n = 0;

	if ((ac == 1 && base > UINT32_MAX) || (sc == 1 && size > UINT32_MAX))
		die("%s: 0x%" PRIx64 "+0x%" PRIx64
		    " does not fit #address-cells = %d, #size-cells = %d",
		    path, base, size, ac, sc);
	if (ac == 2)
		cells[n++] = cpu_to_fdt32((uint32_t)(base >> 32));
	cells[n++] = cpu_to_fdt32((uint32_t)base);
	if (sc == 2)
		cells[n++] = cpu_to_fdt32((uint32_t)(size >> 32));
	cells[n++] = cpu_to_fdt32((uint32_t)size);
	fdt_check(fdt_setprop(fdt, node, "reg", cells, n * (int)sizeof(*cells)),
		  "setting reg");
}

static int cells_of(const void *fdt, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return dflt;
	if (len != (int)sizeof(*p))
		return -1;
	return (int)fdt32_to_cpu(*p);
}

/* The /reserved-memory node, made if missing; 2/2 cells. */
static int reserved_memory_node(void *fdt)
{
	int node = fdt_path_offset(fdt, "/reserved-memory");

	if (node == -FDT_ERR_NOTFOUND) {
		node = fdt_add_subnode(fdt, 0, "reserved-memory");
		fdt_check(node, "adding /reserved-memory");
		/* libfdt lists properties newest first: add them in reverse. */
		fdt_check(fdt_setprop(fdt, node, "ranges", NULL, 0),
			  "setting ranges");
		fdt_check(fdt_setprop_u32(fdt, node, "#size-cells", 2),
			  "setting #size-cells");
		fdt_check(fdt_setprop_u32(fdt, node, "#address-cells", 2),
			  "setting #address-cells");
		return node;
	}
	fdt_check(node, "finding /reserved-memory");
	if (cells_of(fdt, node, "#address-cells", 2) != 2 ||
	    cells_of(fdt, node, "#size-cells", 1) != 2)
		die("the base DTB's /reserved-memory does not have "
		    "#address-cells = 2 and #size-cells = 2");
	return node;
}

static void add_reserved_child(void *fdt, int parent, const char *prefix,
			       unsigned idx, const struct range *r,
			       const char *path)
{
	char name[64];
	int node;

	/* The index keeps names unique when two ranges share a base. */
	snprintf(name, sizeof(name), "%s%u@%" PRIx64, prefix, idx, r->base);
	node = fdt_add_subnode(fdt, parent, name);
	fdt_check(node, "adding a /reserved-memory child");
	fdt_check(fdt_setprop(fdt, node, "no-map", NULL, 0), "setting no-map");
	set_reg(fdt, node, 2, 2, r->base, r->size, path);
}

static void *read_dtb(const char *path, size_t *len)
{
	char *buf = banksfile_slurp(path, len);
	int rc;

	if (!buf)
		die("%s: %s", path, strerror(errno));
	if (*len < sizeof(struct fdt_header) || *len > INT32_MAX)
		die("%s: not a DTB (size %zu)", path, *len);
	rc = fdt_check_header(buf);
	if (rc == 0 && fdt_totalsize(buf) > *len)
		rc = -FDT_ERR_TRUNCATED;
	if (rc == 0)
		rc = fdt_check_full(buf, *len);
	if (rc)
		die("%s: not a valid DTB: %s", path, fdt_strerror(rc));
	return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fflush(f) || ferror(f)) {
		int e = errno;
		fclose(f);
		remove(path);
		die("%s: %s", path, strerror(e ? e : EIO));
	}
	if (fclose(f)) {
		int e = errno;
		remove(path);
		die("%s: %s", path, strerror(e));
	}
}

static void make_dtb(const struct options *o)
{
	struct board b;
	size_t in_len;
	void *in = read_dtb(o->base_dtb, &in_len);
	int ac, sc, resmem;
	size_t extra, size;
	void *fdt;

	load_board(&b, o->banks);
	shift_ranges(&b.mem, o->shift, o->banks, "bank");
	shift_ranges(&b.res, o->shift, o->banks, "reserved range");

	/* Room for the new nodes: names, reg and a few properties each. */
	extra = 4096 + ((size_t)b.mem.n + b.res.n + o->nr_reserve) * 160;
	size = fdt_totalsize(in) + extra;
	if (size > INT32_MAX)
		die("%s: the output would be too large", o->base_dtb);
	fdt = malloc(size);
	if (!fdt)
		die("out of memory");
	fdt_check(fdt_open_into(in, fdt, (int)size), "opening the base DTB");
	free(in);

	ac = cells_of(fdt, 0, "#address-cells", 2);
	sc = cells_of(fdt, 0, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		die("%s: the root's #address-cells/#size-cells (%d/%d) are "
		    "not 1 or 2",
		    o->base_dtb, ac, sc);

	delete_memory_nodes(fdt);

	/* libfdt puts a new node first among its siblings: add the banks
	 * highest first so that the tree lists them in address order. */
	for (unsigned i = b.mem.n; i-- > 0;) {
		char name[64];
		const struct range *r = &b.mem.r[i];
		int node;

		snprintf(name, sizeof(name), "memory@%" PRIx64, r->base);
		node = fdt_add_subnode(fdt, 0, name);
		if (node == -FDT_ERR_EXISTS)
			die("%s: two banks at 0x%" PRIx64, o->banks, r->base);
		fdt_check(node, "adding a memory node");
		fdt_check(
			fdt_setprop_string(fdt, node, "device_type", "memory"),
			"setting device_type");
		set_reg(fdt, node, ac, sc, r->base, r->size, o->banks);
	}

	if (b.res.n || o->nr_reserve) {
		resmem = reserved_memory_node(fdt);
		for (unsigned i = o->nr_reserve; i-- > 0;)
			add_reserved_child(fdt, resmem, "reserve", i,
					   &o->reserve[i], "--reserve");
		for (unsigned i = b.res.n; i-- > 0;)
			add_reserved_child(fdt, resmem, "board", i, &b.res.r[i],
					   o->banks);
	}

	if (o->selftest) {
		int chosen = fdt_path_offset(fdt, "/chosen");

		if (chosen == -FDT_ERR_NOTFOUND)
			chosen = fdt_add_subnode(fdt, 0, "chosen");
		fdt_check(chosen, "finding /chosen");
		fdt_check(fdt_setprop_string(fdt, chosen, "frametable,selftest",
					     o->selftest),
			  "setting /chosen frametable,selftest");
	}

	fdt_check(fdt_pack(fdt), "packing");
	fdt_check(fdt_check_full(fdt, fdt_totalsize(fdt)),
		  "checking the result");
	write_file(o->out, fdt, fdt_totalsize(fdt));
	free(fdt);
	free(b.mem.r);
	free(b.res.r);
}

/* ---- main ---- */

enum long_only {
	OPT_BASE_DTB = 256,
	OPT_BANKS,
	OPT_SHIFT,
	OPT_RESERVE,
	OPT_PRINT_LAYOUT,
	OPT_RAM_BASE,
	OPT_MIN_RAM,
	OPT_SELFTEST,
};

static const struct option long_opts[] = {
	{"base-dtb", required_argument, NULL, OPT_BASE_DTB},
	{"banks", required_argument, NULL, OPT_BANKS},
	{"shift", required_argument, NULL, OPT_SHIFT},
	{"reserve", required_argument, NULL, OPT_RESERVE},
	{"print-layout", no_argument, NULL, OPT_PRINT_LAYOUT},
	{"ram-base", required_argument, NULL, OPT_RAM_BASE},
	{"min-ram", required_argument, NULL, OPT_MIN_RAM},
	{"selftest", required_argument, NULL, OPT_SELFTEST},
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int main(int argc, char **argv)
{
	static struct options o;
	int c;

	o.min_ram = DEFAULT_MIN_RAM;
	while ((c = getopt_long(argc, argv, "o:h", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_BASE_DTB:
			o.base_dtb = optarg;
			break;
		case OPT_SELFTEST:
			if (!*optarg)
				die("--selftest: empty name");
			o.selftest = optarg;
			break;
		case OPT_BANKS:
			o.banks = optarg;
			break;
		case OPT_SHIFT:
			o.shift = number_arg("--shift", optarg);
			break;
		case OPT_RESERVE:
			if (o.nr_reserve == MAX_CMD_RESERVES)
				die("more than %u --reserve options",
				    MAX_CMD_RESERVES);
			parse_range(optarg, &o.reserve[o.nr_reserve++]);
			break;
		case OPT_PRINT_LAYOUT:
			o.print_layout = true;
			break;
		case OPT_RAM_BASE:
			o.ram_base = number_arg("--ram-base", optarg);
			o.ram_base_set = true;
			break;
		case OPT_MIN_RAM:
			o.min_ram = number_arg("--min-ram", optarg);
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "ftdtb: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return 2;
	}
	if (!o.banks) {
		fputs("ftdtb: --banks is required\n", stderr);
		usage(stderr);
		return 2;
	}
	if (o.print_layout) {
		if (!o.ram_base_set) {
			fputs("ftdtb: --print-layout needs --ram-base\n",
			      stderr);
			return 2;
		}
		if (o.base_dtb || o.out || o.shift || o.nr_reserve) {
			fputs("ftdtb: --print-layout takes only --banks, "
			      "--ram-base and --min-ram\n",
			      stderr);
			return 2;
		}
		if (o.ram_base + o.min_ram < o.ram_base)
			die("--ram-base plus --min-ram wraps past 2^64");
		print_layout(&o);
		if (fflush(stdout) || ferror(stdout))
			die("writing the layout: %s", strerror(errno));
		return 0;
	}
	if (!o.base_dtb || !o.out) {
		fputs("ftdtb: --base-dtb and -o are required\n", stderr);
		usage(stderr);
		return 2;
	}
	if (o.ram_base_set) {
		fputs("ftdtb: --ram-base goes with --print-layout\n", stderr);
		return 2;
	}
	make_dtb(&o);
	return 0;
}
