/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The S-mode trap entry (stvec, direct mode). Interrupts stay disabled, so
 * only exceptions arrive: every integer register but sp and x0 is saved in
 * a frame on the stack, rv_trap() decides (it returns only after skipping a
 * probe's load, with sepc moved on) and sret resumes.
 */
#define FRAME_WORDS 32

	.macro	save_regs
	.irp	n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, (\n * 8)(sp)
	.endr
	.endm

	.macro	load_regs
	.irp	n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, (\n * 8)(sp)
	.endr
	.endm

	.section .text.trap, "ax"
	.balign	4
	.globl	rv_trap_entry
rv_trap_entry:
	addi	sp, sp, -(FRAME_WORDS * 8)
	save_regs
	mv	a0, sp
	call	rv_trap
	load_regs
	addi	sp, sp, (FRAME_WORDS * 8)
	sret
