/*
 * Branches (ARM ARM A5.5: B, BL; A5.2.12: BX, BLX register, BXJ; A5.7:
 * BLX immediate) and the supervisor call (A5.6). The handlers serve A32
 * and T32 alike: the PC as read (interp_pc_read) and the return address
 * (alu_next_pc) already depend on the instruction set.
 */
#include "cpu/interp/alu_ops.h"

/* B (A8.8.18): imm is the offset from the PC as read. */
const struct interp_insn *alu_b(struct interp *ip, const struct interp_insn *in)
{
	return interp_jump(ip, interp_pc_read(ip, in) + in->imm);
}

/* LR as BL/BLX leave it: the next instruction, bit 0 set in Thumb. */
static inline uint32_t link_value(const struct interp *ip,
				  const struct interp_insn *in)
{
	return alu_next_pc(ip, in) | (ip->page->thumb ? 1u : 0u);
}

/* BL (A8.8.25): same instruction set. */
const struct interp_insn *alu_bl(struct interp *ip, const struct interp_insn *in)
{
	uint32_t target = interp_pc_read(ip, in) + in->imm;
	ip->cpu->regs[14] = link_value(ip, in);
	return interp_jump(ip, target);
}

/* BLX (immediate) (A8.8.25): to Thumb from A32 (the H bit is in imm),
 * to A32 from T32 (from Align(PC, 4)). */
const struct interp_insn *alu_blx_imm(struct interp *ip, const struct interp_insn *in)
{
	bool thumb = ip->page->thumb;
	uint32_t target = (interp_pc_read(ip, in) & ~3u) + in->imm;
	ip->cpu->regs[14] = link_value(ip, in);
	return interp_jump_bx(ip, thumb ? target & ~3u : target | 1u);
}

/* BX (A8.8.27): BXWritePC. */
const struct interp_insn *alu_bx(struct interp *ip, const struct interp_insn *in)
{
	return interp_jump_bx(ip, alu_reg(ip, in, in->rm));
}

/* BLX (register) (A8.8.26). */
const struct interp_insn *alu_blx_reg(struct interp *ip, const struct interp_insn *in)
{
	uint32_t target = ip->cpu->regs[in->rm];
	ip->cpu->regs[14] = link_value(ip, in);
	return interp_jump_bx(ip, target);
}

/* SVC (A8.8.228): the exception returns to the next instruction. In an
 * IT block the SPSR gets the ITSTATE advanced past the SVC
 * (TakeSVCException calls ITAdvance first): interp_exception does that
 * from the slot's it field. */
const struct interp_insn *alu_svc(struct interp *ip, const struct interp_insn *in)
{
	return interp_exception(ip, in, INTERP_EXC_SVC);
}

/* ---- branches within the page: no address computed ---- */

const struct interp_insn *alu_b_near(struct interp *ip, const struct interp_insn *in)
{
	return in + (int32_t)in->imm;
}

const struct interp_insn *alu_bl_near(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[14] = ip->page_va + in->pc_off + in->ra;
	return in + (int32_t)in->imm;
}

/* B within the page as a slot's own handler: on to the target's. */
static const struct interp_insn *b_near_chain(struct interp *ip,
					      const struct interp_insn *in)
{
	return interp_chain(ip, in + (int32_t)in->imm);
}

/* B<cond> within the page: the condition checked here, not by a wrapper
 * calling the handler. */
#define B_NEAR_COND_K(c, k)                                                   \
static const struct interp_insn *b_near_##c##_##k(struct interp *ip,         \
						 const struct interp_insn *in) \
{                                                                             \
	if (interp_cond_pass(ip->cpu, c))                                     \
		return interp_chain(ip, in + (int32_t)in->imm);               \
	return interp_chain(ip, interp_next_k(in, k));                        \
}
#define B_NEAR_COND(c) B_NEAR_COND_K(c, 1) B_NEAR_COND_K(c, 2)
B_NEAR_COND(0) B_NEAR_COND(1) B_NEAR_COND(2) B_NEAR_COND(3) B_NEAR_COND(4)
B_NEAR_COND(5) B_NEAR_COND(6) B_NEAR_COND(7) B_NEAR_COND(8) B_NEAR_COND(9)
B_NEAR_COND(10) B_NEAR_COND(11) B_NEAR_COND(12) B_NEAR_COND(13)

#define B_NEAR_ROW(k) {                                                       \
	b_near_0_##k, b_near_1_##k, b_near_2_##k, b_near_3_##k, b_near_4_##k, \
	b_near_5_##k, b_near_6_##k, b_near_7_##k, b_near_8_##k, b_near_9_##k, \
	b_near_10_##k, b_near_11_##k, b_near_12_##k, b_near_13_##k }
static const interp_fn b_near_cond[2][14] = { B_NEAR_ROW(1), B_NEAR_ROW(2) };

void alu_branch_specialise(struct interp_insn *in, bool thumb)
{
	bool bl = in->exec == alu_bl;
	if (in->exec != alu_b && !bl)
		return;
	unsigned sh = thumb ? 1 : 2;
	int32_t target = (int32_t)in->pc_off + (thumb ? 4 : 8) + (int32_t)in->imm;
	if (target < 0 || target >= (int32_t)INTERP_PAGE_SIZE)
		return;
	int32_t delta = (target >> sh) - (int32_t)(in->pc_off >> sh);
	interp_fn old = in->exec;
	in->imm = (uint32_t)delta;
	in->exec = bl ? alu_bl_near : alu_b_near;
	if (bl)
		in->ra = thumb ? 5 : 4; /* next instruction, | 1 in Thumb */
	if (in->fn == old)
		in->fn = bl ? in->exec : b_near_chain;
	else if (!bl && !in->it && in->cond < 14 && (in->step == 1 || in->step == 2))
		in->fn = b_near_cond[in->step - 1][in->cond];
	/* else: in an IT block, its exec_it handler checks the condition */
}

/* ---- decoders ---- */

static bool decode_b(struct interp_insn *in, uint32_t raw)
{
	in->imm = (uint32_t)((int32_t)(raw << 8) >> 6); /* SignExtend(imm24:'00') */
	in->exec = (raw & 0x01000000) ? alu_bl : alu_b;
	return true;
}

static bool decode_svc(struct interp_insn *in, uint32_t raw)
{
	in->imm = raw & 0x00ffffff;
	in->exec = alu_svc;
	return true;
}

const struct interp_pattern a32_branch_patterns[] = {
	{ 0x0e000000, 0x0a000000, "b/bl", decode_b },
	{ 0x0f000000, 0x0f000000, "svc", decode_svc },
};
const unsigned a32_branch_npatterns = sizeof(a32_branch_patterns) / sizeof(a32_branch_patterns[0]);
