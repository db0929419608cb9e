/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A consumer in the shape of Xen's own use of its frametable, on every
 * board of boards/: Xen's names (mfn_to_page, page_to_mfn, pdx_to_page,
 * page_to_pdx, mfn_valid) as thin inline wrappers over the library's
 * inline conversions, honouring the planner's non-zero base PDX, for a
 * 56-byte struct page_info (arm64) and a 32-byte one (arm32-like).
 *
 * The frametable is real memory: the arch window is a PROT_NONE
 * reservation of this process, the map hook makes pieces of it readable
 * and writable, so a descriptor of a hole group faults for real. Zero
 * fills are skipped (fresh anonymous pages are zero), which keeps the
 * boards' many GiB of descriptors from being committed.
 *
 * Per board and shape:
 *   - storage sized by ft_storage_need(), with the valid map (O(1)
 *     mfn_valid);
 *   - mfn_valid against an oracle built from the map hook's record
 *     ("the whole descriptor is mapped"), around every chunk edge, bank
 *     edge and hole, and on random frames; every valid frame's descriptor
 *     is read (a fault kills the test);
 *   - the round trips mfn -> page -> mfn and pdx -> page -> pdx;
 *   - a page list threaded through descriptors of every bank, across
 *     chunks, linked by PDX as Xen's page_list is, walked both ways.
 *
 * Usage: xen-consumer [BOARDS_DIR]; else $FT_BOARDS_DIR.
 */
#define _DEFAULT_SOURCE /* MAP_NORESERVE, MAP_ANONYMOUS */

#include <frametable/frametable.h>
#include <frametable/bootalloc.h>

#include "banksfile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* ---- the hypervisor's side: two page_info shapes ---- */

/* Xen's page_list_entry when linked by PDX (CONFIG_BIGMEM-less arm). */
struct page_list_entry {
	uint32_t next, prev;
};
#define PAGE_LIST_NULL UINT32_MAX

struct page_info {		     /* arm64: 56 bytes */
	struct page_list_entry list; /* 8 */
	uint64_t count_info;	     /* 8 */
	uint64_t type_info;	     /* 8 */
	uint64_t owner;		     /* 8 */
	uint64_t tlbflush_timestamp; /* 8 */
	uint64_t v[2];		     /* 16 */
};
_Static_assert(sizeof(struct page_info) == 56, "arm64 page_info");

struct page_info32 {		     /* arm32-like: 32 bytes */
	struct page_list_entry list; /* 8 */
	uint32_t count_info, type_info, owner, tlbflush_timestamp;
	uint32_t v[2];
};
_Static_assert(sizeof(struct page_info32) == 32, "arm32 page_info");

static struct ft_ctx ctx;

/* Xen's names, thin and inline, for each shape; the size is a constant. */
#define XEN_NAMES(P, T)                                                        \
	static inline T *P##mfn_to_page(uint64_t mfn)                          \
	{                                                                      \
		return (T *)(uintptr_t)ft_mfn_to_desc_va_n(&ctx, mfn,          \
							   sizeof(T));         \
	}                                                                      \
	static inline uint64_t P##page_to_mfn(const T *pg)                     \
	{                                                                      \
		return ft_desc_va_to_mfn_n(&ctx, (uintptr_t)pg, sizeof(T));    \
	}                                                                      \
	static inline T *P##pdx_to_page(uint64_t pdx)                          \
	{                                                                      \
		return (T *)(uintptr_t)ft_pdx_to_desc_va_n(&ctx, pdx,          \
							   sizeof(T));         \
	}                                                                      \
	static inline uint64_t P##page_to_pdx(const T *pg)                     \
	{                                                                      \
		return ctx.base_pdx +                                          \
		       ft_desc_index_n(&ctx, (uintptr_t)pg - ctx.window_base,  \
				       sizeof(T));                             \
	}
XEN_NAMES(, struct page_info)
XEN_NAMES(a32_, struct page_info32)

static inline bool mfn_valid(uint64_t mfn)
{
	return ft_mfn_valid(&ctx, mfn);
}

/* ---- the arch: a window of this process's own address space ---- */

#define WINDOW_SIZE  (UINT64_C(1) << 40)
#define WINDOW_ALIGN (UINT64_C(1) << 30)
#define MAX_RANGES   65536

static uint8_t *reservation;
static uint64_t window;
static struct ft_arch arch;
static struct ft_bootalloc ba;
static struct ft_bank ba_storage[8192];
/* What the map hook mapped: the oracle of mfn_valid. */
static struct ft_bank mapped[MAX_RANGES];
static unsigned nr_mapped;

