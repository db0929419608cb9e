/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the arm64 boot stub. QEMU (-M virt,virtualization=on -kernel
 * stub.elf) loads the ELF at its link address and starts the boot CPU
 * here at EL2 with the MMU off; the other CPUs stay off (PSCI).
 */
	.section .text.boot, "ax"
	.globl	_start
_start:
	ldr	x0, =__stack_top
	mov	sp, x0
	/* .bss holds the page-table pool, which must start zeroed. */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	3f
	/* Untrap FP/SIMD (CPTR_EL2.TFP = 0, RES1 bits kept): picolibc's
	 * string routines use SIMD registers. */
	mov	x0, #0x32ff
	msr	cptr_el2, x0
	/* E2H = 0: TCR_EL2 and SCTLR_EL2 then have the layout pt.c writes. */
	msr	hcr_el2, xzr
	ldr	x0, =ft_arm64_vectors
	msr	vbar_el2, x0
	isb
	bl	stub_main
	mov	x0, #1
	bl	semihost_exit
3:	bl	stub_wrong_el
	b	.
