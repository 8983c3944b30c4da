/*
 * The "cpu" (version 22) and "cpu_common" (version 1) sections of QEMU 7.2
 * for an AArch32 cortex-a15, as descriptions of struct arm_cpu.
 *
 * Field order, names and wire types are QEMU's (target/arm/machine.c,
 * hw/core/cpu-common vmstate, read for facts). Where tern's layout differs
 * from QEMU's, a conversion field bridges it: CPSR is joined from its split
 * flags, 32-bit SPSRs travel as QEMU's 64-bit slots, AArch64-only state
 * (xregs, pc, sp_el, the upper Z registers) travels as zeros and must be
 * zero on load, the cp-register list comes from the CPU's cpreg_list.
 */
#include <stddef.h>

#include "cpu/arm_cpu.h"
#include "cpu/arm_cpu_vmstate.h"
#include "cpu/cpreg.h"

#define CPREG_MAX 256

/* Cortex-A15 VFP identification (ARM DDI 0438, FPSID/MVFR0/MVFR1). */
#define A15_FPSID 0x410430f0u
#define A15_MVFR0 0x10110222u
#define A15_MVFR1 0x11111111u

/* ---- AArch64-only slots: zero on the wire, refused otherwise ---- */

static uint64_t zero_get(const void *opaque, uint32_t i)
{
	return 0;
}

static bool zero_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	if (v)
		return vms_fail(in, "element %u is 0x%llx: AArch64 state, which an "
				"AArch32 cortex-a15 never has", (unsigned)i, (unsigned long long)v);
	return true;
}

static const struct vms_conv conv_zero = { zero_get, zero_set, "uint64" };

/* ---- CPSR ---- */

static uint64_t cpsr_get(const void *opaque, uint32_t i)
{
	return arm_cpsr_read(opaque);
}

static bool cpsr_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	if (!arm_mode_valid((uint32_t)v & ARM_CPSR_M))
		return vms_fail(in, "CPSR 0x%08llx has mode 0x%02llx, which is not an "
				"ARMv7-A mode", (unsigned long long)v,
				(unsigned long long)(v & ARM_CPSR_M));
	arm_cpsr_write(opaque, (uint32_t)v);
	return true;
}

static const struct vms_conv conv_cpsr = { cpsr_get, cpsr_set, "cpsr" };

/* ---- 32-bit registers in QEMU's 64-bit slots ---- */

static uint64_t banked_spsr_get(const void *opaque, uint32_t i)
{
	return ((const struct arm_cpu *)opaque)->banked_spsr[i];
}

/* Element i of the field being loaded into *dst, if it fits. */
static bool set_u32(uint32_t *dst, uint32_t i, uint64_t v, struct vms_in *in)
{
	if (v >> 32)
		return vms_fail(in, "element %u is 0x%llx, wider than 32 bits",
				(unsigned)i, (unsigned long long)v);
	*dst = (uint32_t)v;
	return true;
}

static bool banked_spsr_set(void *opaque, uint32_t i, uint64_t v,
			    struct vms_in *in)
{
	return set_u32(&((struct arm_cpu *)opaque)->banked_spsr[i], i, v, in);
}

static const struct vms_conv conv_banked_spsr = { banked_spsr_get, banked_spsr_set, "uint64" };

/* elr_el[2] is ELR_hyp in AArch32; the other slots are AArch64 only. */
static uint64_t elr_get(const void *opaque, uint32_t i)
{
	return i == 2 ? ((const struct arm_cpu *)opaque)->elr_hyp : 0;
}

static bool elr_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	if (i != 2)
		return zero_set(opaque, i, v, in);
	return set_u32(&((struct arm_cpu *)opaque)->elr_hyp, i, v, in);
}

static const struct vms_conv conv_elr = { elr_get, elr_set, "uint64" };

/* ---- the cp-register list ---- */

static uint32_t cpreg_count(const void *opaque)
{
	const struct arm_cpu *cpu = opaque;
	return cpu->cpregs ? cpu->cpregs->count : 0;
}

/* The two arrays' length is the list's, not a stored count. */
static const struct vms_field_fns cpreg_fns = { .count = cpreg_count };

