/*
 * Advanced SIMD on the interpreter. The table-driven test runs 222
 * instructions (data processing and loads/stores, what gcc -O3
 * -mfpu=neon-vfpv4 emits and the rest of the implemented set) from one
 * register state; the expected D registers, FPSCR (cumulative flags, QC)
 * and base register advance were produced by qemu-system-arm -cpu
 * cortex-a15 (7.2) running the same instructions on the same state (a
 * differential guest: each case reloads d0-d31 from `inputs`, sets FPSCR
 * to 0, r4 = buffer, r5 = 16, r6 = 0; the buffer persists between cases,
 * so loads see earlier stores, and its final contents are checked).
 * The same table runs again as T32 (the encodings with U moved: A32
 * 1111 001U / 1111 0100 are T32 111U 1111 / 1111 1001).
 * Hand-written cases below it check access control and alignment.
 */
#include <stdio.h>

#define RAM_SIZE 0x10000u
#define CODE     RAM_BASE
#define VBAR     (RAM_BASE + 0x8000u)
#include "test_interp_harness.h"

#define BUF      (RAM_BASE + 0x1000u)

struct neon_case {
	uint32_t insn;          /* A32 encoding */
	const char *text;       /* its assembly */
	uint64_t d[4];          /* d0-d3 after it */
	uint32_t fpscr;
	uint32_t advance;       /* r4 after it, minus the buffer address */
};

