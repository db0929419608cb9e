/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL2 exception vectors (VBAR_EL2). The stub runs at EL2 on SP_EL2, so a
 * synchronous exception arrives at "current EL with SPx" (offset 0x200);
 * it saves x0-x30, lets fault_sync() decide (it returns only for a probe
 * it skipped) and returns with eret. Every other vector is fatal.
 */
	.section .text.vectors, "ax"

	.macro	unexpected kind
	.balign	0x80
	mov	x0, #\kind
	b	fault_unexpected
	.endm

	.balign	0x800
	.globl	ft_arm64_vectors
ft_arm64_vectors:
	unexpected 0	/* current EL, SP0: sync */
	unexpected 1
	unexpected 2
	unexpected 3
	.balign	0x80	/* current EL, SPx: sync */
	b	sync_spx
	unexpected 5	/* current EL, SPx: IRQ */
	unexpected 6
	unexpected 7
	unexpected 8	/* lower EL, AArch64 */
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12	/* lower EL, AArch32 */
	unexpected 13
	unexpected 14
	unexpected 15

sync_spx:
	sub	sp, sp, #(32 * 8)
	stp	x0, x1, [sp, #(0 * 8)]
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x19, [sp, #(18 * 8)]
	stp	x20, x21, [sp, #(20 * 8)]
	stp	x22, x23, [sp, #(22 * 8)]
	stp	x24, x25, [sp, #(24 * 8)]
	stp	x26, x27, [sp, #(26 * 8)]
	stp	x28, x29, [sp, #(28 * 8)]
	str	x30, [sp, #(30 * 8)]
	mov	x0, sp
	bl	fault_sync
	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x19, [sp, #(18 * 8)]
	ldp	x20, x21, [sp, #(20 * 8)]
	ldp	x22, x23, [sp, #(22 * 8)]
	ldp	x24, x25, [sp, #(24 * 8)]
	ldp	x26, x27, [sp, #(26 * 8)]
	ldp	x28, x29, [sp, #(28 * 8)]
	ldr	x30, [sp, #(30 * 8)]
	add	sp, sp, #(32 * 8)
	eret
