/*
 * The A32 decoder's pieces: each instruction-class file (a32_*.c) exports
 * its pattern table; decode_a32.c chains them in ARM ARM A5.1 order.
 */
#ifndef TERN_CPU_INTERP_A32_H
#define TERN_CPU_INTERP_A32_H

#include "cpu/interp/interp_internal.h"

#define A32_TABLE(name)                                   \
	extern const struct interp_pattern name##_patterns[]; \
	extern const unsigned name##_npatterns

/* A table no encoding matches yet (its encodings decode as UNDEFINED). */
#define INTERP_EMPTY_TABLE(name)                                   \
	const struct interp_pattern name##_patterns[] = { { 0, 1, #name, NULL } }; \
	const unsigned name##_npatterns = 0

/* A32, cond != 1111, in decode order (ARM ARM A5.1). */
A32_TABLE(a32_system);
A32_TABLE(a32_mul);
A32_TABLE(a32_ldst_extra);
A32_TABLE(a32_excl);
A32_TABLE(a32_dp);
A32_TABLE(a32_media);
A32_TABLE(a32_ldst);
A32_TABLE(a32_ldm);
A32_TABLE(a32_branch);
A32_TABLE(a32_cp);
A32_TABLE(a32_vfp);
/* A32, cond == 1111 (A5.7). */
A32_TABLE(a32_uncond);
A32_TABLE(a32_neon);
/* T32 16-bit (A6.2) and 32-bit (A6.3) encodings. */
A32_TABLE(t16_alu);
A32_TABLE(t16_ldst);
A32_TABLE(t16_misc);
A32_TABLE(t16_branch);
A32_TABLE(t32_dp);
A32_TABLE(t32_misc);
A32_TABLE(t32_branch);
A32_TABLE(t32_ldst);
A32_TABLE(t32_ldm);
A32_TABLE(t32_excl);
A32_TABLE(t32_cp);
A32_TABLE(t32_vfp);
A32_TABLE(t32_neon);

/* DecodeImmShift (ARM ARM A8.4.3) into in->shift / in->shift_imm. */
void a32_decode_imm_shift(struct interp_insn *in, unsigned type, unsigned imm5);

/* CPSR <- SPSR and continue at `pc` (exception return, ARM ARM B1.9.10):
 * SUBS PC, LR / MOVS PC / LDM ^ / RFE. UNPREDICTABLE in User/System mode:
 * there it is UNDEFINED. */
const struct interp_insn *a32_exception_return(struct interp *ip,
					       const struct interp_insn *in,
					       uint32_t pc);

/* Write CPSR under `mask` as MSR does from the current mode (B9.3.11);
 * returns false if nothing may change. */
void a32_cpsr_write(struct interp *ip, uint32_t value, uint32_t mask);

#endif