static uint64_t cpreg_len_get(const void *opaque, uint32_t i)
{
	return cpreg_count(opaque);
}

/* The count picks the list: QEMU refuses a list other than its own. */
static bool cpreg_len_set(void *opaque, uint32_t i, uint64_t v,
			  struct vms_in *in)
{
	struct arm_cpu *cpu = opaque;
	int32_t n = (int32_t)(uint32_t)v;
	if (n < 0 || n > CPREG_MAX)
		return vms_fail(in, "array length %d beyond its bound %d", (int)n, CPREG_MAX);
	const struct cpreg_list *list = cpreg_list_by_count((uint32_t)n);
	if (!list)
		return vms_fail(in, "a list of %d cp registers matches no cortex-a15 "
				"tern knows (%u: virtualization=off, %u: =on)", (int)n,
				(unsigned)cpreg_list_a15.count,
				(unsigned)cpreg_list_a15_el2.count);
	if (cpu->cpregs != list)
		cpreg_reset(&cpu->sys, list);
	cpu->cpregs = list;
	return true;
}

static const struct vms_conv conv_cpreg_len = { cpreg_len_get, cpreg_len_set, "int32 le" };

static uint64_t cpreg_index_get(const void *opaque, uint32_t i)
{
	return cpreg_index(cpreg_list_at(((const struct arm_cpu *)opaque)->cpregs, i));
}

static bool cpreg_index_set(void *opaque, uint32_t i, uint64_t v,
			    struct vms_in *in)
{
	const struct cpreg_list *l = ((struct arm_cpu *)opaque)->cpregs;
	uint64_t want = cpreg_index(cpreg_list_at(l, i));
	char got_name[CPREG_NAME_MAX], want_name[CPREG_NAME_MAX];
	if (v != want)
		return vms_fail(in, "entry %u is register %s (0x%016llx) where %s has %s "
				"(0x%016llx)", (unsigned)i, cpreg_name(v, got_name),
				(unsigned long long)v, l->name, cpreg_name(want, want_name),
				(unsigned long long)want);
	return true;
}

static const struct vms_conv conv_cpreg_index = { cpreg_index_get, cpreg_index_set, "uint64" };

static uint64_t cpreg_value_get(const void *opaque, uint32_t i)
{
	const struct arm_cpu *cpu = opaque;
	return cpreg_read(&cpu->sys, cpreg_list_at(cpu->cpregs, i));
}

static bool cpreg_value_set(void *opaque, uint32_t i, uint64_t v,
			    struct vms_in *in)
{
	struct arm_cpu *cpu = opaque;
	const struct cpreg *r = cpreg_list_at(cpu->cpregs, i);
	uint64_t index = cpreg_index(r);
	char name[CPREG_NAME_MAX];
	if (cpreg_write(&cpu->sys, r, v))
		return true;
	cpreg_name(index, name);
	if (r->kind == CPREG_CONST)
		return vms_fail(in, "register %s (0x%016llx) is 0x%llx; on a cortex-a15 it "
				"is the constant 0x%lx", name, (unsigned long long)index,
				(unsigned long long)v, (unsigned long)cpreg_value(r));
	return vms_fail(in, "register %s (0x%016llx) cannot hold 0x%llx", name,
			(unsigned long long)index, (unsigned long long)v);
}

static const struct vms_conv conv_cpreg_value = { cpreg_value_get, cpreg_value_set, "uint64" };

/* The two arrays: a conversion, a derived count and a bound, so in full. */
static const struct vms_field_ext cpreg_indexes_ext = {
	.conv = &conv_cpreg_index, .fns = &cpreg_fns, .size = 8, .max_num = CPREG_MAX,
};

static const struct vms_field_ext cpreg_values_ext = {
	.conv = &conv_cpreg_value, .fns = &cpreg_fns, .size = 8, .max_num = CPREG_MAX,
};

/* ---- VFP ---- */

/* QEMU's vfp.xregs: [0] FPSID, [5..7] MVFR2/1/0, [8] FPEXC, [9] FPINST,
 * [10] FPINST2; the wire carries [0], then [2..15], then FPSCR apart.
 * FPEXC, FPINST and FPINST2 are the guest's; the other slots are constants
 * of a cortex-a15 (no MVFR2 on ARMv7, unused slots 0). */
