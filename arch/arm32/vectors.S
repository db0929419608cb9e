/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hyp mode exception vectors (HVBAR, 32-byte aligned; HSCTLR.TE = 0, so
 * they run in ARM state). The stub runs in Hyp mode, so every exception
 * it takes arrives here from Hyp mode on the one Hyp stack. Each entry
 * saves r0-r12 and lr, aligns the stack to 8 bytes for the C call, lets
 * fault_hyp() decide (it returns only for a probe it skipped) and returns
 * with eret (ELR_hyp, SPSR_hyp).
 */
	.syntax	unified
	.arch	armv7ve
	.arm
	.section .text.vectors, "ax"

	.macro	entry kind
	push	{r0-r12, lr}
	mov	r4, sp
	bic	r5, r4, #7
	mov	sp, r5
	mov	r0, #\kind
	bl	fault_hyp
	mov	sp, r4
	pop	{r0-r12, lr}
	eret
	.endm

	.balign	32
	.globl	ft_arm32_vectors
ft_arm32_vectors:
	b	vec_unused	/* 0x00: not used in Hyp mode */
	b	vec_undef	/* 0x04: undefined instruction */
	b	vec_hvc		/* 0x08: hypervisor call (and svc in Hyp) */
	b	vec_pabt	/* 0x0c: prefetch abort */
	b	vec_dabt	/* 0x10: data abort */
	b	vec_trap	/* 0x14: hyp trap, from other modes */
	b	vec_irq		/* 0x18 */
	b	vec_fiq		/* 0x1c */

vec_unused:	entry 0
vec_undef:	entry 1
vec_hvc:	entry 2
vec_pabt:	entry 3
vec_dabt:	entry 4
vec_trap:	entry 5
vec_irq:	entry 6
vec_fiq:	entry 7
