/*
 * VMState descriptions of struct arm_cpu: QEMU 7.2's "cpu" section
 * (version 22, cortex-a15, AArch32) and "cpu_common" (version 1).
 */
#ifndef TERN_CPU_ARM_CPU_VMSTATE_H
#define TERN_CPU_ARM_CPU_VMSTATE_H

#include "vmstate/vmstate.h"

extern const struct vms_desc arm_cpu_vmstate;
extern const struct vms_desc arm_cpu_common_vmstate;

#endif