static const uint32_t a15_vfp_xregs[8] = {
	[0] = A15_FPSID, [6] = A15_MVFR1, [7] = A15_MVFR0,
};

static uint32_t *vfp_xreg_field(struct arm_cpu *cpu, uint32_t x)
{
	switch (x) {
	case 8: return &cpu->vfp.fpexc;
	case 9: return &cpu->vfp.fpinst;
	case 10: return &cpu->vfp.fpinst2;
	default: return NULL;
	}
}

static uint64_t vfp_xreg_get(const struct arm_cpu *cpu, uint32_t x)
{
	const uint32_t *p = vfp_xreg_field((struct arm_cpu *)cpu, x);
	return p ? *p : x < 8 ? a15_vfp_xregs[x] : 0;
}

static bool vfp_xreg_set(struct arm_cpu *cpu, uint32_t x, uint64_t v,
			 struct vms_in *in)
{
	uint32_t *p = vfp_xreg_field(cpu, x);
	uint64_t c = vfp_xreg_get(cpu, x);
	if (p)
		*p = (uint32_t)v;
	else if (v != c)
		return vms_fail(in, "vfp.xregs[%u] is 0x%llx; on a cortex-a15 it is the "
				"constant 0x%llx", (unsigned)x, (unsigned long long)v,
				(unsigned long long)c);
	return true;
}

static uint64_t fpsid_get(const void *opaque, uint32_t i)
{
	return vfp_xreg_get(opaque, 0);
}

static bool fpsid_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	return vfp_xreg_set(opaque, 0, v, in);
}

static uint64_t xregs_get(const void *opaque, uint32_t i)
{
	return vfp_xreg_get(opaque, i + 2);
}

static bool xregs_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	return vfp_xreg_set(opaque, i + 2, v, in);
}

static uint64_t fpscr_get(const void *opaque, uint32_t i)
{
	return ((const struct arm_cpu *)opaque)->vfp.fpscr;
}

static bool fpscr_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	((struct arm_cpu *)opaque)->vfp.fpscr = (uint32_t)v;
	return true;
}

static const struct vms_conv conv_fpsid = { fpsid_get, fpsid_set, "uint32" };
static const struct vms_conv conv_xregs = { xregs_get, xregs_set, "uint32" };
static const struct vms_conv conv_fpscr = { fpscr_get, fpscr_set, "fpscr" };

/* QEMU's env.vfp.zregs[0..31].d, two uint64 each: d[2n] and d[2n+1] of
 * the 32 D registers for the first 16; q16-q31 exist only in AArch64. */
static const struct vms_field vfp_fields[] = {
	VMS_UINT64_SERIES("env.vfp.zregs[].d", struct arm_cpu, vfp.d, 2, 0, 16),
	VMS_CONV_SERIES("env.vfp.zregs[].d", 8, conv_zero, 2, 16, 16),
	VMS_CONV_FIELD("env.vfp.xregs[0]", 4, conv_fpsid, 0),
	VMS_CONV_FIELD("env.vfp.xregs", 4, conv_xregs, 14),
	VMS_CONV_FIELD("fpscr", 4, conv_fpscr, 0),
};


/* The subsections have no `needed`: QEMU writes all three for a cortex-a15. */
static const struct vms_desc vfp_desc = {
	.name = "cpu/vfp",
	.version_id = 3,
	.minimum_version_id = 3,
	VMS_FIELDS(vfp_fields),
};

static const struct vms_field thumb2ee_fields[] = {
	VMS_UINT32("env.teecr", struct arm_cpu, sys.teecr),
	VMS_UINT32("env.teehbr", struct arm_cpu, sys.teehbr),
};

static const struct vms_desc thumb2ee_desc = {
	.name = "cpu/thumb2ee",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(thumb2ee_fields),
};

static const struct vms_field irq_line_fields[] = {
	VMS_UINT32("env.irq_line_state", struct arm_cpu, irq_line_state),
};

