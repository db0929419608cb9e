/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * frametable: plan, place, map and initialise a hypervisor's frametable
 * sparsely, skipping the holes of the physical address space.
 *
 * Data flow (docs/design.md): banks -> PDX translation -> group bitmap ->
 * plan (chunks of descriptor VA) -> place (physical memory) -> apply (map,
 * zero, poison) -> use (O(1) conversions, ft_mfn_valid).
 *
 * Everything lives in a struct ft_ctx the caller owns, with storage the
 * caller provides; the library keeps no global state and never allocates.
 * Functions return 0 or a negative enum ft_err; on error ctx->err says
 * which bank, node or chunk was at fault.
 */
#ifndef FRAMETABLE_FRAMETABLE_H
#define FRAMETABLE_FRAMETABLE_H

#include <frametable/ft_env.h>
#include <frametable/errors.h>
#include <frametable/arch.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FT_VERSION "0.1.0"

/* Xen arm64's struct page_info is 56 bytes. */
#define FT_DEFAULT_DESC_SIZE 56
#define FT_DEFAULT_PA_BITS   48
/* Entries of the offset-compression lookup tables: 4x Xen's default of 64
 * (order 6), so that banks whose blocks collide modulo 64 need no merging
 * (lib/pdx-offset.c). The tables take 2 x 8 x 256 bytes of the context. */
#define FT_PDX_OFFSET_MAX_SLOTS 256
/* Offset compression keeps ranges aligned to 2^18 frames (1 GiB at 4K). */
#define FT_PDX_OFFSET_ALIGN_ORDER 18
/* No physical address: a chunk not placed yet. */
#define FT_PA_NONE UINT64_MAX

struct ft_bank {
	uint64_t base;
	uint64_t size;
};

enum ft_pdx_mode {
	/* ft_plan(): the best plan of the three by the policy's rule;
	 * ft_pdx_setup() alone: the smallest span. Ties: the simplest. */
	FT_PDX_AUTO = 0,
	FT_PDX_NONE,   /* pdx == pfn */
	FT_PDX_MASK,   /* squeeze one bit range that is zero in all RAM */
	FT_PDX_OFFSET, /* per-region offsets from a small lookup table */
};

enum ft_policy {
	/* Fewest bytes among the plans that use no more bytes and no more TLB
	 * entries than Xen's upstream sparse layout of the same map. */
	FT_POLICY_DEFAULT = 0,
	/* Fewest bytes (the physical limit, page-rounded per chunk edge). */
	FT_POLICY_MIN_MEMORY,
	/* Fewest TLB entries; bytes break ties. */
	FT_POLICY_MIN_TLB,
};

/*
 * The planner's search strategies (lib/plan.c), as bits of
 * ft_params.strategies: which candidates ft_plan() may consider. A plan
 * takes one edge rule, one group order and one base rule; the bits of the
 * kept one are in ft_ctx.plan_strategy. Meant for benchmarks that show
 * which strategy earns its place (tools/ftstrategy.c); leave it at
 * FT_PLAN_ALL otherwise.
 */
/* Edge rules: whole runs of groups as Xen maps them; per run the smallest
 * shape no worse than Xen's; RAM pages widened to one mapping size; per
 * chunk the size that needs the fewest TLB entries. */
#define FT_PLAN_EDGE_WHOLE (1u << 0)
#define FT_PLAN_EDGE_MIXED (1u << 1)
#define FT_PLAN_EDGE_TRIM  (1u << 2)
#define FT_PLAN_EDGE_FIT   (1u << 3)
/* Group orders: page-filling groups; upstream's level-2 groups. */
#define FT_PLAN_ORDER_FINE   (1u << 4)
#define FT_PLAN_ORDER_COARSE (1u << 5)
/* Base PDX: the first RAM PDX rounded down to the order's group, or to a
 * fine group; or the largest bank's first descriptor on a block boundary. */
#define FT_PLAN_BASE_GROUP   (1u << 6)
#define FT_PLAN_BASE_FINE    (1u << 7)
#define FT_PLAN_BASE_ALIGNED (1u << 8)
#define FT_PLAN_ALL	     0x1ffu

struct ft_params {
	/* Bytes per descriptor (> 0). */
	uint32_t desc_size;
	/* Physical address width; banks must end at or below 2^pa_bits. */
	unsigned pa_bits;
	enum ft_pdx_mode pdx_mode;
	/* Lookup-table entries for FT_PDX_OFFSET (power of two, 2..256). */
	unsigned pdx_offset_slots;
	/* log2 frames per group; -1 derives the smallest order whose
	 * descriptors fill whole pages: page_shift - ctz(desc_size). */
	int group_order;
	enum ft_policy policy;
	/* FT_PLAN_* bits the search may use; 0 means FT_PLAN_ALL. */
	unsigned strategies;
};