static int map_hook(void *arg, uint64_t va, uint64_t pa, uint64_t len,
		    unsigned size_class)
{
	(void)arg;
	(void)pa;
	(void)size_class;
	if (va < window || va + len > window + WINDOW_SIZE ||
	    nr_mapped == MAX_RANGES ||
	    mprotect((void *)(uintptr_t)va, len, PROT_READ | PROT_WRITE))
		return -FT_ERR_MAP;
	if (nr_mapped &&
	    mapped[nr_mapped - 1].base + mapped[nr_mapped - 1].size == va)
		mapped[nr_mapped - 1].size += len;
	else
		mapped[nr_mapped++] = (struct ft_bank){va, len};
	return 0;
}

static void unmap_hook(void *arg, uint64_t va, uint64_t len,
		       unsigned size_class)
{
	(void)arg;
	(void)size_class;
	mprotect((void *)(uintptr_t)va, len, PROT_NONE);
}

/* Fresh mappings read zero: only the poison is written. */
static void fill_hook(void *arg, uint64_t va, int byte, uint64_t len)
{
	(void)arg;
	if (byte)
		memset((void *)(uintptr_t)va, byte, len);
}

static bool oracle(uint64_t va, uint64_t len)
{
	unsigned lo = 0, hi = nr_mapped;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (va < mapped[mid].base)
			hi = mid;
		else if (va >= mapped[mid].base + mapped[mid].size)
			lo = mid + 1;
		else
			return va + len <= mapped[mid].base + mapped[mid].size;
	}
	return false;
}

static int fresh_window(void)
{
	if (reservation &&
	    mmap(reservation, WINDOW_SIZE + WINDOW_ALIGN, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
		 0) == MAP_FAILED)
		return -1;
	if (!reservation) {
		void *p = mmap(NULL, WINDOW_SIZE + WINDOW_ALIGN, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			       0);
		if (p == MAP_FAILED)
			return -1;
		reservation = p;
	}
	window = ((uintptr_t)reservation + WINDOW_ALIGN - 1) &
		 ~(WINDOW_ALIGN - 1);
	arch = ft_arch_arm64_4k;
	arch.window_base = window;
	arch.window_size = WINDOW_SIZE;
	nr_mapped = 0;
	return 0;
}

/* ---- one board, one shape ---- */

struct totals {
	unsigned boards, runs, base_nonzero, list_nodes, chunks_crossed;
	uint64_t valid_checked, full_hits;
};

static uint64_t rng = 0x9e3779b97f4a7c15;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * UINT64_C(2685821657736338717);
}

static int fail(const char *board, unsigned size, const char *what, uint64_t v)
{
	printf("FAIL %s (page_info %u bytes): %s %#" PRIx64 "\n", board, size,
	       what, v);
	return -1;
}

/* mfn_valid(mfn) against the oracle; a valid frame's descriptor is read
 * and written back (a fault would end the test). */
static int check_valid(const char *board, unsigned size, uint64_t mfn,
		       struct totals *t)
{
	uint64_t pdx = ft_pfn_to_pdx(&ctx.pdx, mfn);
	uint64_t va = ft_pdx_to_desc_va(&ctx, pdx);
	bool named = ft_pdx_to_pfn(&ctx.pdx, pdx) == mfn;
	bool expect = named && pdx >= ctx.base_pdx && va >= window &&
		      va < window + WINDOW_SIZE && oracle(va, size);

	t->valid_checked++;
	if (mfn_valid(mfn) != expect)
		return fail(board, size,
			    expect ? "mfn_valid false for a mapped descriptor"
				   : "mfn_valid true for an unmapped one",
			    mfn);
	if (!expect)
		return 0;
	uint64_t g = (pdx >> ctx.valid.order) - ctx.valid.first;
	t->full_hits +=
		(ctx.valid.full[g / FT_WORD_BITS] >> (g % FT_WORD_BITS)) & 1;
	volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)va;
	w[size / 4 - 1] = w[size / 4 - 1];
	if (size == sizeof(struct page_info)) {
		struct page_info *pg = mfn_to_page(mfn);
		if (page_to_mfn(pg) != mfn || page_to_pdx(pg) != pdx ||
		    pdx_to_page(pdx) != pg)
			return fail(board, size, "round trip", mfn);
	} else {
		struct page_info32 *pg = a32_mfn_to_page(mfn);
		if (a32_page_to_mfn(pg) != mfn || a32_page_to_pdx(pg) != pdx ||
		    a32_pdx_to_page(pdx) != pg)
			return fail(board, size, "round trip", mfn);
	}
	return 0;
}