static const struct vms_desc irq_line_desc = {
	.name = "cpu/irq-line-state",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(irq_line_fields),
};

/* ---- the cpu section ---- */

static const struct vms_field cpu_fields[] = {
	VMS_UINT32_ARRAY("env.regs", struct arm_cpu, regs, 16),
	VMS_CONV_FIELD("env.xregs", 8, conv_zero, 32),
	VMS_CONV_FIELD("env.pc", 8, conv_zero, 0),
	VMS_CONV_FIELD("cpsr", 4, conv_cpsr, 0),
	VMS_UINT32("env.spsr", struct arm_cpu, spsr),
	VMS_CONV_FIELD("env.banked_spsr", 8, conv_banked_spsr, ARM_BANK_COUNT),
	VMS_UINT32_ARRAY("env.banked_r13", struct arm_cpu, banked_r13, ARM_BANK_COUNT),
	VMS_UINT32_ARRAY("env.banked_r14", struct arm_cpu, banked_r14, ARM_BANK_COUNT),
	VMS_UINT32_ARRAY("env.usr_regs", struct arm_cpu, usr_regs, 5),
	VMS_UINT32_ARRAY("env.fiq_regs", struct arm_cpu, fiq_regs, 5),
	VMS_CONV_FIELD("env.elr_el", 8, conv_elr, 4),
	VMS_CONV_FIELD("env.sp_el", 8, conv_zero, 4),
	VMS_CONV_FIELD("cpreg_vmstate_array_len", 4, conv_cpreg_len, 0),
	VMS_EXT_FIELD("cpreg_vmstate_indexes", VMS_CONV, VMS_F_VARRAY, cpreg_indexes_ext),
	VMS_EXT_FIELD("cpreg_vmstate_values", VMS_CONV, VMS_F_VARRAY, cpreg_values_ext),
	VMS_UINT64("env.exclusive_addr", struct arm_cpu, exclusive_addr),
	VMS_UINT64("env.exclusive_val", struct arm_cpu, exclusive_val),
	VMS_UINT64("env.exclusive_high", struct arm_cpu, exclusive_high),
	VMS_UNUSED_FIELD(8),
	VMS_UINT32("env.exception.syndrome", struct arm_cpu, exception_syndrome),
	VMS_UINT32("env.exception.fsr", struct arm_cpu, exception_fsr),
	VMS_UINT64("env.exception.vaddress", struct arm_cpu, exception_vaddress),
	/* QEMU names both "gt_timer"; the JSON makes them gt_timer[0], [1]. */
	{ .name = "gt_timer", .type_name = "timer", .kind = VMS_INT, .size = 8,
	  .offset = VMS_OFFSET(struct arm_cpu, gt_timer_expiry[0]) },
	{ .name = "gt_timer", .type_name = "timer", .kind = VMS_INT, .size = 8,
	  .offset = VMS_OFFSET(struct arm_cpu, gt_timer_expiry[1]) },
	{ .name = "power_state", .type_name = "powered_off", .kind = VMS_BOOL,
	  .size = 1, .offset = VMS_OFFSET(struct arm_cpu, powered_off) },
};

static const struct vms_desc *const cpu_subsections[] = {
	&vfp_desc,
	&thumb2ee_desc,
	&irq_line_desc,
	NULL,
};

static bool cpu_pre_save(void *opaque, struct vms_out *out)
{
	if (!((struct arm_cpu *)opaque)->cpregs)
		return vms_out_fail(out, "cpu has no cp-register list to save");
	return true;
}

const struct vms_desc arm_cpu_vmstate = {
	.name = "cpu",
	.version_id = 22,
	.minimum_version_id = 22,
	VMS_FIELDS(cpu_fields),
	.subsections = cpu_subsections,
	.pre_save = cpu_pre_save,
};

static const struct vms_field cpu_common_fields[] = {
	VMS_UINT32("halted", struct arm_cpu, halted),
	VMS_UINT32("interrupt_request", struct arm_cpu, interrupt_request),
};

const struct vms_desc arm_cpu_common_vmstate = {
	.name = "cpu_common",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(cpu_common_fields),
};