/* The PDX translation chosen for a map: data, not macros. */
struct ft_pdx {
	enum ft_pdx_mode mode;
	/* mask: pdx = (pfn & low_mask) | ((pfn >> hole_bits) & ~low_mask);
	 * a frame with a bit of hole_mask set has no PDX. none: all zero. */
	unsigned hole_shift, hole_bits;
	uint64_t low_mask, hole_mask;
	/* offset: pdx = pfn - pfn_delta[(pfn >> pfn_shift) & (slots - 1)],
	 *         pfn = pdx + pdx_delta[pdx >> pdx_shift]. */
	unsigned slots, pfn_shift, pdx_shift;
	uint64_t pfn_delta[FT_PDX_OFFSET_MAX_SLOTS];
	uint64_t pdx_delta[FT_PDX_OFFSET_MAX_SLOTS];
	unsigned nr_regions; /* pdx slots 0 .. nr_regions - 1 hold RAM */
};

/* A virtually contiguous run of mapped descriptors. */
struct ft_chunk {
	/* Mapped descriptor VA, page aligned: [va_start, va_end). */
	uint64_t va_start, va_end;
	/* Descriptors wholly inside the mapping: [pdx_start, pdx_end). */
	uint64_t pdx_start, pdx_end;
	/* Placed PA of va_start, or FT_PA_NONE. */
	uint64_t pa;
	/* pa == va_start modulo pa_align: the largest mapping size the
	 * chunk may use. Set by the planner to what the VA range could use,
	 * lowered by ft_place() if the allocator could not give it. */
	uint64_t pa_align;
};

/* A run of count equal TLB entries, contiguous in VA and PA. */
struct ft_mapping {
	uint64_t va, pa; /* pa is FT_PA_NONE before ft_place() */
	uint64_t size;	 /* bytes of one entry: arch->sizes[size_class].size */
	uint64_t count;
	unsigned size_class;
	unsigned chunk;
};

struct ft_stats {
	uint64_t ram_frames;
	uint64_t limit_bytes; /* ram_frames * desc_size: the physical limit */
	uint64_t allocated_bytes; /* sum of the chunks' mapped bytes */
	uint64_t pt_pages;	  /* page-table pages below the root */
	uint64_t tlb_entries;	  /* a contiguous-hint run counts once */
	uint64_t nr_chunks;
	uint64_t ghost_descs; /* mapped descriptors of non-RAM frames */
	/* One table from ram_start to ram_end, as Xen/Arm did before sparse
	 * frametables: with this plan's PDX, and with no PDX compression. */
	uint64_t dense_bytes, dense_pt_pages, dense_tlb_entries;
	uint64_t dense_nopdx_bytes;
};

/* Details of the last error, for messages that name the culprit. */
struct ft_error_info {
	int code;	     /* 0 or -enum ft_err */
	int index;	     /* bank or chunk index, -1 if none */
	int other;	     /* second bank of an overlap, -1 if none */
	int fdt_node;	     /* offset of the offending DTB node, -1 if none */
	uint64_t base, size; /* the offending range */
	uint64_t base2, size2; /* the range it collides with */
	uint64_t need, have;   /* sizes for window / storage errors */
	/* Why the input was refused, beyond the code: a static sentence,
	 * or NULL. FT_ERR_FDT_BAD: which check of the blob failed. */
	const char *detail;
	/* FT_ERR_FDT_BAD: byte offset in the blob of what failed the
	 * check, -1 when it is the header or the blob as a whole. */
	int fdt_offset;
};

/* One word of the group bitmap: bits of groups index * FT_WORD_BITS .. +
 * FT_WORD_BITS - 1 (relative to ctx->group_first). Only words holding a
 * valid group are stored, sorted by index, so the bitmap's size and the
 * cost of building it follow the valid groups, not the PDX span. */
struct ft_group_word {
	uint64_t index;
	ft_word_t bits;
};

/* Storage the caller provides; the library never allocates. */
struct ft_storage {
	struct ft_bank *banks;
	unsigned max_banks;
	struct ft_bank *reserved;
	unsigned max_reserved;
	struct ft_chunk *chunks;
	unsigned max_chunks;
	struct ft_group_word *group_words;
	size_t max_group_words;
	/* The map that makes ft_mfn_valid O(1): two bitmaps, one bit per
	 * group each, from the first chunk's group to the last one's (as
	 * Xen's pdx_group_valid).
	 * Optional: with max_valid_words 0, ft_mfn_valid searches the
	 * chunks instead (exact, O(log chunks)). */
	ft_word_t *valid_words;
	size_t max_valid_words;
};

