/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the RISC-V boot stub. OpenSBI (QEMU's -bios default) jumps here,
 * to the -kernel image at 0x8020_0000, in S-mode with paging off, the hart
 * id in a0 and the DTB in a1. Other harts stay parked in OpenSBI (HSM).
 */
	.section .text.boot, "ax"
	.option	push
	.option	norelax
	.globl	_start
_start:
	la	sp, __stack_top
	.option	pop
	mv	s0, a0
	mv	s1, a1
	/* The page-table pool lives in .bss: it must start zeroed. */
	la	t0, __bss_start
	la	t1, __bss_end
.Lzero:
	bgeu	t0, t1, .Lzeroed
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	.Lzero
.Lzeroed:
	la	t0, rv_trap_entry
	csrw	stvec, t0
	/* sstatus.FS = Initial: picolibc and the compiler may use FP
	 * registers. */
	li	t0, 0x2000
	csrs	sstatus, t0
	mv	a0, s0
	mv	a1, s1
	call	stub_main
.Lhang:
	wfi
	j	.Lhang
