/*
 * Exception vectors of the g_exc and g_mmu test guests (include it in ONE
 * file). Every exception but reset/hyp/FIQ goes to a C handler the guest
 * defines, with a frame of the interrupted state on its mode's stack:
 *
 *	frame->r[0..12]	r0-r12 of the interrupted code (written back on return)
 *	frame->lr	the exception's LR (B1.8.3: undefined +4 ARM / +2 Thumb
 *			from the instruction, SVC the next instruction,
 *			prefetch abort +4, data abort +8, IRQ next + 4)
 *	frame->spsr	its SPSR (written back: RFE restores it)
 *
 * and the handler sets frame->lr to where execution resumes. The vectors
 * are ARM code (SCTLR.TE = 0); the interrupted code may be ARM or Thumb.
 *
 * g_run_user(fn, arg, stack) runs fn(arg) in User mode on `stack`; fn ends
 * with a return, after which a trampoline issues SVC #0xff: g_svc returning
 * nonzero for it ends the User-mode run, g_run_user returning frame->r[0].
 */
#ifndef G_VECTORS_H
#define G_VECTORS_H

#include <stdint.h>

struct exc_frame {
	uint32_t r[13];
	uint32_t lr;
	uint32_t spsr;
};

/* the guest's handlers */
uint32_t g_svc(struct exc_frame *f); /* nonzero: leave User mode (SVC #0xff) */
void g_und(struct exc_frame *f);
void g_pabt(struct exc_frame *f);
void g_dabt(struct exc_frame *f);
void g_irq(struct exc_frame *f);

void g_vectors_install(void); /* VBAR and the und/abt/irq stacks */
uint32_t g_run_user(uint32_t (*fn)(uint32_t), uint32_t arg, void *stack_top);

#define G_SPSR_T (1u << 5)

/* Length of the instruction at addr, in the state the SPSR says. */
static inline uint32_t g_insn_len(uint32_t addr, uint32_t spsr)
{
	if (!(spsr & G_SPSR_T))
		return 4;
	uint16_t hw = *(volatile uint16_t *)addr;
	return hw >= 0xe800 ? 4 : 2;
}

/* the asm below is ARM code: give the compiler back the state it was in */
#ifdef __thumb__
#define G_ISA_RESTORE ".thumb\n"
#else
#define G_ISA_RESTORE ".arm\n"
#endif

__asm__(".pushsection .text.g_vectors, \"ax\"\n"
	".arm\n"
	".syntax unified\n"
	".arch armv7ve\n"
	".balign 32\n"
	".global g_vectors\n"
	"g_vectors:\n"
	"	b guest_vectors + 0x00\n"
	"	b g_und_entry\n"
	"	b g_svc_entry\n"
	"	b g_pabt_entry\n"
	"	b g_dabt_entry\n"
	"	b guest_vectors + 0x14\n"
	"	b g_irq_entry\n"
	"	b guest_vectors + 0x1c\n"
	/* entry: LR and SPSR, then r0-r12, on this mode's stack (SRS), an
	 * 8-byte aligned stack for C, RFE back */
	".macro g_entry name, mode, handler\n"
	"\\name:\n"
	"	srsdb sp!, #\\mode\n"
	"	push {r0-r12}\n"
	"	mov r0, sp\n"
	"	mov r4, sp\n"
	"	bic sp, sp, #7\n"
	"	bl \\handler\n"
	"	mov sp, r4\n"
	"	pop {r0-r12}\n"
	"	rfeia sp!\n"
	".endm\n"
	"g_entry g_und_entry, 0x1b, g_und\n"
	"g_entry g_pabt_entry, 0x17, g_pabt\n"
	"g_entry g_dabt_entry, 0x17, g_dabt\n"
	"g_entry g_irq_entry, 0x12, g_irq\n"
	"g_svc_entry:\n"
	"	srsdb sp!, #0x13\n"
	"	push {r0-r12}\n"
	"	mov r0, sp\n"
	"	mov r4, sp\n"
	"	bic sp, sp, #7\n"
	"	bl g_svc\n"
	"	mov sp, r4\n"
	"	cmp r0, #0\n"
	"	bne 1f\n"
	"	pop {r0-r12}\n"
	"	rfeia sp!\n"
	"1:	ldr r0, [sp]\n"            /* User mode's r0: the result */
	"	ldr r1, =g_user_saved_sp\n"
	"	ldr sp, [r1]\n"
	"	pop {r4-r11, pc}\n"
	".ltorg\n"

	".global g_vectors_install\n"
	".type g_vectors_install, %function\n"
	"g_vectors_install:\n"
	"	ldr r0, =g_vectors\n"
	"	mcr p15, 0, r0, c12, c0, 0\n"
	"	mrs r1, cpsr\n"
	"	cps #0x1b\n"
	"	ldr sp, =g_und_stack + 8192\n"
	"	cps #0x17\n"
	"	ldr sp, =g_abt_stack + 8192\n"
	"	cps #0x12\n"
	"	ldr sp, =g_irq_stack + 8192\n"
	"	msr cpsr_c, r1\n"
	"	isb\n"
	"	bx lr\n"
	".ltorg\n"

	/* r0 fn, r1 arg, r2 User stack */
	".global g_run_user\n"
	".type g_run_user, %function\n"
	"g_run_user:\n"
	"	push {r4-r11, lr}\n"
	"	ldr r3, =g_user_saved_sp\n"
	"	str sp, [r3]\n"
	"	cps #0x1f\n"                /* System mode: User's sp */
	"	mov sp, r2\n"
	"	cps #0x13\n"
	"	mov r3, #0x150\n"           /* User, A and F masked, IRQs on, ARM */
	"	msr spsr_cxsf, r3\n"
	"	mov r4, r0\n"
	"	mov r0, r1\n"
	"	ldr lr, =g_user_tramp\n"
	"	movs pc, lr\n"
	"g_user_tramp:\n"
	"	blx r4\n"
	"	svc #0xff\n"
	"	b .\n"
	".ltorg\n"
	".popsection\n"
	".pushsection .bss.g_vectors, \"aw\", %nobits\n"
	".balign 8\n"
	"g_und_stack: .space 8192\n"
	"g_abt_stack: .space 8192\n"
	"g_irq_stack: .space 8192\n"
	"g_user_saved_sp: .space 4\n"
	".popsection\n"
	G_ISA_RESTORE);

#endif