static struct page_list_entry *entry(uint64_t pdx, unsigned size)
{
	return size == sizeof(struct page_info) ? &pdx_to_page(pdx)->list
						: &a32_pdx_to_page(pdx)->list;
}

static uint64_t entry_mfn(const struct page_list_entry *e, unsigned size)
{
	return size == sizeof(struct page_info)
		       ? page_to_mfn((const struct page_info *)e)
		       : a32_page_to_mfn((const struct page_info32 *)e);
}

/* Frames of every bank, threaded into one list by PDX, walked both ways:
 * the order and the frames come back, across chunks and banks. */
static int check_list(const char *board, unsigned size, struct totals *t)
{
	static uint64_t mfns[8 * 4096];
	unsigned n = 0, shift = arch.page_shift;
	uint32_t head = PAGE_LIST_NULL, tail = PAGE_LIST_NULL;

	if (ctx.max_pdx >= PAGE_LIST_NULL)
		return fail(board, size, "PDX too wide for u32 links",
			    ctx.max_pdx);
	for (unsigned b = 0; b < ctx.nr_banks && n + 8 <= 8 * 4096; b++) {
		uint64_t first = ctx.st.banks[b].base >> shift;
		uint64_t frames = ctx.st.banks[b].size >> shift;
		for (unsigned k = 0; k < 8; k++) {
			uint64_t mfn =
				first + (k == 7 ? frames - 1 : frames / 7 * k);
			if (n && mfns[n - 1] == mfn)
				continue;
			mfns[n++] = mfn;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		uint32_t pdx = (uint32_t)ft_pfn_to_pdx(&ctx.pdx, mfns[i]);
		struct page_list_entry *e = entry(pdx, size);
		e->next = PAGE_LIST_NULL;
		e->prev = tail;
		if (tail == PAGE_LIST_NULL)
			head = pdx;
		else
			entry(tail, size)->next = pdx;
		tail = pdx;
	}
	unsigned i = 0;
	int last_chunk = -1;
	for (uint32_t p = head; p != PAGE_LIST_NULL;
	     p = entry(p, size)->next, i++) {
		struct page_list_entry *e = entry(p, size);
		if (i >= n || entry_mfn(e, size) != mfns[i])
			return fail(board, size, "list forward at", i);
		int c = ft_chunk_of_va(&ctx, (uintptr_t)e);
		t->chunks_crossed += last_chunk >= 0 && c != last_chunk;
		last_chunk = c;
	}
	if (i != n)
		return fail(board, size, "list forward length", i);
	for (uint32_t p = tail; p != PAGE_LIST_NULL; p = entry(p, size)->prev)
		if (!i-- || entry_mfn(entry(p, size), size) != mfns[i])
			return fail(board, size, "list backward at", i);
	t->list_nodes += n;
	return 0;
}

static int run(const char *board, const char *text, unsigned size,
	       struct totals *t)
{
	static struct ft_bank banks[4096], reserved[4096];
	static struct ft_chunk one_chunk[1];
	static struct ft_group_word one_word[1];
	struct ft_storage st = {.banks = banks,
				.max_banks = 4096,
				.reserved = reserved,
				.max_reserved = 4096,
				.chunks = one_chunk,
				.max_chunks = 1,
				.group_words = one_word,
				.max_group_words = 1};
	struct ft_storage_need need;
	struct ft_params p;
	unsigned bad_line = 0;
	int rc;

	if (fresh_window())
		return fail(board, size, "mmap of the window", 0);
	ft_params_default(&p);
	p.desc_size = size;
	/* Sizing: the banks only, then exactly what the plan needs. */
	rc = ft_init(&ctx, &arch, &p, &st);
	if (!rc)
		rc = banksfile_load(&ctx, text, &bad_line);
	if (!rc)
		rc = ft_storage_need(&ctx, &need);
	if (rc)
		return fail(board, size, ft_strerror(rc), bad_line);
	st.chunks = calloc(need.chunks, sizeof(*st.chunks));
	st.max_chunks = need.chunks;
	st.group_words = calloc(need.group_words, sizeof(*st.group_words));
	st.max_group_words = need.group_words;
	st.valid_words = calloc(need.valid_words, sizeof(*st.valid_words));
	st.max_valid_words = need.valid_words;
	if (!st.chunks || !st.group_words || !st.valid_words)
		return fail(board, size, "calloc", 0);
	rc = ft_init(&ctx, &arch, &p, &st);
	if (!rc)
		rc = banksfile_load(&ctx, text, &bad_line);
	if (!rc)
		rc = ft_plan(&ctx);
	struct ft_ops ops = {.alloc = ft_bootalloc_hook_alloc,
			     .free = ft_bootalloc_hook_free,
			     .alloc_arg = &ba,
			     .map = map_hook,
			     .unmap = unmap_hook,
			     .fill = fill_hook};
	if (!rc) {
		ft_bootalloc_init(&ba, ba_storage, 8192);
		rc = ft_bootalloc_from_ctx(&ba, &ctx);
	}
	if (!rc)
		rc = ft_place(&ctx, &ops);
	if (!rc)
		rc = ft_apply(&ctx, &ops);
	if (rc)
		return fail(board, size, ft_strerror(rc), 0);
	t->runs++;
	t->base_nonzero += ctx.base_pdx != 0;

	unsigned shift = arch.page_shift;
	uint64_t g =
		ctx.group_order < 10 ? UINT64_C(1) << ctx.group_order : 1024;
	/* Around every chunk edge, a group either side. */
	for (unsigned i = 0; i < ctx.nr_chunks; i++) {
		const struct ft_chunk *c = &ctx.st.chunks[i];
		const uint64_t edges[2] = {c->pdx_start, c->pdx_end};
		for (unsigned e = 0; e < 2; e++) {
			uint64_t from = edges[e] > g ? edges[e] - g : 0;
			for (uint64_t pdx = from; pdx < edges[e] + g; pdx++)
				if (check_valid(board, size,
						ft_pdx_to_pfn(&ctx.pdx, pdx),
						t))
					return -1;
		}
	}
	/* Bank edges, holes between banks, and random frames. */
	const struct ft_bank *lb = &ctx.st.banks[ctx.nr_banks - 1];
	uint64_t lo = ctx.st.banks[0].base >> shift;
	uint64_t hi = (lb->base + lb->size) >> shift;
	for (unsigned b = 0; b < ctx.nr_banks; b++) {
		uint64_t s = ctx.st.banks[b].base >> shift;
		uint64_t e = s + (ctx.st.banks[b].size >> shift);
		for (uint64_t d = 0; d < 4; d++)
			if (check_valid(board, size, s + d, t) ||
			    check_valid(board, size, e - 1 - d, t) ||
			    check_valid(board, size, e + d, t) ||
			    (s >= d + 1 &&
			     check_valid(board, size, s - 1 - d, t)))
				return -1;
		if (b + 1 < ctx.nr_banks &&
		    check_valid(board, size,
				(e + (ctx.st.banks[b + 1].base >> shift)) / 2,
				t))
			return -1;
	}
	for (unsigned k = 0; k < 20000; k++) {
		uint64_t r = rnd();
		uint64_t mfn = k % 4 == 3 ? r >> 12 : lo + r % (hi - lo + 1);
		if (check_valid(board, size, mfn, t))
			return -1;
	}
	if (check_list(board, size, t))
		return -1;
	free(st.chunks);
	free(st.group_words);
	free(st.valid_words);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("FT_BOARDS_DIR");
	struct totals t = {0};
	char **names = NULL, path[4096];
	size_t nr = 0;
	int failed = 0;

	if (!dir || banksfile_list(dir, &names, &nr) || !nr) {
		printf("FAIL: no boards (give a directory or FT_BOARDS_DIR)\n");
		return 1;
	}
	for (size_t i = 0; i < nr; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		char *text = banksfile_slurp(path, NULL);
		if (!text) {
			printf("FAIL: cannot read %s\n", path);
			return 1;
		}
		t.boards++;
		failed |= run(names[i], text, sizeof(struct page_info), &t) ||
			  run(names[i], text, sizeof(struct page_info32), &t);
		free(text);
		free(names[i]);
	}
	free(names);
	printf("%u boards, %u plans (56- and 32-byte page_info) applied in a "
	       "real window; %u with a non-zero base PDX; %" PRIu64
	       " mfn_valid checked against the mappings (%" PRIu64
	       " answered by a FULL group); page lists of %u nodes walked, "
	       "crossing chunks %u times\n",
	       t.boards, t.runs, t.base_nonzero, t.valid_checked, t.full_hits,
	       t.list_nodes, t.chunks_crossed);
	if (!failed && (t.runs != 2 * t.boards || !t.base_nonzero ||
			!t.chunks_crossed || !t.full_hits)) {
		printf("FAIL: a check did not run\n");
		failed = 1;
	}
	return failed;
}
