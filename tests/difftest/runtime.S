/*
 * Runtime of the differential-test guests (tests/difftest/difftest.py links
 * it with one generated batch of cases at 0x40010000).
 *
 * Runs under qemu-system-arm -M virt -cpu cortex-a15 and under `tern run`:
 * start in SVC mode with the MMU off, set VBAR, turn VFP/NEON on, then fall
 * into the generated cases (label dt_cases). Each case saves r0-r14 and the
 * CPSR to dt_save (and d0-d31/FPSCR to dt_vsave in VFP batches), then jumps
 * to dt_dump, which prints one line a case over the PL011 and goes on at the
 * address in dt_resume (the next case). An exception prints an "X" line and
 * resumes at the next case too, so one faulting case does not hide the rest.
 *
 * Output lines (hex, lower case):
 *   R <case> <r0> ... <r12> <r14> <r13> <cpsr> M <64 words of dt_scratch>
 *   F <case> <d0 low> <d0 high> ... <d31 high> <fpscr>        (VFP batches)
 *   X <case> <vector> <lr> <spsr> <DFSR> <DFAR> <IFSR>        (exceptions)
 *   END
 */
	.syntax unified
	.arch armv7ve
	.fpu neon-vfpv4
	.arm

	.equ UART_DR, 0x09000000
	.equ UART_FR, 0x09000018

	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	ldr	sp, =dt_stack_top
	ldr	r0, =dt_vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	mrc	p15, 0, r0, c1, c0, 2		@ CPACR: cp10, cp11 full access
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000			@ FPEXC.EN (an "X ffffffff" line
	vmsr	fpexc, r0			@ when VFP is missing; then go on)
	mov	r0, #0
	vmsr	fpscr, r0
dt_start_cases:
	ldr	r0, =dt_banner
	bl	dt_puts
	b	dt_cases

	.text
/* PSCI SYSTEM_OFF over HVC (QEMU virt and tern alike). */
	.global dt_finish
dt_finish:
	ldr	sp, =dt_stack_top
	ldr	r0, =dt_end
	bl	dt_puts
	ldr	r0, =0x84000008
	hvc	#0
1:	wfi
	b	1b

/* r0 = character. Clobbers r1, r2. */
dt_putc:
	ldr	r1, =UART_FR
1:	ldr	r2, [r1]
	tst	r2, #0x20			@ TXFF
	bne	1b
	ldr	r1, =UART_DR
	str	r0, [r1]
	bx	lr

/* r0 = NUL-terminated string. Clobbers r0-r3. */
dt_puts:
	push	{r4, lr}
	mov	r4, r0
1:	ldrb	r0, [r4], #1
	cmp	r0, #0
	popeq	{r4, pc}
	bl	dt_putc
	b	1b

/* " " then r0 as 8 hex digits. Clobbers r0-r3. */
dt_puthex:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r0, #' '
	bl	dt_putc
	mov	r5, #28
1:	lsr	r0, r4, r5
	and	r0, r0, #15
	cmp	r0, #10
	addlo	r0, r0, #'0'
	addhs	r0, r0, #('a' - 10)
	bl	dt_putc
	subs	r5, r5, #4
	bpl	1b
	pop	{r4, r5, r6, pc}

/* r0 = first word, r1 = count: each as " %08x". Clobbers r0-r3. */
dt_putwords:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r5, r1
1:	ldr	r0, [r4], #4
	bl	dt_puthex
	subs	r5, r5, #1
	bne	1b
	pop	{r4, r5, r6, pc}

/*
 * Fill dt_scratch (256 bytes) from the xorshift32 seed in r0 (not zero):
 * x ^= x << 13; x ^= x >> 17; x ^= x << 5, one word a step.
 * Clobbers r0-r2.
 */
	.global dt_fill
dt_fill:
	ldr	r1, =dt_scratch
	add	r2, r1, #256
1:	eor	r0, r0, r0, lsl #13
	eor	r0, r0, r0, lsr #17
	eor	r0, r0, r0, lsl #5
	str	r0, [r1], #4
	cmp	r1, r2
	bne	1b
	bx	lr

