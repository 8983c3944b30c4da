/*
 * Advanced SIMD internals shared by neon.c (data processing, the tables)
 * and neon_ldst.c (element and structure loads/stores).
 */
#ifndef TERN_CPU_INTERP_NEON_INTERNAL_H
#define TERN_CPU_INTERP_NEON_INTERNAL_H

#include "cpu/interp/vfp_internal.h"

#define NEON_CHECK(ip, in)                                                     \
	do {                                                                   \
		if (!vfp_enabled(ip))                                          \
			return interp_undef(ip, in);                           \
	} while (0)

/* A7.7: element and structure loads/stores, A32 form (1111 0100 xxx0). */
bool neon_decode_ldst(struct interp_insn *in, uint32_t raw);

#endif
