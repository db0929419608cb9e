/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Sv39 / Sv48 page-table entry and satp, as the RISC-V privileged
 * spec defines them (Supervisor-Level ISA: "Sv39", "Sv48", satp;
 * "Svnapot"). Field positions and sizes only, no policy: the mapper
 * (pt.c) and the independent checker (pt-check.c) both read them, and
 * tests/unit-riscv-pt.c pins them to the spec's numbers, so a wrong
 * constant here cannot hide behind the two agreeing with each other.
 */
#ifndef FT_RISCV_PTE_H
#define FT_RISCV_PTE_H

#include <frametable/ft_env.h>

#define RV_PTE_V (UINT64_C(1) << 0) /* valid */
#define RV_PTE_R (UINT64_C(1) << 1) /* readable */
#define RV_PTE_W (UINT64_C(1) << 2) /* writable; W without R is reserved */
#define RV_PTE_X (UINT64_C(1) << 3) /* executable */
#define RV_PTE_U (UINT64_C(1) << 4) /* U-mode may access */
#define RV_PTE_G (UINT64_C(1) << 5) /* global: in every address space */
#define RV_PTE_A (UINT64_C(1) << 6) /* accessed */
#define RV_PTE_D (UINT64_C(1) << 7) /* dirty */
/* R = W = X = 0 in a valid PTE: a pointer to the next level's table. */
#define RV_PTE_RWX (RV_PTE_R | RV_PTE_W | RV_PTE_X)

/* PPN: bits 53..10, 44 bits, so physical addresses have 56 bits. */
#define RV_PTE_PPN_SHIFT 10
#define RV_PTE_PPN_BITS	 44
#define RV_PTE_PPN_MASK                                                        \
	(((UINT64_C(1) << RV_PTE_PPN_BITS) - 1) << RV_PTE_PPN_SHIFT)
#define RV_PA_BITS 56
/* Bits 60..54: reserved for future standard use, must be zero. */
#define RV_PTE_RESERVED (UINT64_C(0x7f) << 54)
/* Bits 62..61: Svpbmt's memory type; reserved without Svpbmt. */
#define RV_PTE_PBMT (UINT64_C(3) << 61)
/* Bit 63: Svnapot's N; reserved without Svnapot. */
#define RV_PTE_N (UINT64_C(1) << 63)

/* A 64 KiB NAPOT PTE: a leaf at the 4K level with N = 1 and
 * ppn[0][3:0] = 0b1000, the same PTE in 16 consecutive, 16-aligned slots;
 * the walk replaces ppn[0][3:0] by vpn[0][3:0]. */
#define RV_NAPOT_64K_PPN_BITS 0x8
#define RV_NAPOT_64K_PPN_MASK 0xf
#define RV_NAPOT_64K_ENTRIES  16

/* A table is one 4 KiB page of 512 eight-byte PTEs, at every level. */
#define RV_PT_PAGE_SHIFT 12
#define RV_PT_PAGE_SIZE	 (UINT64_C(1) << RV_PT_PAGE_SHIFT)
#define RV_PT_ENTRIES	 512
#define RV_PT_INDEX_BITS 9
#define RV_PT_MAX_LEVELS 4 /* Sv48 */

/* satp: MODE in bits 63..60 (8 Sv39, 9 Sv48), ASID 59..44, PPN 43..0. */
#define RV_SATP_MODE_SHIFT 60
#define RV_SATP_MODE_SV39  UINT64_C(8)
#define RV_SATP_MODE_SV48  UINT64_C(9)
#define RV_SATP_ASID_SHIFT 44

#endif /* FT_RISCV_PTE_H */