/* Reached by bx from a case (ARM or Thumb) once dt_save is filled. */
	.global dt_dump
dt_dump:
	ldr	sp, =dt_stack_top
	mov	r0, #'R'
	bl	dt_putc
	ldr	r0, =dt_case
	ldr	r0, [r0]
	bl	dt_puthex
	ldr	r0, =dt_save
	mov	r1, #16
	bl	dt_putwords
	mov	r0, #' '
	bl	dt_putc
	mov	r0, #'M'
	bl	dt_putc
	ldr	r0, =dt_scratch
	mov	r1, #64
	bl	dt_putwords
	mov	r0, #'\n'
	bl	dt_putc
	ldr	r0, =dt_vflag
	ldr	r0, [r0]
	cmp	r0, #0
	beq	2f
	mov	r0, #'F'
	bl	dt_putc
	ldr	r0, =dt_case
	ldr	r0, [r0]
	bl	dt_puthex
	ldr	r0, =dt_vsave
	mov	r1, #65
	bl	dt_putwords
	mov	r0, #'\n'
	bl	dt_putc
2:	ldr	r0, =dt_resume
	ldr	r0, [r0]
	bx	r0

/* Exception vectors: print "X case vector lr spsr", resume at dt_resume. */
	.balign 32
dt_vectors:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	b	.Lexc\n
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
.Lexc\n:
	mov	r0, #\n
	b	.Lexc_common
	.endr
.Lexc_common:
	ldr	sp, =dt_exc_stack_top
	ldr	r1, =dt_nexc			@ a storm of exceptions in one
	ldr	r2, [r1]			@ case (the runtime itself
	ldr	r3, [r1, #4]			@ faulting): power off
	ldr	r12, =dt_case
	ldr	r12, [r12]
	cmp	r3, r12
	movne	r2, #0
	add	r2, r2, #1
	stm	r1, {r2, r12}
	cmp	r2, #4
	ldrhi	r0, =0x84000008
	hvchi	#0
	mov	r4, r0
	mov	r5, lr
	mrs	r6, spsr
	mov	r0, #'X'
	bl	dt_putc
	ldr	r0, =dt_case
	ldr	r0, [r0]
	bl	dt_puthex
	mov	r0, r4
	bl	dt_puthex
	mov	r0, r5
	bl	dt_puthex
	mov	r0, r6
	bl	dt_puthex
	mrc	p15, 0, r0, c5, c0, 0		@ DFSR
	bl	dt_puthex
	mrc	p15, 0, r0, c6, c0, 0		@ DFAR
	bl	dt_puthex
	mrc	p15, 0, r0, c5, c0, 1		@ IFSR
	bl	dt_puthex
	mov	r0, #'\n'
	bl	dt_putc
	ldr	lr, =dt_resume
	ldr	lr, [lr]
	ldr	r0, =0x1d3			@ SVC, A/I/F masked, ARM
	msr	spsr_cxsf, r0
	movs	pc, lr

	.section .rodata
dt_banner:
	.asciz	"DIFFTEST\n"
dt_end:
	.asciz	"END\n"

	.data
	.balign 8
	.global dt_case, dt_resume, dt_vflag
dt_case:	.word 0xffffffff
dt_resume:	.word dt_start_cases
dt_vflag:	.word 0
dt_nexc:	.word 0			@ exceptions in a row in case dt_nexc_case
dt_nexc_case:	.word 0xfffffffe

	.bss
	.balign 64
	.global dt_save, dt_vsave, dt_scratch
dt_save:	.space 64		@ r0-r12, r14, r13, cpsr (see difftest.py)
dt_vsave:	.space 264		@ d0-d31, fpscr
	.balign 64
	.space 512			@ guard: a stray access lands here
dt_scratch:	.space 256
	.space 512
	.balign 16
	.space 1024
dt_stack_top:
	.space 1024
dt_exc_stack_top:
