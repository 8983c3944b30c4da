/*
 * Floating-point arithmetic with ARM semantics (ARM ARM A2.7, the
 * pseudocode of A2.7.x: FPUnpack, FPProcessNaNs, FPRound), shared by the
 * VFP and Advanced SIMD handlers.
 *
 * Values are bit patterns. `ctl` is the FPSCR value that controls the
 * operation (RMode, FZ, DN, AHP): the guest's FPSCR for VFP, FP_STD for
 * Advanced SIMD (A2.7.3 "standard FPSCR value"). Cumulative exception
 * flags (IOC, DZC, OFC, UFC, IXC, IDC) are ORed into *fpscr.
 *
 * The host's floating point does the arithmetic under the guest's
 * rounding mode; everything where ARM and IEEE/x86 differ is handled
 * here: NaN selection and quietening, default NaN, flush-to-zero on input
 * and output, tininess detected before rounding.
 */
#ifndef TERN_CPU_INTERP_VFP_FP_H
#define TERN_CPU_INTERP_VFP_FP_H

#include <stdbool.h>
#include <stdint.h>

#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_LEN_STRIDE 0x00370000u
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_FZ  (1u << 24)
#define FPSCR_DN  (1u << 25)
#define FPSCR_AHP (1u << 26)
#define FPSCR_QC  (1u << 27)
/* The bits a cortex-a15 keeps (no trap enables, no FZ16): as QEMU. */
#define FPSCR_WRITABLE 0xfff7009fu
/* Advanced SIMD: FZ and DN set, round to nearest (A2.7.3). */
#define FP_STD (FPSCR_FZ | FPSCR_DN)

enum { FPR_RN, FPR_RP, FPR_RM, FPR_RZ };

/*
 * The host environment while the interpreter runs (vfp_fp.c): between
 * fp_run_begin and fp_run_end the host's floating point rounds as
 * FPSCR.RMode says and the IEEE flags of the fast paths accumulate in the
 * host (not in *fpscr): fp_run_flags() hands them over as FPSCR bits (and
 * forgets them), for a read of FPSCR; fp_run_mode() follows a write of
 * FPSCR (new RMode, accumulated flags dropped); fp_run_end() returns the
 * flags not yet handed over and restores the host's environment. Outside
 * begin/end every operation puts its flags in *fpscr.
 */
void fp_run_begin(uint32_t fpscr);
uint32_t fp_run_flags(void);
void fp_run_mode(uint32_t fpscr);
uint32_t fp_run_end(void);

uint32_t fp32_add(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_sub(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_mul(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_div(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_sqrt(uint32_t a, uint32_t ctl, uint32_t *fpscr);
/* addend + a * b, one rounding (FPMulAdd, A2.7.x); negate operands first
 * for the VFMS/VFNMA/VFNMS forms. */
uint32_t fp32_muladd(uint32_t addend, uint32_t a, uint32_t b, uint32_t ctl,
		     uint32_t *fpscr);
/* FPCompare: NZCV in bits 31:28. `quiet_exc`: VCMPE (any NaN is IOC). */
uint32_t fp32_compare(uint32_t a, uint32_t b, bool quiet_exc, uint32_t ctl,
		      uint32_t *fpscr);
uint32_t fp32_max(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_min(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
/* Advanced SIMD compares: true/false; EQ signals only signalling NaNs,
 * GE/GT every NaN. */
bool fp32_cmp_eq(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
bool fp32_cmp_ge(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
bool fp32_cmp_gt(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);

uint64_t fp64_add(uint64_t a, uint64_t b, uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_sub(uint64_t a, uint64_t b, uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_mul(uint64_t a, uint64_t b, uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_div(uint64_t a, uint64_t b, uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_sqrt(uint64_t a, uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_muladd(uint64_t addend, uint64_t a, uint64_t b, uint32_t ctl,
		     uint32_t *fpscr);
uint32_t fp64_compare(uint64_t a, uint64_t b, bool quiet_exc, uint32_t ctl,
		      uint32_t *fpscr);

static inline uint32_t fp32_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t fp32_abs(uint32_t a) { return a & 0x7fffffffu; }
static inline uint64_t fp64_neg(uint64_t a) { return a ^ (1ull << 63); }
static inline uint64_t fp64_abs(uint64_t a) { return a & ~(1ull << 63); }

/* Conversions between precisions (FPSingleToDouble, FPDoubleToSingle,
 * FPHalfToSingle, FPSingleToHalf). */
uint64_t fp32_to_fp64(uint32_t a, uint32_t ctl, uint32_t *fpscr);
uint32_t fp64_to_fp32(uint64_t a, uint32_t ctl, uint32_t *fpscr);
uint32_t fp16_to_fp32(uint32_t h, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_to_fp16(uint32_t a, uint32_t ctl, uint32_t *fpscr);

/* FPToFixed: to a `size`-bit (16 or 32) integer with `fbits` fraction
 * bits, saturating; rounds toward zero if `round_zero`, else by ctl.
 * Returns the result extended to 32 bits as VCVT writes it. */
uint32_t fp32_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool is_unsigned,
		       bool round_zero, uint32_t ctl, uint32_t *fpscr);
uint32_t fp64_to_fixed(uint64_t a, unsigned size, unsigned fbits, bool is_unsigned,
		       bool round_zero, uint32_t ctl, uint32_t *fpscr);
/* FixedToFP: the low `size` bits of v, signed or not, over 2^fbits. */
uint32_t fp32_from_fixed(uint32_t v, unsigned size, unsigned fbits, bool is_unsigned,
			 uint32_t ctl, uint32_t *fpscr);
uint64_t fp64_from_fixed(uint32_t v, unsigned size, unsigned fbits, bool is_unsigned,
			 uint32_t ctl, uint32_t *fpscr);

/* Advanced SIMD estimates and steps (A2.7.x: RecipEstimate,
 * RecipSqrtEstimate, FPRecipStep, FPRSqrtStep), standard FPSCR. */
uint32_t fp32_recpe(uint32_t a, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_rsqrte(uint32_t a, uint32_t ctl, uint32_t *fpscr);
uint32_t u32_recpe(uint32_t a);
uint32_t u32_rsqrte(uint32_t a);
uint32_t fp32_recps(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);
uint32_t fp32_rsqrts(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr);

#endif