/*
 * Declare static storage named name##_storage (a struct ft_storage).
 * The sizes for a board: ft_storage_need() at run time, or
 * `ftplan --storage BOARD` at build time, which prints this line
 * (docs/embedding.md). nvalid may be 0 (ft_mfn_valid then searches).
 */
#define FT_STORAGE_DEFINE(name, nbanks, nreserved, nchunks, nwords, nvalid)    \
	static struct ft_bank name##_banks[nbanks];                            \
	static struct ft_bank name##_reserved[nreserved];                      \
	static struct ft_chunk name##_chunks[nchunks];                         \
	static struct ft_group_word name##_words[nwords];                      \
	static ft_word_t name##_valid[(nvalid) ? (nvalid) : 1];                \
	/* Positional, so that C++ before C++20 takes it too. */               \
	static const struct ft_storage name##_storage = {                      \
		name##_banks,  (nbanks),  name##_reserved, (nreserved),        \
		name##_chunks, (nchunks), name##_words,	   (nwords),           \
		name##_valid,  (nvalid)}

/* What a plan of given banks needs of each array of struct ft_storage. */
struct ft_storage_need {
	unsigned banks, reserved, chunks;
	size_t group_words, valid_words;
};

/* What ft_mfn_valid reads (frametable/hot.h); set by ft_plan(). A group
 * is FULL (every descriptor of it lies wholly in a chunk), CUT (a chunk's
 * edge falls inside it: ft_pdx_has_desc() decides) or neither (a hole). */
struct ft_valid_map {
	const ft_word_t *full; /* bit per group: FULL */
	const ft_word_t *cut;  /* bit per group: CUT */
	size_t nr_words;       /* words of each bitmap */
	unsigned order;	       /* log2 PDXs per group */
	uint64_t first;	       /* group of bit 0 */
	uint64_t groups;       /* groups covered; 0 before ft_plan() */
};

enum ft_state {
	FT_STATE_BANKS = 0, /* collecting banks */
	FT_STATE_PLANNED,   /* ft_plan() done: chunks have VAs */
	FT_STATE_PLACED,    /* ft_place() done: chunks have PAs */
	FT_STATE_APPLIED,   /* ft_apply() done: descriptors usable */
};

struct ft_ctx {
	const struct ft_arch *arch;
	struct ft_params params;
	struct ft_storage st;
	enum ft_state state;
	unsigned nr_banks, nr_reserved, nr_chunks;
	/* Set by ft_plan(). */
	struct ft_pdx pdx;
	unsigned group_order;
	uint64_t group_first;  /* group index of bit 0 of the bitmap */
	uint64_t nr_groups;    /* groups from the first to the last RAM frame */
	size_t nr_group_words; /* words stored in st.group_words */
	uint64_t base_pdx;     /* the descriptor at window_base */
	uint64_t max_pdx;      /* one past the last RAM frame's pdx */
	uint64_t window_base;  /* VA of base_pdx's descriptor */
	unsigned plan_strategy; /* FT_PLAN_* bits of the kept plan */
	/* Exact division by desc_size (frametable/hot.h): shift by its
	 * trailing zeros, multiply by the inverse of its odd part. */
	unsigned desc_shift;
	uint64_t desc_inverse;
	struct ft_valid_map valid;
	/* Banks and reserved ranges offered past the storage: err.need. */
	unsigned banks_offered, reserved_offered;
	struct ft_error_info err;
};

/* ---- context and banks (lib/ctx.c, lib/banks.c, lib/banks-fdt.c) ---- */

void ft_params_default(struct ft_params *p);
/* ft_params_default, then the arch's own defaults where it has them
 * (ft_arch.desc_size, .pa_bits: arm32's 32-byte descriptor and 40-bit
 * PA). What ft_init uses when given no params; start from it to change
 * one field and keep the arch's defaults. */
void ft_params_for_arch(struct ft_params *p, const struct ft_arch *arch);
/* Start a context. params may be NULL for the defaults. The context keeps
 * the arch pointer (not a copy) and the storage arrays: both must outlive
 * it and stay unchanged while it is used. */
int ft_init(struct ft_ctx *ctx, const struct ft_arch *arch,
	    const struct ft_params *params, const struct ft_storage *st);
/* Declare RAM. Banks may come in any order; adjacent ones are merged when
 * the set is validated by ft_plan(). */
int ft_add_bank(struct ft_ctx *ctx, uint64_t base, uint64_t size);
/* Declare RAM the allocator must not hand out (still gets descriptors). */
int ft_add_reserved(struct ft_ctx *ctx, uint64_t base, uint64_t size);
/* Instead of ft_plan(), once the banks are added: what ft_plan() would
 * need of each storage array, exactly, for the plan it would keep (banks
 * and reserved: every range offered, those dropped for want of room
 * included). The context needs room for the banks only (chunks, words:
 * any size). Leaves the context collecting banks; returns 0 or the error
 * ft_plan() would give (with banks dropped: TOOMANYBANKS, need->banks
 * still filled in). docs/embedding.md: sizing. */
