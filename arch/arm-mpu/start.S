/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the Arm MPU boot stub on QEMU mps3-an547 (Cortex-M55, Secure
 * state at reset, SAU off: all memory Secure). QEMU loads the ELF and the
 * CPU takes its initial SP and reset PC from this vector table at the
 * secure ITCM alias 0x1000_0000 (the reset VTOR). Faults go to
 * mpu_fault() in boot-mpu.c with the stacked frame.
 */
	.syntax	unified
	.thumb

	.section .vectors, "a"
	.balign	128
	.globl	mpu_vectors
mpu_vectors:
	.word	__stack_top
	.word	mpu_reset
	.word	mpu_fault_entry		/* NMI */
	.word	mpu_fault_entry		/* HardFault */
	.word	mpu_fault_entry		/* MemManage */
	.word	mpu_fault_entry		/* BusFault */
	.word	mpu_fault_entry		/* UsageFault */
	.word	mpu_fault_entry		/* SecureFault */
	.word	0, 0, 0
	.word	mpu_fault_entry		/* SVCall */
	.word	mpu_fault_entry		/* DebugMonitor */
	.word	0
	.word	mpu_fault_entry		/* PendSV */
	.word	mpu_fault_entry		/* SysTick */
	.rept	16
	.word	mpu_fault_entry		/* the first external interrupts */
	.endr

	.section .text.boot, "ax"
	.thumb_func
	.globl	mpu_reset
mpu_reset:
	ldr	r0, =__stack_top
	msr	msp, r0
	/* VTOR: this table. */
	ldr	r1, =0xe000ed08
	ldr	r0, =mpu_vectors
	str	r0, [r1]
	/* CPACR: CP10 and CP11 full access, before any FP instruction
	 * (the hard-float ABI and picolibc use FP registers). */
	ldr	r1, =0xe000ed88
	ldr	r0, [r1]
	orr	r0, r0, #(0xf << 20)
	str	r0, [r1]
	dsb
	isb
	/* Clear .bss. */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	movs	r2, #0
1:	cmp	r0, r1
	bhs	2f
	str	r2, [r0], #4
	b	1b
2:	/* SHCSR: MemManage, BusFault and UsageFault enabled, so that they
	 * do not escalate to HardFault. */
	ldr	r1, =0xe000ed24
	ldr	r0, [r1]
	orr	r0, r0, #(7 << 16)
	str	r0, [r1]
	dsb
	isb
	bl	stub_main
3:	wfi
	b	3b

	.thumb_func
	.globl	mpu_fault_entry
mpu_fault_entry:
	/* The frame is on the stack the thread used: MSP here, the stub
	 * never switches to PSP. r4 keeps the stack 8-byte aligned. */
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp
	mov	r1, lr
	mrs	r2, ipsr
	push	{r4, lr}
	bl	mpu_fault
	pop	{r4, pc}
	.pool
