/*
 * Decoders of the VFP/Advanced SIMD files that vfp.c and neon.c chain.
 */
#ifndef TERN_CPU_INTERP_VFP_DP_H
#define TERN_CPU_INTERP_VFP_DP_H

#include "cpu/interp/interp_internal.h"

/* VFP data processing (A7.5), bits 27:0 of the A32 form. */
bool vfp_decode_dp(struct interp_insn *in, uint32_t raw);

#endif
