/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the arm32 boot stub. QEMU (-M virt,virtualization=on -cpu
 * cortex-a15 -kernel stub.elf) loads the ELF at its link address and
 * starts the boot CPU here in Hyp mode (CPSR.M 0x1a), MMU off.
 */
	.syntax	unified
	.arch	armv7ve
	.arm
	.section .text.boot, "ax"
	.globl	_start
_start:
	ldr	sp, =__stack_top
	/* .bss holds the page-table pool, which must start zeroed. */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	bhs	2f
	stmia	r0!, {r2, r3}
	b	1b
2:	mrs	r0, cpsr
	and	r0, r0, #0x1f
	cmp	r0, #0x1a
	bne	3f
	/* MMU and caches off, exceptions in ARM state, little endian,
	 * WXN clear: pt.c turns the MMU on later. */
	ldr	r0, =0x30c50818
	mcr	p15, 4, r0, c1, c0, 0	/* HSCTLR */
	ldr	r0, =ft_arm32_vectors
	mcr	p15, 4, r0, c12, c0, 0	/* HVBAR */
	isb
	bl	stub_main
	mov	r0, #1
	bl	semihost_exit
3:	bl	stub_wrong_mode
	b	.
