/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ftbench: this library's frametable against the layouts a user would
 * otherwise pick, on every board map, for every port.
 *
 * For each .banks file of boards/ and each of arm64 4K / 16K / 64K, RISC-V
 * Sv39 / Sv48, the Arm MPU and arm32 (LPAE 4K, Xen arm32's 96 MiB window
 * and 32-byte descriptors), one row with the physical limit (RAM frames x
 * descriptor size), this library under each policy (planned, then placed
 * with the library's boot allocator over the board's banks; PDX auto) and
 * the models of tools/models.c: Xen/Arm's dense table (mask PDX as Xen
 * applies it; on the riscv rows Xen's RISC-V port's, without PDX), Xen
 * upstream's sparse frametable (tests/upstream-model.c)
 * and Linux's SPARSEMEM_VMEMMAP. Bytes are shown as ratios to the limit.
 * docs/bench.md explains every column.
 *
 * Usage: ftbench [--csv FILE] BOARDS_DIR
 * Exit 0 when every board was read and planned and the default policy is
 * no worse than the upstream model on every arm64 4K row; 1 otherwise.
 */
/* opendir, strdup */
#define _POSIX_C_SOURCE 200809L

#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

#include "banksfile.h"
#include "models.h"
#include "upstream-model.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BANKS  4096
#define MAX_CHUNKS 4096
#define MAX_WORDS  (1u << 20)
#define DESC_SIZE  56

FT_STORAGE_DEFINE(bench, MAX_BANKS, MAX_BANKS, MAX_CHUNKS, MAX_WORDS, 0);

static struct ft_bank ba_storage[2 * MAX_BANKS + 2];
static struct ft_ctx ctx;

struct variant {
	const char *name, *variant, *label;
};

static const struct variant variants[] = {
	{"arm64", "4k", "arm64/4k"},	   {"arm64", "16k", "arm64/16k"},
	{"arm64", "64k", "arm64/64k"},	   {"riscv64", "sv39", "riscv/sv39"},
	{"riscv64", "sv48", "riscv/sv48"}, {"arm-mpu", "", "arm-mpu"},
	{"arm32", "4k", "arm32/4k"},
};
#define NR_VARIANTS (sizeof(variants) / sizeof(variants[0]))
/* The arm-mpu port's target: within this much of the physical limit on
 * every board (docs/arm-mpu.md). */
#define MPU_TARGET 1.02

enum scheme {
	S_MINMEM,
	S_DEFAULT,
	S_MINTLB,
	S_DENSE,
	S_UPSTREAM,
	S_UPSTREAM_LIBPDX,
	S_VMEMMAP,
	NR_SCHEMES
};

static const char *const scheme_names[NR_SCHEMES] = {
	"min-memory", "default",	 "min-tlb", "dense",
	"upstream",   "upstream-libpdx", "vmemmap",
};

/* Schemes shown in the text table (upstream-libpdx only in the CSV and
 * the summary). */
static const enum scheme shown[] = {S_MINMEM, S_DEFAULT,  S_MINTLB,
				    S_DENSE,  S_UPSTREAM, S_VMEMMAP};
#define NR_SHOWN (sizeof(shown) / sizeof(shown[0]))

struct row {
	bool ok;
	char why[96];
	uint64_t limit;
	struct model_figures f[NR_SCHEMES];
	/* Xen's mask rule and the library's FT_PDX_MASK chose different
	 * holes: which ones. */
	bool pdx_differs;
	unsigned xen_hole_shift, xen_hole_bits, lib_hole_shift, lib_hole_bits;
	/* --pdx auto chooses per plan: the default plan's, for 'same PDX'. */
	struct ft_pdx default_pdx;
};

static const enum ft_policy policies[3] = {
	FT_POLICY_MIN_MEMORY, FT_POLICY_DEFAULT, FT_POLICY_MIN_TLB};

/* The arch's own descriptor size where it has one (arm32: Xen's 32-byte
 * page_info), else Xen arm64's. */
