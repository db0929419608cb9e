/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V (S-mode paging): Sv39 and Sv48, each with and without Svnapot.
 * Svnapot's only defined NAPOT size is 64 KiB (16 x 4K leaf PTEs,
 * privileged spec, Svnapot chapter); megapages (2M), gigapages (1G) and,
 * in Sv48, terapages (512G) are leaves at the upper levels.
 *
 * Svnapot is an extension a hart may lack (the device tree's
 * riscv,isa-extensions says "svnapot" when it has it), and on such a hart
 * bit N of a PTE is reserved: a 64K NAPOT leaf faults. So every mode comes
 * twice: "sv39" / "sv48" may map with 64K NAPOT runs, "sv39-nonapot" /
 * "sv48-nonapot" have no 64K size at all, so the planner never puts a
 * NAPOT entry in their plans and uses 4K pages where the others use 64K.
 *
 * Windows (this project's layout, in the upper half of each VA space):
 * Sv39 64 GiB at 0xffff_ffd0_0000_0000, Sv48 1 TiB at 0xffff_c000_0000_0000.
 */
#include <frametable/arch.h>

#define SV39_WINDOW_BASE UINT64_C(0xffffffd000000000)
#define SV39_WINDOW_SIZE (UINT64_C(64) << 30)
#define SV48_WINDOW_BASE UINT64_C(0xffffc00000000000)
#define SV48_WINDOW_SIZE (UINT64_C(1024) << 30)
/* Level i of an lv-level walk translates the VA bits from 12 + 9 * (lv - 1
 * - i) up: 9 bits per level above the 4K page offset. lv, i and up are
 * always literals here. */
#define SHIFT(lv, i) (i < lv ? 12 + 9 * (lv - 1 - i) : 0)

/* A leaf size of 2^bits bytes in an lv-level walk, up levels above the
 * 4K level; n PTEs for one TLB entry (Svnapot) or 0. */
#define LEAF(lv, up, bits, n, label)                                           \
	{                                                                      \
		.size = UINT64_C(1) << (bits), .level = lv - 1 - up,           \
		.contig = (n), .name = (label)                                 \
	}
#define LEAF_4K(lv)    LEAF(lv, 0, 12, 0, "4K")
#define LEAF_NAPOT(lv) LEAF(lv, 0, 16, 16, "64K-napot")
#define LEAF_2M(lv)    LEAF(lv, 1, 21, 0, "2M")
#define LEAF_1G(lv)    LEAF(lv, 2, 30, 0, "1G")
#define LEAF_512G(lv)  LEAF(lv, 3, 39, 0, "512G")

/* One description; the sizes are the trailing arguments, ascending. */
#define RISCV_DESC(var, lv, base, bytes, ...)                                  \
	{                                                                      \
		.name = "riscv64", .variant = (var), .page_shift = 12,         \
		.window_base = (base), .window_size = (bytes),                 \
		.nr_levels = (lv),                                             \
		.level_shift = {SHIFT(lv, 0), SHIFT(lv, 1), SHIFT(lv, 2),      \
				SHIFT(lv, 3)},                                 \
		.nr_sizes = sizeof((struct ft_map_size[]){__VA_ARGS__}) /      \
			    sizeof(struct ft_map_size),                        \
		.sizes = {__VA_ARGS__},                                        \
	}

const struct ft_arch ft_arch_riscv_sv39 =
	RISCV_DESC("sv39", 3, SV39_WINDOW_BASE, SV39_WINDOW_SIZE, LEAF_4K(3),
		   LEAF_NAPOT(3), LEAF_2M(3), LEAF_1G(3));

const struct ft_arch ft_arch_riscv_sv48 =
	RISCV_DESC("sv48", 4, SV48_WINDOW_BASE, SV48_WINDOW_SIZE, LEAF_4K(4),
		   LEAF_NAPOT(4), LEAF_2M(4), LEAF_1G(4), LEAF_512G(4));

const struct ft_arch ft_arch_riscv_sv39_nonapot =
	RISCV_DESC("sv39-nonapot", 3, SV39_WINDOW_BASE, SV39_WINDOW_SIZE,
		   LEAF_4K(3), LEAF_2M(3), LEAF_1G(3));

const struct ft_arch ft_arch_riscv_sv48_nonapot =
	RISCV_DESC("sv48-nonapot", 4, SV48_WINDOW_BASE, SV48_WINDOW_SIZE,
		   LEAF_4K(4), LEAF_2M(4), LEAF_1G(4), LEAF_512G(4));
