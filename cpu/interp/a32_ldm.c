/*
 * A32 load/store multiple (ARM ARM A5.5): LDM/STM in the four addressing
 * modes (PUSH and POP are STMDB SP! and LDMIA SP!), LDM with the PC
 * (LoadWritePC, interworking), LDM (exception return), LDM/STM (user
 * registers). Handlers in ldst_ops.c.
 */
#include "cpu/interp/ldst_ops.h"

/* cond 100 P U S W L Rn register_list */
static bool decode_ldm(struct interp_insn *in, uint32_t raw)
{
	bool p = raw >> 24 & 1, u = raw >> 23 & 1, s = raw >> 22 & 1;
	bool w = raw >> 21 & 1, load = raw >> 20 & 1;
	unsigned rn = raw >> 16 & 15;
	uint32_t list = raw & 0xffff;
	unsigned kind;

	/* Empty list, Rn = PC: UNPREDICTABLE, UNDEFINED as in QEMU. */
	if (!list || rn == 15)
		return false;
	if (load) {
		/* Writeback with Rn in the list is UNPREDICTABLE from v7
		 * (A8.8.58); QEMU makes it UNDEFINED. */
		if (w && (list & (1u << rn)))
			return false;
		if (s)
			kind = (list & 0x8000) ? BLK_LDM_ERET : BLK_LDM_USER;
		else
			kind = (list & 0x8000) ? BLK_LDM_PC : BLK_LDM;
	} else {
		kind = s ? BLK_STM_USER : BLK_STM;
	}
	ldst_block_setup(in, rn, list, u, p);
	in->exec = ldst_block_fn[kind][w];
	return in->exec != NULL; /* user registers with writeback: UNDEFINED */
}

const struct interp_pattern a32_ldm_patterns[] = {
	{ 0x0e000000, 0x08000000, "LDM/STM", decode_ldm },
};
const unsigned a32_ldm_npatterns = sizeof(a32_ldm_patterns) / sizeof(a32_ldm_patterns[0]);