static uint32_t desc_of(const struct ft_arch *arch)
{
	return arch->desc_size ? arch->desc_size : DESC_SIZE;
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* Plan and place text's banks for arch under policy; fill f. */
static int run_policy(const struct ft_arch *arch, const char *text,
		      enum ft_policy policy, struct model_figures *f,
		      struct row *r)
{
	struct ft_params params;
	struct ft_bootalloc ba;
	struct ft_ops ops;
	struct ft_stats st;
	unsigned bad_line = 0;
	int rc;

	ft_params_default(&params);
	params.desc_size = desc_of(arch);
	if (arch->pa_bits)
		params.pa_bits = arch->pa_bits;
	params.pdx_mode = FT_PDX_AUTO;
	params.policy = policy;
	rc = ft_init(&ctx, arch, &params, &bench_storage);
	if (!rc)
		rc = banksfile_load(&ctx, text, &bad_line);
	if (rc) {
		snprintf(r->why, sizeof(r->why), "banks: %s (line %u)",
			 ft_strerror(rc), bad_line);
		return rc;
	}
	rc = ft_plan(&ctx);
	if (rc) {
		snprintf(r->why, sizeof(r->why), "ft_plan (%s): %s",
			 ft_policy_name(policy), ft_strerror(rc));
		return rc;
	}
	ft_bootalloc_init(
		&ba, ba_storage,
		(unsigned)(sizeof(ba_storage) / sizeof(ba_storage[0])));
	rc = ft_bootalloc_from_ctx(&ba, &ctx);
	if (!rc) {
		memset(&ops, 0, sizeof(ops));
		ops.alloc = ft_bootalloc_hook_alloc;
		ops.free = ft_bootalloc_hook_free;
		ops.alloc_arg = &ba;
		rc = ft_place(&ctx, &ops);
	}
	if (rc) {
		snprintf(r->why, sizeof(r->why), "ft_place (%s): %s",
			 ft_policy_name(policy), ft_strerror(rc));
		return rc;
	}
	ft_get_stats(&ctx, &st);
	if (policy == FT_POLICY_DEFAULT)
		r->default_pdx = ctx.pdx;
	memset(f, 0, sizeof(*f));
	f->applies = true;
	f->fits = true;
	f->bytes = st.allocated_bytes;
	f->pt_pages = st.pt_pages;
	f->tlb_entries = st.tlb_entries;
	f->chunks = st.nr_chunks;
	r->limit = st.limit_bytes;
	return 0;
}

/* Xen's RISC-V port is the dense anchor of the riscv rows. */
static bool is_riscv(const struct ft_arch *arch)
{
	return !strcmp(arch->name, "riscv64");
}

static int run_models(const struct ft_arch *arch, struct row *r)
{
	struct ft_bank *banks;
	struct ft_pdx xen_pdx, lib_mask, lib_pdx = r->default_pdx;
	unsigned nr = ctx.nr_banks;
	int rc;

	/* The validated banks (sorted, merged) of the last plan. */
	banks = malloc(nr * sizeof(*banks));
	if (!banks) {
		snprintf(r->why, sizeof(r->why), "out of memory");
		return -FT_ERR_NOMEM;
	}
	memcpy(banks, ctx.st.banks, nr * sizeof(*banks));
	rc = model_xen_mask_pdx(&xen_pdx, banks, nr, arch->page_shift);
	if (!rc)
		rc = ft_pdx_setup(&lib_mask, FT_PDX_MASK, 0, banks, nr,
				  arch->page_shift);
	if (rc) {
		snprintf(r->why, sizeof(r->why), "mask pdx: %s",
			 ft_strerror(rc));
		goto out;
	}
	r->xen_hole_shift = xen_pdx.hole_shift;
	r->xen_hole_bits = xen_pdx.hole_bits;
	r->lib_hole_shift = lib_mask.hole_shift;
	r->lib_hole_bits = lib_mask.hole_bits;
	r->pdx_differs = xen_pdx.hole_bits != lib_mask.hole_bits ||
			 (xen_pdx.hole_bits &&
			  xen_pdx.hole_shift != lib_mask.hole_shift);

	if (is_riscv(arch))
		rc = model_xen_riscv_dense(banks, nr, arch, desc_of(arch),
					   &r->f[S_DENSE]);
	else
		rc = model_dense(banks, nr, &xen_pdx, arch, desc_of(arch),
				 &r->f[S_DENSE]);
	if (rc) {
		snprintf(r->why, sizeof(r->why), "dense model: %s",
			 ft_strerror(rc));
		goto out;
	}
	rc = model_upstream(banks, nr, &xen_pdx, arch, desc_of(arch),
			    &r->f[S_UPSTREAM]);
	if (!rc)
		rc = model_upstream(banks, nr, &lib_pdx, arch, desc_of(arch),
				    &r->f[S_UPSTREAM_LIBPDX]);
	if (rc) {
		snprintf(r->why, sizeof(r->why), "upstream model: %s",
			 ft_strerror(rc));
		goto out;
	}
	rc = model_vmemmap(banks, nr, arch, desc_of(arch), &r->f[S_VMEMMAP]);
	if (rc)
		snprintf(r->why, sizeof(r->why), "vmemmap model: %s",
			 ft_strerror(rc));
out:
	free(banks);
	return rc;
}

static void run_row(const struct variant *v, const char *text, struct row *r)
{
	const struct ft_arch *arch = ft_arch_find(v->name, v->variant);
	unsigned p;

	memset(r, 0, sizeof(*r));
	if (!arch) {
		snprintf(r->why, sizeof(r->why), "no arch %s", v->label);
		return;
	}
	for (p = 0; p < 3; p++)
		if (run_policy(arch, text, policies[p], &r->f[p], r))
			return;
	/* ctx holds the min-tlb plan: the same validated banks as the
	 * others, not always the same PDX (r->default_pdx has the default's).
	 */
	if (run_models(arch, r))
		return;
	r->ok = true;
}

/* "1.5G"-style sizes for the board headers. */
static const char *human(uint64_t v, char *buf, size_t n)
{
	static const char units[] = "BKMGTPE";
	double d = (double)v;
	unsigned u = 0;

	while (d >= 1024.0 && u + 1 < sizeof(units) - 1) {
		d /= 1024.0;
		u++;
	}
	if (u == 0)
		snprintf(buf, n, "%" PRIu64 "B", v);
	else
		snprintf(buf, n, "%.*f%c", d < 10.0 ? 2 : 1, d, units[u]);
	return buf;
}

static void print_board_header(const char *board, const char *text)
{
	struct ft_params params;
	unsigned bad_line = 0, i;
	uint64_t ram = 0;
	char h1[32], h2[32];

	ft_params_default(&params);
	if (ft_init(&ctx, ft_arch_find("arm64", "4k"), &params,
		    &bench_storage) ||
	    banksfile_load(&ctx, text, &bad_line) || ft_banks_validate(&ctx)) {
		printf("\n%s\n", board);
		return;
	}
	for (i = 0; i < ctx.nr_banks; i++)
		ram += ctx.st.banks[i].size;
	printf("\n%s: %u bank%s, RAM %s, span 0x%" PRIx64 "-0x%" PRIx64
	       " (%s)\n",
	       board, ctx.nr_banks, ctx.nr_banks == 1 ? "" : "s",
	       human(ram, h1, sizeof(h1)), ctx.st.banks[0].base,
	       ctx.st.banks[ctx.nr_banks - 1].base +
		       ctx.st.banks[ctx.nr_banks - 1].size,
	       human(ctx.st.banks[ctx.nr_banks - 1].base +
			     ctx.st.banks[ctx.nr_banks - 1].size -
			     ctx.st.banks[0].base,
		     h2, sizeof(h2)));
}

#define CELL_W 22

static void print_table_head(void)
{
	unsigned i;

	printf("  %-11s %9s", "arch", "limit");
	for (i = 0; i < NR_SHOWN; i++)
		printf(" | %-*s", CELL_W - 3, scheme_names[shown[i]]);
	printf("\n  %-11s %9s", "", "");
	for (i = 0; i < NR_SHOWN; i++)
		printf(" | %8s %6s %4s", "x limit", "tlb", "pt");
	printf("\n");
}

static void print_row(const struct variant *v, const struct row *r)
{
	char h[32], ratio_s[16];
	unsigned i;

	if (!r->ok) {
		printf("  %-11s n/a: %s\n", v->label, r->why);
		return;
	}
	printf("  %-11s %9s", v->label, human(r->limit, h, sizeof(h)));
	for (i = 0; i < NR_SHOWN; i++) {
		const struct model_figures *f = &r->f[shown[i]];

		if (!f->applies) {
			printf(" | %8s %6s %4s", "-", "-", "-");
			continue;
		}
		snprintf(ratio_s, sizeof(ratio_s), "%.4f%s",
			 ratio(f->bytes, r->limit), f->fits ? "" : "!");
		printf(" | %8s %6" PRIu64 " %4" PRIu64, ratio_s, f->tlb_entries,
		       f->pt_pages);
	}
	printf("\n");
	if (r->pdx_differs) {
		char xen[32];

		if (r->xen_hole_bits)
			snprintf(xen, sizeof(xen), "PFN bits %u..%u",
				 r->xen_hole_shift,
				 r->xen_hole_shift + r->xen_hole_bits - 1);
		else
			snprintf(xen, sizeof(xen), "nothing");
		printf("  %-11s note: Xen's mask rule squeezes %s, the "
		       "library's FT_PDX_MASK PFN bits %u..%u\n",
		       "", xen, r->lib_hole_shift,
		       r->lib_hole_shift + r->lib_hole_bits - 1);
	}
}

static void write_csv(FILE *csv, const char *board, const struct variant *v,
		      const struct row *r)
{
	unsigned s;

	if (!csv || !r->ok)
		return;
	for (s = 0; s < NR_SCHEMES; s++) {
		const struct model_figures *f = &r->f[s];

		if (!f->applies)
			continue;
		fprintf(csv,
			"%s,%s,%s,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64
			",%" PRIu64 ",%.6f\n",
			board, v->name, v->variant, scheme_names[s], f->bytes,
			f->pt_pages, f->tlb_entries, r->limit,
			ratio(f->bytes, r->limit));
	}
}

/* Per-board verdict on arm64 4K: default against one upstream model. */
struct verdict {
	char board[64];
	bool ok;
	struct model_figures def, up, up_lib;
};

/* Per-board figures of the arm-mpu row: this port against Xen's MPU
 * frametable (the dense model for an identity arch: one array from
 * ram_start's PDX to ram_end's with Xen's mask PDX, page rounded, as
 * xen/arch/arm/mpu/mm.c init_frametable allocates it). */
struct mpu_verdict {
	char board[64];
	bool ok;
	uint64_t limit, port, xen;
};

static const char *compare_word(const struct model_figures *a,
				const struct model_figures *b)
{
	if (a->bytes > b->bytes || a->tlb_entries > b->tlb_entries)
		return "LOSES";
	if (a->bytes == b->bytes && a->tlb_entries == b->tlb_entries)
		return "ties";
	return "beats";
}

static bool no_worse(const struct model_figures *a,
		     const struct model_figures *b)
{
	return a->bytes <= b->bytes && a->tlb_entries <= b->tlb_entries;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [--csv FILE] BOARDS_DIR\n"
		"Compare this library's frametable (each policy) with the "
		"physical limit,\nXen's dense table (Arm, or RISC-V on riscv "
		"rows), Xen upstream's "
		"sparse table and Linux's vmemmap,\nfor every *.banks file "
		"in BOARDS_DIR; see docs/bench.md.\n",
		prog);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *csv_path = NULL;
	struct verdict *verdicts = NULL;
	struct mpu_verdict *mpu = NULL;
	unsigned nm = 0, mpu_ok = 1;
	size_t nr = 0, i;
	unsigned nv = 0, all_ok = 1;
	char **names = NULL;
	FILE *csv = NULL;
	int fails = 0, a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--csv") && a + 1 < argc) {
			csv_path = argv[++a];
		} else if (!strncmp(argv[a], "--csv=", 6)) {
			csv_path = argv[a] + 6;
		} else if (!strcmp(argv[a], "--help")) {
			usage(stdout, argv[0]);
			return 0;
		} else if (argv[a][0] == '-' || dir) {
			usage(stderr, argv[0]);
			return 2;
		} else {
			dir = argv[a];
		}
	}
	if (!dir) {
		usage(stderr, argv[0]);
		return 2;
	}
	if (banksfile_list(dir, &names, &nr)) {
		perror(dir);
		return 1;
	}
	if (!nr) {
		fprintf(stderr, "no *.banks file in %s\n", dir);
		return 1;
	}
	verdicts = calloc(nr, sizeof(*verdicts));
	mpu = calloc(nr, sizeof(*mpu));
	if (!verdicts || !mpu) {
		perror("calloc");
		return 1;
	}
	if (csv_path) {
		csv = fopen(csv_path, "w");
		if (!csv) {
			perror(csv_path);
			return 1;
		}
		fprintf(csv,
			"board,arch,variant,scheme,bytes,pt_pages,"
			"tlb_entries,limit_bytes,bytes_over_limit_ratio\n");
	}

	printf("ftbench: descriptor %u bytes (arm32: 32, Xen arm32's "
	       "page_info), PDX auto for this\nlibrary; bytes as a ratio to "
	       "the physical limit (RAM frames x descriptor),\n'!' = larger "
	       "than the arch's frametable window (that scheme would not "
	       "boot),\n'-' = model does not apply.\n",
	       DESC_SIZE);

	for (i = 0; i < nr; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len), board[64], *text;
		unsigned v;

		if (!path) {
			perror("malloc");
			return 1;
		}
		snprintf(path, len, "%s/%s", dir, names[i]);
		snprintf(board, sizeof(board), "%.*s",
			 (int)(strlen(names[i]) - strlen(".banks")), names[i]);
		text = banksfile_slurp(path, NULL);
		if (!text) {
			perror(path);
			fails++;
			free(path);
			continue;
		}
		print_board_header(board, text);
		print_table_head();
		for (v = 0; v < NR_VARIANTS; v++) {
			struct row r;

			run_row(&variants[v], text, &r);
			print_row(&variants[v], &r);
			write_csv(csv, board, &variants[v], &r);
			/* 16K / 64K rows of 4K-aligned maps are n/a, not a
			 * failure: Xen could not boot them either. */
			if (!r.ok && v == 0)
				fails++;
			if (!strcmp(variants[v].name, "arm-mpu")) {
				struct mpu_verdict *mv = &mpu[nm++];

				snprintf(mv->board, sizeof(mv->board), "%s",
					 board);
				mv->ok = r.ok;
				mv->limit = r.limit;
				mv->port = r.f[S_DEFAULT].bytes;
				mv->xen = r.f[S_DENSE].bytes;
			}
			if (v == 0) {
				struct verdict *vd = &verdicts[nv++];

				snprintf(vd->board, sizeof(vd->board), "%s",
					 board);
				vd->ok = r.ok;
				vd->def = r.f[S_DEFAULT];
				vd->up = r.f[S_UPSTREAM];
				vd->up_lib = r.f[S_UPSTREAM_LIBPDX];
			}
		}
		free(text);
		free(path);
	}

	printf("\narm64/4k, default policy against Xen upstream's sparse "
	       "frametable (ratios default/upstream;\n<= 1 is no worse). "
	       "'upstream': with Xen's own mask PDX; 'same PDX': with this "
	       "plan's PDX.\n");
	printf("  %-30s %8s %8s %-6s | %8s %8s %-6s\n", "board", "bytes", "tlb",
	       "", "bytes", "tlb", "");
	printf("  %-30s %24s | %24s\n", "", "vs upstream (Xen PDX)",
	       "vs upstream (same PDX)");
	for (i = 0; i < nv; i++) {
		const struct verdict *vd = &verdicts[i];

		if (!vd->ok) {
			printf("  %-30s n/a\n", vd->board);
			all_ok = 0;
			continue;
		}
		printf("  %-30s %8.4f %8.4f %-6s | %8.4f %8.4f %-6s\n",
		       vd->board, ratio(vd->def.bytes, vd->up.bytes),
		       ratio(vd->def.tlb_entries, vd->up.tlb_entries),
		       compare_word(&vd->def, &vd->up),
		       ratio(vd->def.bytes, vd->up_lib.bytes),
		       ratio(vd->def.tlb_entries, vd->up_lib.tlb_entries),
		       compare_word(&vd->def, &vd->up_lib));
		if (!no_worse(&vd->def, &vd->up) ||
		    !no_worse(&vd->def, &vd->up_lib))
			all_ok = 0;
	}
	printf("default <= upstream on all %u boards: %s\n", nv,
	       all_ok && nv ? "yes" : "no");

	printf("\narm-mpu, this port (default policy, packed offset PDX) "
	       "against Xen MPU (one array\nfrom ram_start with Xen's mask "
	       "PDX, page rounded); bytes as x limit.\n");
	printf("  %-30s %10s %10s %10s %10s\n", "board", "limit", "Xen MPU",
	       "this port", "port/Xen");
	for (i = 0; i < nm; i++) {
		const struct mpu_verdict *mv = &mpu[i];

		if (!mv->ok) {
			printf("  %-30s n/a\n", mv->board);
			mpu_ok = 0;
			continue;
		}
		printf("  %-30s %9.1fM %10.4f %10.4f %10.4f\n", mv->board,
		       (double)mv->limit / 1048576.0, ratio(mv->xen, mv->limit),
		       ratio(mv->port, mv->limit), ratio(mv->port, mv->xen));
		if (mv->port > mv->xen ||
		    ratio(mv->port, mv->limit) > MPU_TARGET)
			mpu_ok = 0;
	}
	printf("arm-mpu <= Xen MPU and within %.2fx the limit on all %u "
	       "boards: %s\n",
	       MPU_TARGET, nm, mpu_ok && nm ? "yes" : "no");

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	free(verdicts);
	free(mpu);
	if (csv && fclose(csv)) {
		perror(csv_path);
		return 1;
	}
	return fails || !all_ok || !mpu_ok ? 1 : 0;
}