/* Generated from the differential run (seed 3); see the header comment. */
static const uint32_t inputs[64] = {
	0xbf000000,
	0x3f7fffff,
	0x4b800001,
	0x3f800000,
	0x8d8d8d8d,
	0x3dcccccd,
	0xbf000000,
	0x447a0000,
	0x26262626,
	0x0000bdc2,
	0xc0490fdb,
	0x4b800001,
	0x3f800000,
	0x80000000,
	0x5f000000,
	0xc9c9c9c9,
	0xcdcdcdcd,
	0xf6ced90a,
	0x000018f2,
	0x42f60000,
	0xc47a0000,
	0x447a0000,
	0xd5d5d5d5,
	0x00800000,
	0x6856e45b,
	0xe779c470,
	0x3f800000,
	0x0000abd8,
	0xb2d87d5e,
	0x0000e79a,
	0x1aa4b640,
	0x7fffffff,
	0xfcf249f3,
	0x48f2f8ed,
	0x42f60000,
	0x000016a9,
	0xc0490fdb,
	0x7fc00001,
	0xcf000001,
	0x00000001,
	0x3f7fffff,
	0x00000080,
	0x0000007f,
	0xec007b1b,
	0x0000ff9e,
	0x3f800000,
	0x3f7fffff,
	0xf2ead0a8,
	0xcf000001,
	0x7f800000,
	0x40000000,
	0x5c5c5c5c,
	0x000060b6,
	0x00000000,
	0x3f7fffff,
	0x1a423667,
	0xf0cc8de3,
	0x80000000,
	0x5f000000,
	0x80000000,
	0x7f800000,
	0x8c65f067,
	0xcf000001,
	0x60606060,
};
static const uint32_t buffer[64] = {
	0x9da4ef01,
	0x96d60464,
	0xa1d6956c,
	0x221de112,
	0x0f616fb4,
	0xa22f3572,
	0xa0996d52,
	0x551b7f9d,
	0x775c303c,
	0x5a58b185,
	0xade562bc,
	0xead6b3cb,
	0x5a427c37,
	0x9bde8163,
	0xb4fab101,
	0x47679714,
	0xbcefd0a7,
	0x7d500f7c,
	0x05adc011,
	0x96e16894,
	0x0f81f60c,
	0xf4707652,
	0xad0faada,
	0x0570ceee,
	0xf69b31ce,
	0x5e819615,
	0x40498cb3,
	0xa0c2995f,
	0x74d0df35,
	0x4c736db3,
	0x97b9580f,
	0x99f8eee7,
	0x51ed2f15,
	0x2d6b76db,
	0x5d2c2938,
	0x2f6c48f6,
	0x500b2f29,
	0xc2134f15,
	0x5e80dfff,
	0xd805f5d2,
	0x987aa6bd,
	0x439e7fa9,
	0x4ce74654,
	0xc98c9e51,
	0x608d9499,
	0x1ad8df8e,
	0xc5b3b5d3,
	0xd0247e4c,
	0x06e44edf,
	0xf8abffd6,
	0x91bae46a,
	0xaf091db4,
	0xbc344f4b,
	0x21a4cade,
	0x4f5d410c,
	0x8000b3d9,
	0x38f83d74,
	0xa75a68a1,
	0xcdc656fb,
	0x44f5f725,
	0x3d1b2085,
	0x53e9cfd2,
	0x2ff9134d,
	0xad9593b4,
};
static const struct neon_case cases[] = {
	{ 0xf2020844, "vadd.i8 q0, q1, q2", { 0x3dcc898fb3b3b3b3ull, 0x8ffa00017f490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2110802, "vadd.i16 d0, d1, d2", { 0x7d4ccccdd90d8d8eull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220844, "vadd.i32 q0, q1, q2", { 0x3dcd8a8fb3b3b3b3ull, 0x8ffa00017f490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2320844, "vadd.i64 q0, q1, q2", { 0x3dcd8a8fb3b3b3b3ull, 0x8ffa00027f490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220844, "vsub.i32 q0, q1, q2", { 0x3dcc0f0b67676767ull, 0xf8f9fffffeb6f025ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020954, "vmul.i8 q0, q1, q2", { 0x00009c5aeeeeeeeeull, 0xec00000040000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2120954, "vmul.i16 q0, q1, q2", { 0x00008c5af0eef0eeull, 0xfb00000077000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220954, "vmul.i32 q0, q1, q2", { 0x08668c5af6f3f0eeull, 0x447a000065000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220944, "vmla.i32 q0, q1, q2", { 0x47e68c59b5f3f0eeull, 0x83fa0000b0800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3120944, "vmls.i16 q0, q1, q2", { 0x3f7f73a5ce120f12ull, 0x44800000d4800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3010912, "vmul.p8 d0, d1, d2", { 0x2b000000bf80008dull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020154, "vand q0, q1, q2", { 0x00008cc004040404ull, 0x4000000080000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220154, "vorr q0, q1, q2", { 0x3dccfdcfafafafafull, 0x4ffa0001ff490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3020154, "veor q0, q1, q2", { 0x3dcc710fababababull, 0x0ffa00017f490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2120154, "vbic q0, q1, q2", { 0x3dcc400d89898989ull, 0x047a00003f000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2310112, "vorn d0, d1, d2", { 0xffb333327bf27273ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3120154, "vbsl q0, q1, q2", { 0x3d4ccccd8d262626ull, 0x440000018b490fdaull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220154, "vbit q0, q1, q2", { 0x3f7fcefd9d040404ull, 0x740000008b800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3320154, "vbif q0, q1, q2", { 0x3dccfdcfaf898989ull, 0x0ffa00007f000001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220152, "vmov q0, q1", { 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b005c2, "vmvn q0, q1", { 0xc233333272727272ull, 0xbb85ffff40ffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf39d0052, "vshr.u16 q0, q1, #3", { 0x07b9199911b111b1ull, 0x088f000017e00000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2890052, "vshr.s8 q0, q1, #7", { 0x00ffffffffffffffull, 0x00000000ff000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2a00052, "vshr.s32 q0, q1, #32", { 0x00000000ffffffffull, 0x00000000ffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb00d2, "vshr.u64 q0, q1, #5", { 0x01ee66666c6c6c6cull, 0x0223d00005f80000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2800091, "vshr.s64 d0, d1, #64", { 0x0000000000000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b70152, "vsra.u32 q0, q1, #9", { 0x3f9ee665bf46c6c6ull, 0x3fa23d004bdf8001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf29e0152, "vsra.s16 q0, q1, #2", { 0x4ef2f332a263e363ull, 0x509e00003b400001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2bd0252, "vrshr.s32 q0, q1, #3", { 0x07b9999af1b1b1b2ull, 0x088f4000f7e00000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3880211, "vrshr.u8 d0, d1, #8", { 0x0001000000010000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf39b0352, "vrsra.u16 q0, q1, #5", { 0x416d0665c36c046cull, 0x41a4000051780001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2930552, "vshl.i16 q0, q1, #3", { 0xee6066686c686c68ull, 0x23d00000f8000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2bf05d2, "vshl.i64 q0, q1, #63", { 0x8000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a70552, "vsli.32 q0, q1, #7", { 0xe66666ffc6c6c680ull, 0x3d00000080000001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf38d0411, "vsri.8 d0, d1, #3", { 0x2770e0e0a9100000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf28b0752, "vqshl.s8 q0, q1, #3", { 0x7f80808080808080ull, 0x7f7f000080000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3950752, "vqshl.u16 q0, q1, #5", { 0xffffffffffffffffull, 0xffff0000ffff0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3a20652, "vqshlu.s32 q0, q1, #2", { 0xf733333400000000ull, 0xffffffff00000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf28a0791, "vqshl.s64 d0, d1, #10", { 0x7fffffffffffffffull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2240442, "vshl.s32 q0, q1, q2", { 0x0000000000000000ull, 0x88f40000ffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3040442, "vshl.u8 q0, q1, q2", { 0x3dcc000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2140542, "vrshl.s16 q0, q1, q2", { 0x3dcc000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3880a11, "vmovl.u8 q0, d1", { 0x004b008000000001ull, 0x003f008000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2900a11, "vmovl.s16 q0, d1", { 0x00004b8000000001ull, 0x00003f8000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2a00a11, "vmovl.s32 q0, d1", { 0x000000004b800001ull, 0x000000003f800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3880a10, "vmovl.u8 q0, d0", { 0x00bf000000000000ull, 0x003f007f00ff00ffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf28b0a11, "vshll.s8 q0, d1, #3", { 0x0258fc0000000008ull, 0x01f8fc0000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b60301, "vshll.u16 q0, d1, #16", { 0x4b80000000010000ull, 0x3f80000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b20202, "vmovn.i16 d0, q1", { 0x7a000000cccd8d8dull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3ba0202, "vmovn.i64 d0, q1", { 0xbf0000008d8d8d8dull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b60282, "vqmovn.s32 d0, q1", { 0x7fff80007fff8000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3b202c2, "vqmovn.u16 d0, q1", { 0xff00ff00ffffffffull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3b20242, "vqmovun.s16 d0, q1", { 0xff000000ff000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf29b0812, "vshrn.i32 d0, q1, #5", { 0xd000000066666c6cull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf28d0852, "vrshrn.i16 d0, q1, #3", { 0x8f00e000ba9ab2b2ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2990912, "vqshrn.s32 d0, q1, #7", { 0x7fff80007fff8000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf38e0812, "vqshrun.s16 d0, q1, #2", { 0xff000000ff000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3ac0952, "vqrshrn.u64 d0, q1, #20", { 0xffffffffffffffffull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2800057, "vmov.i32 q0, #7", { 0x0000000700000007ull, 0x0000000700000007ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2840e11, "vmov.i8 d0, #0x41", { 0x4141414141414141ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2820a53, "vmov.i16 q0, #0x2300", { 0x2300230023002300ull, 0x2300230023002300ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2810c52, "vmov.i32 q0, #0x12ff", { 0x000012ff000012ffull, 0x000012ff000012ffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2830d54, "vmov.i32 q0, #0x34ffff", { 0x0034ffff0034ffffull, 0x0034ffff0034ffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2850076, "vmvn.i32 q0, #0x56", { 0xffffffa9ffffffa9ull, 0xffffffa9ffffffa9ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3820e35, "vmov.i64 d0, #0xff00ff0000ff00ff", { 0xff00ff0000ff00ffull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3800f54, "vmov.f32 q0, #-2.5", { 0xc0200000c0200000ull, 0xc0200000c0200000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2800351, "vorr.i32 q0, #0x100", { 0x3f7fffffbf000100ull, 0x3f8001004b800101ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2800937, "vbic.i16 d0, #0x7", { 0x3f78fff8bf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2210b12, "vpadd.i32 d0, d1, d2", { 0xcb5a5a5a8b000001ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2010b12, "vpadd.i8 d0, d1, d2", { 0x09991a1abf00cb01ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3010d02, "vpadd.f32 d0, d1, d2", { 0x3dcccccd4b800002ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf2110a02, "vpmax.s16 d0, d1, d2", { 0x3dcc8d8d3f804b80ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3010a12, "vpmin.u8 d0, d1, d2", { 0x3dcc8d8d3f004b00ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3010f02, "vpmax.f32 d0, d1, d2", { 0x3dcccccd4b800001ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220644, "vmax.s32 q0, q1, q2", { 0x3dcccccd26262626ull, 0x4b800001c0490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3120654, "vmin.u16 q0, q1, q2", { 0x0000bdc226262626ull, 0x447a0000bf000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020f44, "vmax.f32 q0, q1, q2", { 0x3dcccccd26262626ull, 0x4b800001bf000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf2220f44, "vmin.f32 q0, q1, q2", { 0x000000008d8d8d8dull, 0x447a0000c0490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf2020744, "vabd.s8 q0, q1, q2", { 0x3d340f0b99999999ull, 0x07fa000101490f25ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220744, "vabd.u32 q0, q1, q2", { 0x3dcc0f0b67676767ull, 0x0706000101490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220d44, "vabd.f32 q0, q1, q2", { 0x3dcccccd26262626ull, 0x4b7ffc1a40290fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x90, 0 },
	{ 0xf3120754, "vaba.u16 q0, q1, q2", { 0x7d4b0f0a26676767ull, 0x468600014cc90fdcull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b10342, "vabs.s8 q0, q1", { 0x3d34343373737373ull, 0x447a000041000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90342, "vabs.s32 q0, q1", { 0x3dcccccd72727273ull, 0x447a000041000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b503c2, "vneg.s16 q0, q1", { 0xc234333372737273ull, 0xbb86000041000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90742, "vabs.f32 q0, q1", { 0x3dcccccd0d8d8d8dull, 0x447a00003f000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b907c2, "vneg.f32 q0, q1", { 0xbdcccccd0d8d8d8dull, 0xc47a00003f000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b00742, "vqabs.s8 q0, q1", { 0x3d34343373737373ull, 0x447a000041000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b807c2, "vqneg.s32 q0, q1", { 0xc233333372727273ull, 0xbb86000041000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3020854, "vceq.i8 q0, q1, q2", { 0x0000000000000000ull, 0x0000ff0000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90142, "vceq.i32 q0, q1, #0", { 0x0000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2120344, "vcgt.s16 q0, q1, q2", { 0xffffffff00000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220344, "vcgt.u32 q0, q1, q2", { 0xffffffffffffffffull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020354, "vcge.s8 q0, q1, q2", { 0xff00ffff00000000ull, 0x00ffff00000000ffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3120354, "vcge.u16 q0, q1, q2", { 0xffffffffffffffffull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2220854, "vtst.32 q0, q1, q2", { 0xffffffffffffffffull, 0xffffffffffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90042, "vcgt.s32 q0, q1, #0", { 0xffffffff00000000ull, 0xffffffff00000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b101c2, "vcle.s8 q0, q1, #0", { 0x00ffffffffffffffull, 0x0000ffffffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b50242, "vclt.s16 q0, q1, #0", { 0x0000ffffffffffffull, 0x00000000ffff0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b900c2, "vcge.s32 q0, q1, #0", { 0xffffffff00000000ull, 0xffffffff00000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020e44, "vceq.f32 q0, q1, q2", { 0x0000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf3020e44, "vcge.f32 q0, q1, q2", { 0xffffffff00000000ull, 0x00000000ffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf3220e44, "vcgt.f32 q0, q1, q2", { 0xffffffff00000000ull, 0x00000000ffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf3020e54, "vacge.f32 q0, q1, q2", { 0xffffffff00000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf3220e54, "vacgt.f32 q0, q1, q2", { 0xffffffff00000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf3b90442, "vcgt.f32 q0, q1, #0", { 0xffffffff00000000ull, 0xffffffff00000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90642, "vclt.f32 q0, q1, #0", { 0x00000000ffffffffull, 0x00000000ffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b90542, "vceq.f32 q0, q1, #0", { 0x0000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2b20344, "vext.8 q0, q1, q2, #3", { 0x0000003dcccccd8dull, 0x262626447a0000bfull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2b10702, "vext.8 d0, d1, d2, #7", { 0xcccccd8d8d8d8d3full, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2b20c44, "vext.32 q0, q1, q2, #3", { 0x26262626447a0000ull, 0xc0490fdb0000bdc2ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b80042, "vrev64.32 q0, q1", { 0x8d8d8d8d3dcccccdull, 0xbf000000447a0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b00001, "vrev64.8 d0, d1", { 0x0100804b0000803full, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b400c2, "vrev32.16 q0, q1", { 0xcccd3dcc8d8d8d8dull, 0x0000447a0000bf00ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b00142, "vrev16.8 q0, q1", { 0xcc3dcdcc8d8d8d8dull, 0x7a44000000bf0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bc0c41, "vdup.32 q0, d1[1]", { 0x3f8000003f800000ull, 0x3f8000003f800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb0c01, "vdup.8 d0, d1[5]", { 0x0000000000000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3ba0c43, "vdup.16 q0, d3[2]", { 0x0000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b60181, "vzip.16 d0, d1", { 0x4b80bf0000010000ull, 0x3f803f7f0000ffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b201c2, "vzip.8 q0, q1", { 0x8dbf8d008d008d00ull, 0x3d3fcc7fccffcdffull, 0xbf4b008000000001ull, 0x443f7a8000000000ull }, 0x0, 0 },
	{ 0xf3ba01c2, "vzip.32 q0, q1", { 0x8d8d8d8dbf000000ull, 0x3dcccccd3f7fffffull, 0xbf0000004b800001ull, 0x447a00003f800000ull }, 0x0, 0 },
	{ 0xf3b20101, "vuzp.8 d0, d1", { 0x800080017fff0000ull, 0x3f004b003fffbf00ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3ba0142, "vuzp.32 q0, q1", { 0x4b800001bf000000ull, 0xbf0000008d8d8d8dull, 0x3f8000003f7fffffull, 0x447a00003dcccccdull }, 0x0, 0 },
	{ 0xf3b60142, "vuzp.16 q0, q1", { 0x00000001ffff0000ull, 0x00000000cccd8d8dull, 0x3f804b803f7fbf00ull, 0x447abf003dcc8d8dull }, 0x0, 0 },
	{ 0xf3b20081, "vtrn.8 d0, d1", { 0x807f00ff80000100ull, 0x3f3f00ff4bbf0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3ba00c2, "vtrn.32 q0, q1", { 0x8d8d8d8dbf000000ull, 0xbf0000004b800001ull, 0x3dcccccd3f7fffffull, 0x447a00003f800000ull }, 0x0, 0 },
	{ 0xf3b600c2, "vtrn.16 q0, q1", { 0xcccdffff8d8d0000ull, 0x0000000000000001ull, 0x3dcc3f7f8d8dbf00ull, 0x447a3f80bf004b80ull }, 0x0, 0 },
	{ 0xf3b20001, "vswp d0, d1", { 0x3f8000004b800001ull, 0x3f7fffffbf000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b10802, "vtbl.8 d0, {d1}, d2", { 0x0000000000000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b10a04, "vtbl.8 d0, {d1-d3}, d4", { 0x0101000000000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b10943, "vtbx.8 d0, {d1-d2}, d3", { 0x3f7f0101bf010101ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b00542, "vcnt.8 q0, q1", { 0x0504040504040404ull, 0x0205000007000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b804c2, "vclz.i32 q0, q1", { 0x0000000200000000ull, 0x0000000100000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b004c2, "vclz.i8 q0, q1", { 0x0200000000000000ull, 0x0101080800080808ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b40442, "vcls.s16 q0, q1", { 0x0001000100000000ull, 0x0000000f0000000full, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b002c2, "vpaddl.u8 q0, q1", { 0x01090199011a011aull, 0x00be000000bf0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b40201, "vpaddl.s16 d0, d1", { 0x00003f8000004b81ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b806c2, "vpadal.u32 q0, q1", { 0x3f8000008a5a5a5aull, 0x3f8000014efa0001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3b00642, "vpadal.s8 q0, q1", { 0x3f88ff98be1aff1aull, 0x403e00004b3f0001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb0642, "vcvt.f32.s32 q0, q1", { 0x4e773333cee4e4e5ull, 0x4e88f400ce820000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3bb06c2, "vcvt.f32.u32 q0, q1", { 0x4e7733334f0d8d8eull, 0x4e88f4004f3f0000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3bb0742, "vcvt.s32.f32 q0, q1", { 0x0000000000000000ull, 0x000003e800000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3bb07c2, "vcvt.u32.f32 q0, q1", { 0x0000000000000000ull, 0x000003e800000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf2b00e52, "vcvt.f32.s32 q0, q1, #16", { 0x46773333c6e4e4e5ull, 0x4688f400c6820000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3b80f52, "vcvt.u32.f32 q0, q1, #8", { 0x0000001900000000ull, 0x0003e80000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x11, 0 },
	{ 0xf3b60602, "vcvt.f16.f32 d0, q1", { 0x63d0b8002e668000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x18, 0 },
	{ 0xf3b60701, "vcvt.f32.f16 q0, d1", { 0x4170000033800000ull, 0x3ff0000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb0542, "vrecpe.f32 q0, q1", { 0x41200000f1670000ull, 0x3a830000bfff8000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb0442, "vrecpe.u32 q0, q1", { 0xffffffffe7000000ull, 0xffffffffab800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3bb05c2, "vrsqrte.f32 q0, q1", { 0x404a80007fc00000ull, 0x3d0180007fc00000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x1, 0 },
	{ 0xf3bb04c2, "vrsqrte.u32 q0, q1", { 0xffffffffac000000ull, 0xf800000094000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2020f54, "vrecps.f32 q0, q1, q2", { 0x4000000040000000ull, 0xd07a00023edbc094ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x98, 0 },
	{ 0xf2220f54, "vrsqrts.f32 q0, q1, q2", { 0x3fc000003fc00000ull, 0xcffa00023f36f025ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x98, 0 },
	{ 0xf2020d44, "vadd.f32 q0, q1, q2", { 0x3dcccccd26262626ull, 0x4b8001f5c0690fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x90, 0 },
	{ 0xf2220d44, "vsub.f32 q0, q1, q2", { 0x3dcccccda6262626ull, 0xcb7ffc1a40290fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x90, 0 },
	{ 0xf3020d54, "vmul.f32 q0, q1, q2", { 0x0000000080000000ull, 0x507a00023fc90fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x98, 0 },
	{ 0xf2020d54, "vmla.f32 q0, q1, q2", { 0x3f7fffffbf000000ull, 0x507a00024b800002ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x98, 0 },
	{ 0xf2220d54, "vmls.f32 q0, q1, q2", { 0x3f7fffffbf000000ull, 0xd07a00024b800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x98, 0 },
	{ 0xf2020c54, "vfma.f32 q0, q1, q2", { 0x3f7fffffbf000000ull, 0x507a00024b800002ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x90, 0 },
	{ 0xf2220c54, "vfms.f32 q0, q1, q2", { 0x3f7fffffbf000000ull, 0xd07a00024b800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x90, 0 },
	{ 0xf3810002, "vaddl.u8 q0, d1, d2", { 0x00d8010d008d008eull, 0x007c014c00cc00cdull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2910002, "vaddl.s16 q0, d1, d2", { 0xffffd90dffff8d8eull, 0x00007d4cffffcccdull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3820104, "vaddw.u8 q0, q1, d4", { 0x3df2ccf38db38db3ull, 0x447a0000bfbd00c2ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2a20104, "vaddw.s32 q0, q1, d4", { 0x3dcccccdb3b3b3b3ull, 0x447a0000bf00bdc2ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3910202, "vsubl.u16 q0, d1, d2", { 0xffffbdf3ffff7274ull, 0x000001b4ffff3333ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2820304, "vsubw.s8 q0, q1, d4", { 0x3da6cca78d678d67ull, 0x447a0000bf43003eull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2910c02, "vmull.s16 q0, d1, d2", { 0xde3f1580ffff8d8dull, 0x0f541a0000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a10c02, "vmull.u32 q0, d1, d2", { 0x29bf3f3fa30d8d8dull, 0x0f544cccd9800000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2810e02, "vmull.p8 q0, d1, d2", { 0x26bf46800000008dull, 0x052b660000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a10802, "vmlal.u32 q0, d1, d2", { 0x693f3f3f620d8d8dull, 0x4ed44ccd25000001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2810802, "vmlal.s8 q0, d1, d2", { 0x1dce397fbf00ff8dull, 0x4e831a004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2910a02, "vmlsl.s16 q0, d1, d2", { 0x6140ea7fbf007273ull, 0x302be6004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3810702, "vabdl.u8 q0, d1, d2", { 0x0042000d008d008cull, 0x0002004c00cc00cdull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2910502, "vabal.s16 q0, d1, d2", { 0x3f80bdf2bf007274ull, 0x3f8001b44b803334ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2920404, "vaddhn.i32 d0, q1, q2", { 0x8ffa7f493dcdb3b3ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3820404, "vraddhn.i16 d0, q1, q2", { 0x90007f103e8bb4b4ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2a20604, "vsubhn.i64 d0, q1, q2", { 0xf8f9fffe3dcc0f0bull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3920604, "vrsubhn.i32 d0, q1, q2", { 0xf8fafeb73dcc6767ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3020054, "vqadd.u8 q0, q1, q2", { 0x3dccffffb3b3b3b3ull, 0x8ffa0001ff490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2120054, "vqadd.s16 q0, q1, q2", { 0x3dcc8a8fb3b3b3b3ull, 0x7fff000180000fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2320054, "vqadd.s64 q0, q1, q2", { 0x3dcd8a8fb3b3b3b3ull, 0x7fffffffffffffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf3320054, "vqadd.u64 q0, q1, q2", { 0x3dcd8a8fb3b3b3b3ull, 0x8ffa00027f490fdbull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220254, "vqsub.u32 q0, q1, q2", { 0x3dcc0f0b67676767ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2020254, "vqsub.s8 q0, q1, q2", { 0x3dcc0f0b80808080ull, 0xf97f00ffffb7f125ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x8000000, 0 },
	{ 0xf2020044, "vhadd.s8 q0, q1, q2", { 0x1ee6c4c7d9d9d9d9ull, 0x47fd0000bf2407edull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3220044, "vhadd.u32 q0, q1, q2", { 0x1ee6c54759d9d9d9ull, 0x47fd0000bfa487edull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3120144, "vrhadd.u16 q0, q1, q2", { 0x1ee6c54859da59daull, 0x47fd0001bfa507eeull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2120244, "vhsub.s16 q0, q1, q2", { 0x1ee60785b3b3b3b3ull, 0xfc7dffffff5bf812ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a20862, "vmul.i32 q0, q1, d2[1]", { 0xbc8f5c298c82b5e9ull, 0x0db20000f3000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf392086a, "vmul.i16 q0, q1, d2[3]", { 0xda900c5c655c655cull, 0xa338000034000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a20043, "vmla.i32 q0, q1, d3[0]", { 0x327ffffff2000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf2910467, "vmls.i16 d0, d1, d7[2]", { 0xe3fffffff7803637ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf3a20962, "vmul.f32 q0, q1, d2[1]", { 0x3c23d70b8be27c15ull, 0x42c80000bd4ccccdull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3a20143, "vmla.f32 q0, q1, d3[0]", { 0x3f733332bf000000ull, 0xc3f980004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x10, 0 },
	{ 0xf3a20564, "vmls.f32 q0, q1, d4[1]", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x80, 0 },
	{ 0xf4240a8d, "vld1.32 {d0-d1}, [r4]!", { 0x96d604649da4ef01ull, 0x221de112a1d6956cull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 16 },
	{ 0xf4240705, "vld1.8 {d0}, [r4], r5", { 0x96d604649da4ef01ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 16 },
	{ 0xf424064f, "vld1.16 {d0-d2}, [r4]", { 0x96d604649da4ef01ull, 0x221de112a1d6956cull, 0xa22f35720f616fb4ull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf42402ed, "vld1.64 {d0-d3}, [r4:128]!", { 0x96d604649da4ef01ull, 0x221de112a1d6956cull, 0xa22f35720f616fb4ull, 0x551b7f9da0996d52ull }, 0x0, 32 },
	{ 0xf4040a8d, "vst1.32 {d0-d1}, [r4]!", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 16 },
	{ 0xf4044705, "vst1.8 {d4}, [r4], r5", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 16 },
	{ 0xf40402cf, "vst1.64 {d0-d3}, [r4]", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf424088f, "vld2.32 {d0-d1}, [r4]", { 0x4b800001bf000000ull, 0x3f8000003f7fffffull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf424034d, "vld2.16 {d0-d3}, [r4]!", { 0x00000001ffff0000ull, 0x00000000cccd8d8dull, 0x3f804b803f7fbf00ull, 0x447abf003dcc8d8dull }, 0x0, 32 },
	{ 0xf424090f, "vld2.8 {d0, d2}, [r4]", { 0x800080017fff0000ull, 0x3f8000004b800001ull, 0x3f004b003fffbf00ull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf404088f, "vst2.32 {d0-d1}, [r4]", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf424044d, "vld3.16 {d0-d2}, [r4]!", { 0x8d8d00004b800000ull, 0xcccd3f80ffffbf00ull, 0x3dcc8d8d3f7f0001ull, 0x447a0000bf000000ull }, 0x0, 24 },
	{ 0xf404040f, "vst3.8 {d0-d2}, [r4]", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf424008f, "vld4.32 {d0-d3}, [r4]", { 0x807fcc00008d0100ull, 0x3d3f3fcc80008d00ull, 0xbf0000008d4bbf8dull, 0x447a0000ffcd00ffull }, 0x0, 0 },
	{ 0xf404004d, "vst4.16 {d0-d3}, [r4]!", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 32 },
	{ 0xf4a40c8f, "vld1.32 {d0[]}, [r4]", { 0x0001000000010000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf4a40c6d, "vld1.16 {d0[], d1[]}, [r4]!", { 0x0000000000000000ull, 0x0000000000000000ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 2 },
	{ 0xf4a4088f, "vld1.32 {d0[1]}, [r4]", { 0x00010000bf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf4a400ad, "vld1.8 {d0[5]}, [r4]!", { 0x3f7f00ffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 1 },
	{ 0xf484148d, "vst1.16 {d1[2]}, [r4]!", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 2 },
	{ 0xf484188f, "vst1.32 {d1[1]}, [r4]", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf4a4054f, "vld2.16 {d0[1], d1[1]}, [r4]", { 0x3f7fffff00000000ull, 0x3f8000003f800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf4a40d8f, "vld2.32 {d0[], d1[]}, [r4]", { 0x3f8000003f800000ull, 0x00008d8d00008d8dull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf4a40f0f, "vld4.8 {d0[], d1[], d2[], d3[]}, [r4]", { 0x0000000000000000ull, 0x0000000000000000ull, 0x8080808080808080ull, 0x3f3f3f3f3f3f3f3full }, 0x0, 0 },
	{ 0xf4a40a8f, "vld3.32 {d0[1], d1[1], d2[1]}, [r4]", { 0x3f800000bf000000ull, 0x00008d8d4b800001ull, 0x4b80bf008d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
	{ 0xf484016d, "vst2.8 {d0[3], d1[3]}, [r4]!", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 2 },
	{ 0xf4a40066, "vld1.8 {d0[3]}, [r4], r6", { 0x3f7fffffbf000000ull, 0x3f8000004b800001ull, 0x3dcccccd8d8d8d8dull, 0x447a0000bf000000ull }, 0x0, 0 },
};
static const uint32_t final_buffer[64] = {
	0x3f804bbf,
	0x00008d8d,
	0x4b80bf00,
	0xbf008d8d,
	0x0000ffff,
	0x0000cccd,
	0x3f803f7f,
	0x447a3dcc,
	0x775c303c,
	0x5a58b185,
	0xade562bc,
	0xead6b3cb,
	0x5a427c37,
	0x9bde8163,
	0xb4fab101,
	0x47679714,
	0xbcefd0a7,
	0x7d500f7c,
	0x05adc011,
	0x96e16894,
	0x0f81f60c,
	0xf4707652,
	0xad0faada,
	0x0570ceee,
	0xf69b31ce,
	0x5e819615,
	0x40498cb3,
	0xa0c2995f,
	0x74d0df35,
	0x4c736db3,
	0x97b9580f,
	0x99f8eee7,
	0x51ed2f15,
	0x2d6b76db,
	0x5d2c2938,
	0x2f6c48f6,
	0x500b2f29,
	0xc2134f15,
	0x5e80dfff,
	0xd805f5d2,
	0x987aa6bd,
	0x439e7fa9,
	0x4ce74654,
	0xc98c9e51,
	0x608d9499,
	0x1ad8df8e,
	0xc5b3b5d3,
	0xd0247e4c,
	0x06e44edf,
	0xf8abffd6,
	0x91bae46a,
	0xaf091db4,
	0xbc344f4b,
	0x21a4cade,
	0x4f5d410c,
	0x8000b3d9,
	0x38f83d74,
	0xa75a68a1,
	0xcdc656fb,
	0x44f5f725,
	0x3d1b2085,
	0x53e9cfd2,
	0x2ff9134d,
	0xad9593b4,
};


/*
 * The saturating, doubling and by-scalar long forms (VQDMULH, VQRDMULH,
 * VQDMULL, VQDMLAL, VQDMLSL, each also by scalar; VMULL/VMLAL/VMLSL by
 * scalar; VQSHL/VQRSHL by register, every size) and the long forms with
 * d31 as a D source (which once read d[32]). Inputs chosen to saturate
 * (0x8000, 0x80000000, ...) and shift counts around the element size;
 * expected d0-d3 and FPSCR (QC = 0x08000000) from qemu-system-arm -cpu
 * cortex-a15 (7.2) running the same instructions from these inputs with
 * FPSCR = 0. Scalars and sources also overlap the destination.
 */
static const uint32_t sat_inputs[64] = {
	0xfffffff0, 0x7fffffff,
	0x00000010, 0x80000000,
	0x80000010, 0x7ffffff0,
	0xfffe0000, 0x00010000,
	0x7fff0001, 0x80008000,
	0x80004000, 0x8000ffff,
	0x7fffffff, 0x80000000,
	0x80000000, 0x80000000,
	0xc0008000, 0x80000003,
	0x00000002, 0x80000000,
	0x80001234, 0x7fff8000,
	0xc0000000, 0x40000000,
	0xffffffff, 0x80000000,
	0x9abcdef0, 0x12345678,
	0x76543210, 0xfedcba98,
	0x40000001, 0x80000000,
	0xff080701, 0x027f80f9,
	0x0010fff1, 0x0040ffc1,
	0x0000001f, 0x000000e1,
	0x000000c0, 0x00000000,
	0x00000001, 0x00000000,
	0x000000ff, 0x00000000,
	0x00000001, 0x40000000,
	0x00000001, 0x80000000,
	0x4040c0c0, 0x7f0180ff,
	0x7fff4001, 0x00ff8000,
	0x00000003, 0x7fffffff,
	0xffffffff, 0xc0000000,
	0x00000003, 0x00000000,
	0x0000003f, 0x00000000,
	0x80000000, 0xffffffff,
	0xffff0001, 0x80007fff,
};
static const struct neon_case sat_cases[] = {
	{ 0xf2140b05, "vqdmulh.s16 d0, d4, d5",
	  { 0x7fff000180010000ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2140b4a, "vqdmulh.s16 q0, q2, q5",
	  { 0x80017fff80010000ull, 0xc000000040000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2262b6a, "vqdmulh.s32 q1, q3, q13",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x8000000100000002ull, 0x4000000000000001ull }, 0x00000000, 0 },
	{ 0xf2273b0c, "vqdmulh.s32 d3, d7, d12",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x7fffffff00000001ull }, 0x08000000, 0 },
	{ 0xf31a0b29, "vqrdmulh.s16 d0, d10, d25",
	  { 0x00ff7fff8001091aull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf3142b68, "vqrdmulh.s16 q1, q2, q12",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x80ff7f01403f0000ull, 0xff01000180012001ull }, 0x00000000, 0 },
	{ 0xf3260b6e, "vqrdmulh.s32 q0, q3, q15",
	  { 0x0000000180000001ull, 0x7fff80010000ffffull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf32a2b8b, "vqrdmulh.s32 d2, d26, d11",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x40000000ffffffffull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf2940c6d, "vqdmulh.s16 d0, d4, d5[3]",
	  { 0x7fff7fff8001ffffull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf3982ce4, "vqdmulh.s16 q1, q12, d4[2]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x80ff7f01bfc03f40ull, 0xff017fff8001bfffull }, 0x08000000, 0 },
	{ 0xf3a60c67, "vqdmulh.s32 q0, q3, d7[1]",
	  { 0x7fffffff80000001ull, 0x7fffffff7fffffffull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2aa1ccf, "vqdmulh.s32 d1, d26, d15[0]",
	  { 0x7ffffffffffffff0ull, 0x4000000000000001ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf29a2d4f, "vqrdmulh.s16 d2, d10, d7[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x80017fff7fffedccull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf39a2d6a, "vqrdmulh.s16 q1, q5, d2[3]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffe800180011234ull, 0x40000000c0010000ull }, 0x00000000, 0 },
	{ 0xf3aa0dcb, "vqrdmulh.s32 q0, q13, d11[0]",
	  { 0xc0000001ffffffffull, 0x2000000000000001ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf2a63d6f, "vqrdmulh.s32 d3, d6, d15[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x7fffffff80000001ull }, 0x08000000, 0 },
	{ 0xf2940d05, "vqdmull.s16 q0, d4, d5",
	  { 0x8001000000008000ull, 0x7fffffff00010000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2a62d07, "vqdmull.s32 q1, d6, d7",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x8000000100000000ull, 0x7fffffffffffffffull }, 0x08000000, 0 },
	{ 0xf2af0dae, "vqdmull.s32 q0, d31, d30",
	  { 0x0000ffff00000000ull, 0x00000000ffff0002ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf2940904, "vqdmlal.s16 q0, d4, d4",
	  { 0x7ffffffffffffff2ull, 0xffffffff7fffffffull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2a6092a, "vqdmlal.s32 q0, d6, d26",
	  { 0x7fffffffffffffffull, 0x8000000000000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2a72907, "vqdmlal.s32 q1, d7, d7",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fffffffffffffffull, 0x7fffffffffffffffull }, 0x08000000, 0 },
	{ 0xf2982b0a, "vqdmlsl.s16 q1, d8, d10",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x3ffffff092340010ull, 0x7fffffff00010000ull }, 0x08000000, 0 },
	{ 0xf2a90b07, "vqdmlsl.s32 q0, d9, d7",
	  { 0x7fffffffffffffffull, 0x8000000000000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2ab2b2f, "vqdmlsl.s32 q1, d11, d31",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fff7ff100000010ull, 0x4000c0017ffe0000ull }, 0x00000000, 0 },
	{ 0xf2940b65, "vqdmull.s16 q0, d4, d5[2]",
	  { 0xffff0002fffffffeull, 0x0001000000010000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf2a72b6f, "vqdmull.s32 q1, d7, d15[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fffffffffffffffull, 0x7fffffffffffffffull }, 0x08000000, 0 },
	{ 0xf298234b, "vqdmlal.s16 q1, d8, d3[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fffffff80020010ull, 0x00030000fffdfff4ull }, 0x08000000, 0 },
	{ 0xf2a60369, "vqdmlal.s32 q0, d6, d9[1]",
	  { 0x00000000fffffff0ull, 0x000000000000000full, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf29a076c, "vqdmlsl.s16 q0, d10, d4[3]",
	  { 0x000000001233fff0ull, 0xffff000080000011ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf2ae27ec, "vqdmlsl.s32 q1, d30, d12[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0xfffffff080000011ull, 0x0000fffffffe0000ull }, 0x08000000, 0 },
	{ 0xf2940a4d, "vmull.s16 q0, d4, d5[1]",
	  { 0xc0008000ffff8000ull, 0x4000000040000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf39f2ac5, "vmull.u16 q1, d31, d5[0]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x3fffc00000004000ull, 0x200000001fffc000ull }, 0x00000000, 0 },
	{ 0xf3af2aee, "vmull.u32 q1, d31, d14[1]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0xfedbbbbc4444ba98ull, 0x7f6edcb95e6f4568ull }, 0x00000000, 0 },
	{ 0xf2a60a4b, "vmull.s32 q0, d6, d11[0]",
	  { 0xe000000040000000ull, 0x2000000000000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf39902ef, "vmlal.u16 q0, d25, d7[3]",
	  { 0xbfff7fff20007ff0ull, 0x807f800040000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf2a82249, "vmlal.s32 q1, d8, d9[0]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffffff000010010ull, 0x0000fffffffe0006ull }, 0x00000000, 0 },
	{ 0xf29a2642, "vmlsl.s16 q1, d10, d2[0]",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x8007fff07ffedcd0ull, 0xfff9001000060000ull }, 0x00000000, 0 },
	{ 0xf3ab066c, "vmlsl.u32 q0, d11, d12[1]",
	  { 0x1ffffffffffffff0ull, 0x6000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf20004b8, "vqshl.s8 d0, d24, d16",
	  { 0x7f7fffff207f8080ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf30004f8, "vqshl.u8 q0, q12, q8",
	  { 0xffff000120ffffffull, 0x00ff40007fff2000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf21114b9, "vqshl.s16 d1, d25, d17",
	  { 0x7ffffffffffffff0ull, 0x7fffffff7fff0000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf31024f8, "vqshl.u16 q1, q12, q8",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0xffff0101ffffffffull, 0xffff0000ffff0000ull }, 0x08000000, 0 },
	{ 0xf22204fa, "vqshl.s32 q0, q13, q9",
	  { 0x000000007fffffffull, 0xc0000000ffffffffull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf32224bb, "vqshl.u32 d2, d27, d18",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x00000001ffffffffull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf23424f6, "vqshl.s64 q1, q11, q10",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fffffffffffffffull, 0xc000000000000000ull }, 0x08000000, 0 },
	{ 0xf33d34b6, "vqshl.u64 d3, d22, d29",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0xffffffffffffffffull }, 0x08000000, 0 },
	{ 0xf23d04b7, "vqshl.s64 d0, d23, d29",
	  { 0x8000000000000000ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf23314b6, "vqshl.s64 d1, d22, d19",
	  { 0x7ffffffffffffff0ull, 0x0000000000000000ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf20005b8, "vqrshl.s8 d0, d24, d16",
	  { 0x7f7f0000207f8080ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf30025f8, "vqrshl.u8 q1, q12, q8",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0xffff000220ffffffull, 0x00ff40007fff2000ull }, 0x08000000, 0 },
	{ 0xf21125b9, "vqrshl.s16 d2, d25, d17",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7fff00007fff0001ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf31005f8, "vqrshl.u16 q0, q12, q8",
	  { 0xffff0102ffffffffull, 0xffff0000ffff0001ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf22225fa, "vqrshl.s32 q1, q13, q9",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x000000017fffffffull, 0xc000000000000000ull }, 0x08000000, 0 },
	{ 0xf32235bb, "vqrshl.u32 d3, d27, d18",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x7ffffff080000010ull, 0x00000002ffffffffull }, 0x08000000, 0 },
	{ 0xf23405f6, "vqrshl.s64 q0, q11, q10",
	  { 0x7fffffffffffffffull, 0xc000000000000001ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x08000000, 0 },
	{ 0xf33315b7, "vqrshl.u64 d1, d23, d19",
	  { 0x7ffffffffffffff0ull, 0x0000000000000001ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf23325b7, "vqrshl.s64 d2, d23, d19",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x0000000000000000ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf33425f6, "vqrshl.u64 q1, q11, q10",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x8000000000000002ull, 0x4000000000000001ull }, 0x00000000, 0 },
	{ 0xf2880a3f, "vmovl.s8 q0, d31",
	  { 0xffffffff00000001ull, 0xff800000007fffffull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf3a02a3f, "vmovl.u32 q1, d31",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x00000000ffff0001ull, 0x0000000080007fffull }, 0x00000000, 0 },
	{ 0xf2950a3f, "vshll.s16 q0, d31, #5",
	  { 0xffffffe000000020ull, 0xfff00000000fffe0ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf3b2232f, "vshll.i8 q1, d31, #8",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0xff00ff0000000100ull, 0x800000007f00ff00ull }, 0x00000000, 0 },
	{ 0xf3af00ae, "vaddl.u32 q0, d31, d30",
	  { 0x000000017fff0001ull, 0x0000000180007ffeull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf29f22af, "vsubl.s16 q1, d31, d31",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x0000000000000000ull, 0x0000000000000000ull }, 0x00000000, 0 },
	{ 0xf28f08a8, "vmlal.s8 q0, d31, d24",
	  { 0x7fbfffbfffffffb0ull, 0x40800000c0800011ull, 0x7ffffff080000010ull, 0x00010000fffe0000ull }, 0x00000000, 0 },
	{ 0xf39f25a9, "vabal.u16 q1, d31, d25",
	  { 0x7ffffffffffffff0ull, 0x8000000000000010ull, 0x80007ff080004010ull, 0x00017f01fffe0001ull }, 0x00000000, 0 },
};


/* The harness's state, Advanced SIMD enabled (FPEXC.EN, CPACR cp10/cp11 full). */
static void reset(void)
{
	harness_reset();
	cpu.vfp.fpexc = 1u << 30;
	cpu.sys.cpacr = 0xfu << 20;
}

/* Run one instruction (A32 word, or T32 halfwords) at RAM_BASE. */
static void run_one(uint32_t insn, bool thumb)
{
	const uint16_t t32[2] = { (uint16_t)(insn >> 16), (uint16_t)insn };

	harness_start();
	if (thumb)
		load_t32(t32, 2);
	else
		load_a32(&insn, 1);
	run(1);
}

static uint32_t to_t32(uint32_t a32)
{
	if ((a32 >> 25) == 0x79) /* 1111 001U -> 111U 1111 */
		return 0xef000000u | (a32 >> 24 & 1) << 28 | (a32 & 0x00ffffffu);
	return 0xf9000000u | (a32 & 0x00ffffffu); /* 1111 0100 -> 1111 1001 */
}

/* Run each case of a table from the same register state; final_buf, if
 * any, is the scratch buffer expected at the end. */
static void run_cases(const uint32_t *in_regs, const struct neon_case *tab, unsigned n,
		      const uint32_t *final_buf, bool thumb)
{
	unsigned bad = 0;
	reset();
	memset(ram, 0, sizeof(ram));
	for (unsigned i = 0; i < 64; i++)
		put32(BUF + 4 * i, buffer[i]);
	for (unsigned k = 0; k < n; k++) {
		const struct neon_case *c = &tab[k];
		for (unsigned i = 0; i < 32; i++)
			cpu.vfp.d[i] = (uint64_t)in_regs[2 * i + 1] << 32 | in_regs[2 * i];
		cpu.vfp.fpscr = 0;
		cpu.regs[4] = BUF;
		cpu.regs[5] = 16;
		cpu.regs[6] = 0;
		run_one(thumb ? to_t32(c->insn) : c->insn, thumb);
		bool ok = (cpu.cpsr_rest & 0x1f) == 0x13 && cpu.regs[15] == RAM_BASE + 4 &&
			  cpu.vfp.fpscr == c->fpscr && cpu.regs[4] - BUF == c->advance;
		for (unsigned j = 0; j < 4; j++)
			ok = ok && cpu.vfp.d[j] == c->d[j];
		if (!ok) {
			bad++;
			fprintf(stderr, "%s (%s): d0 %016llx d1 %016llx d2 %016llx d3 %016llx fpscr %08x adv %u mode %x\n",
				c->text, thumb ? "T32" : "A32",
				(unsigned long long)cpu.vfp.d[0], (unsigned long long)cpu.vfp.d[1],
				(unsigned long long)cpu.vfp.d[2], (unsigned long long)cpu.vfp.d[3],
				cpu.vfp.fpscr, cpu.regs[4] - BUF, cpu.cpsr_rest & 0x1f);
		}
	}
	for (unsigned i = 0; final_buf && i < 64; i++)
		if (get32(BUF + 4 * i) != final_buf[i]) {
			fprintf(stderr, "buffer word %u: %08x, want %08x\n", i,
				get32(BUF + 4 * i), final_buf[i]);
			bad++;
		}
	assert_int_equal(bad, 0);
}

static void run_table(bool thumb)
{
	run_cases(inputs, cases, sizeof(cases) / sizeof(cases[0]), final_buffer, thumb);
}

static void test_table_a32(void **state)
{
	(void)state;
	run_table(false);
}

static void test_table_t32(void **state)
{
	(void)state;
	run_table(true);
}

static void test_saturating_a32(void **state)
{
	(void)state;
	run_cases(sat_inputs, sat_cases, sizeof(sat_cases) / sizeof(sat_cases[0]), NULL, false);
}

static void test_saturating_t32(void **state)
{
	(void)state;
	run_cases(sat_inputs, sat_cases, sizeof(sat_cases) / sizeof(sat_cases[0]), NULL, true);
}

/* Encodings that stay UNDEFINED (as on QEMU): the doubling forms in
 * 8 bits or unsigned, odd Qd for the long forms. */
static void test_undefined_forms(void **state)
{
	(void)state;
	static const uint32_t undef[] = {
		0xf2040b05, /* vqdmulh with size 0 (".s8") */
		0xf2340b05, /* vqdmulh with size 3 */
		0xf3940d05, /* vqdmull.s16 with U = 1 */
		0xf2840d05, /* vqdmull with size 0 */
		0xf2941d05, /* vqdmull.s16 with Qd = 1 (odd) */
		0xf3940b45, /* vqdmull.s16 by scalar with U = 1 */
		0xf2840b45, /* vqdmull by scalar, size 0 */
		0xf2941a45, /* vmull.s16 by scalar, odd Qd */
	};
	for (unsigned i = 0; i < sizeof(undef) / sizeof(undef[0]); i++) {
		for (unsigned t = 0; t < 2; t++) {
			reset();
			run_one(t ? to_t32(undef[i]) : undef[i], t);
			if ((cpu.cpsr_rest & 0x1f) != 0x1b)
				fprintf(stderr, "%08x (%s) is not UNDEFINED\n", undef[i], t ? "T32" : "A32");
			assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
		}
	}
}

static void test_disabled(void **state)
{
	(void)state;
	/* vadd.i32 q0, q1, q2 with FPEXC.EN clear: UNDEFINED */
	reset();
	cpu.vfp.fpexc = 0;
	run_one(0xf2220844, false);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
	assert_int_equal(cpu.regs[15], VBAR + 4);
	/* and at PL0 when CPACR grants PL1 only */
	reset();
	cpu.sys.cpacr = 0x5u << 20;
	cpu.cpsr_rest = 0x1d0;
	run_one(0xf2220844, false);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
	/* Q registers must be even: vadd.i32 q0, q1, q2 with Vn = 3 */
	reset();
	run_one(0xf2230844, false);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
}

static void test_alignment(void **state)
{
	(void)state;
	/* vld1.64 {d0-d1}, [r4:128] at an address aligned to 8 only: an
	 * alignment fault (DFSR.FS = 1) whatever SCTLR.A says */
	reset();
	cpu.regs[4] = BUF + 8;
	run_one(0xf4240aef, false); /* vld1.64 {d0-d1}, [r4 :128] */
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x17); /* Abort mode */
	assert_int_equal(cpu.regs[15], VBAR + 0x10);
	assert_int_equal(cpu.sys.dfsr & 0x40f, 1);
	assert_int_equal(cpu.sys.dfar, BUF + 8);
	assert_int_equal(cpu.regs[4], BUF + 8);
	/* aligned: loads */
	reset();
	put32(BUF + 16, 0x11111111);
	cpu.regs[4] = BUF + 16;
	run_one(0xf4240aef, false);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x13);
	assert_int_equal((uint32_t)cpu.vfp.d[0], 0x11111111);
}

static void test_store_load(void **state)
{
	(void)state;
	/* vst1.8 {d0}, [r4]! at an odd address, then vld1.8 back */
	reset();
	memset(ram, 0, sizeof(ram));
	cpu.vfp.d[0] = 0x0807060504030201ull;
	cpu.regs[4] = BUF + 1;
	run_one(0xf404070d, false); /* vst1.8 {d0}, [r4]! */
	assert_int_equal(cpu.regs[4], BUF + 9);
	assert_int_equal(get32(BUF), 0x03020100);
	assert_int_equal(get32(BUF + 4), 0x07060504);
	assert_int_equal(get32(BUF + 8), 0x00000008);
	cpu.regs[4] = BUF + 1;
	run_one(0xf424170f, false); /* vld1.8 {d1}, [r4] */
	assert_int_equal(cpu.vfp.d[1], 0x0807060504030201ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_a32),
		cmocka_unit_test(test_table_t32),
		cmocka_unit_test(test_saturating_a32),
		cmocka_unit_test(test_saturating_t32),
		cmocka_unit_test(test_undefined_forms),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_store_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