int ft_storage_need(struct ft_ctx *ctx, struct ft_storage_need *need);
/* Sort, check and merge the banks (done by ft_plan(); exposed for tests). */
int ft_banks_validate(struct ft_ctx *ctx);
/* Read /memory nodes (device_type "memory"), /reserved-memory children
 * and the memory reservation block of a DTB of size bytes with libfdt.
 * The whole blob is checked first (lib/fdt-check.c), so a malformed one
 * fails with FT_ERR_FDT_BAD, ctx->err.detail saying why, before any bank
 * is added. */
int ft_add_fdt(struct ft_ctx *ctx, const void *fdt, size_t size);

/* ---- PDX translation (lib/pdx*.c) ---- */

/* Choose the translation for the validated banks. */
int ft_pdx_setup(struct ft_pdx *pdx, enum ft_pdx_mode mode, unsigned slots,
		 const struct ft_bank *banks, unsigned nr, unsigned page_shift);
/* ft_pfn_to_pdx, ft_pdx_to_pfn: inline, frametable/hot.h. */
const char *ft_pdx_mode_name(enum ft_pdx_mode mode);

/* ---- group bitmap (lib/groups.c) ---- */

/* find-next-set / find-next-clear over nbits bits from start; returns
 * nbits when there is none. */
uint64_t ft_find_next_bit(const ft_word_t *map, uint64_t nbits, uint64_t start);
uint64_t ft_find_next_zero_bit(const ft_word_t *map, uint64_t nbits,
			       uint64_t start);
void ft_bitmap_set_range(ft_word_t *map, uint64_t start, uint64_t len);
/* Is group g (absolute index) marked as holding RAM? O(log words). */
bool ft_group_valid(const struct ft_ctx *ctx, uint64_t g);
/* The first valid group >= g, or ctx->group_first + ctx->nr_groups. */
uint64_t ft_group_next_valid(const struct ft_ctx *ctx, uint64_t g);
/* The first hole group >= g below ctx->group_first + ctx->nr_groups, or
 * that end. Both search a word at a time. */
uint64_t ft_group_next_hole(const struct ft_ctx *ctx, uint64_t g);

/* ---- plan, place, apply (lib/plan.c, lib/place.c, lib/apply.c) ---- */

/* Validate banks, choose PDX, build the group bitmap and the chunks. */
int ft_plan(struct ft_ctx *ctx);
/* Give every chunk physical memory through ops->alloc, with PA congruent
 * to VA so that large mappings are possible. All or nothing. */
int ft_place(struct ft_ctx *ctx, const struct ft_ops *ops);
/* Map every chunk, zero its descriptors, poison its slack. All or
 * nothing: on failure what was mapped is unmapped and memory freed. */
int ft_apply(struct ft_ctx *ctx, const struct ft_ops *ops);

/* Cut [s, e) into runs of equal TLB entries using sizes <= pa_align, the
 * biggest that fit first (optimal for sizes that divide each other), as
 * the planner cuts a chunk; PA must be congruent to VA modulo pa_align.
 * Calls fn per run; returns the number of TLB entries. fn may be NULL.
 * For a caller mapping memory of its own the way the frametable is mapped
 * (the boot stubs' dense layout). */
uint64_t ft_cut_mappings(const struct ft_arch *arch, uint64_t s, uint64_t e,
			 uint64_t pa_align,
			 void (*fn)(void *arg, uint64_t va, uint64_t count,
				    unsigned size_class),
			 void *arg);

/* Walk the plan's TLB entries in VA order, as runs of equal entries; stops
 * and returns fn's value when fn returns non-zero. */
int ft_for_each_mapping(const struct ft_ctx *ctx,
			int (*fn)(void *arg, const struct ft_mapping *m),
			void *arg);
/* Figures for the current plan (placed or not). */
void ft_get_stats(const struct ft_ctx *ctx, struct ft_stats *st);

/* ---- use (frametable/hot.h inline, lib/convert.c) ---- */

/* ft_mfn_to_desc_va, ft_desc_va_to_mfn, ft_pdx_to_desc_va,
 * ft_desc_va_to_pdx, ft_mfn_valid: inline, O(1), frametable/hot.h. */
/* Index of the chunk holding va, or -1. */
int ft_chunk_of_va(const struct ft_ctx *ctx, uint64_t va);

const char *ft_policy_name(enum ft_policy policy);

#ifdef __cplusplus
}
#endif

#include <frametable/hot.h>

#endif /* FRAMETABLE_FRAMETABLE_H */
