/*
 * PSCI over HVC #0 as QEMU 7.2's -M virt implements it for one AArch32 CPU
 * (target/arm/psci.c; values checked against qemu-system-arm): version 1.1,
 * every HVC is a PSCI call whatever its immediate, unknown functions and
 * SMC64 function IDs return NOT_SUPPORTED.
 */
#ifndef TERN_KERNEL_PSCI_H
#define TERN_KERNEL_PSCI_H

#include "cpu/arm_cpu.h"

/* Function IDs (PSCI 0.2 SMC32, PSCI 0.1 as QEMU numbers them). */
#define PSCI_0_2_FN_BASE           0x84000000u
#define PSCI_FN_VERSION            0x84000000u
#define PSCI_FN_CPU_SUSPEND        0x84000001u
#define PSCI_FN_CPU_OFF            0x84000002u
#define PSCI_FN_CPU_ON             0x84000003u
#define PSCI_FN_AFFINITY_INFO      0x84000004u
#define PSCI_FN_MIGRATE            0x84000005u
#define PSCI_FN_MIGRATE_INFO_TYPE  0x84000006u
#define PSCI_FN_MIGRATE_INFO_UP_CPU 0x84000007u
#define PSCI_FN_SYSTEM_OFF         0x84000008u
#define PSCI_FN_SYSTEM_RESET       0x84000009u
#define PSCI_FN_FEATURES           0x8400000au
#define PSCI_FN64_BIT              0x40000000u
#define PSCI_0_1_FN_CPU_SUSPEND    0x95c1ba5eu
#define PSCI_0_1_FN_CPU_OFF        0x95c1ba5fu
#define PSCI_0_1_FN_CPU_ON         0x95c1ba60u
#define PSCI_0_1_FN_MIGRATE        0x95c1ba61u

#define PSCI_VERSION_1_1           0x00010001u

/* Return codes (PSCI spec 5.2.2). */
#define PSCI_RET_SUCCESS           0
#define PSCI_RET_NOT_SUPPORTED     (-1)
#define PSCI_RET_INVALID_PARAMS    (-2)
#define PSCI_RET_DENIED            (-3)
#define PSCI_RET_ALREADY_ON        (-4)

/* What the caller (the VM's run loop) must do after the call. */
enum psci_action {
	PSCI_CONTINUE,     /* r0 holds the result; resume the guest */
	PSCI_WAIT,         /* CPU_SUSPEND: r0 = 0, then as WFI */
	PSCI_CPU_OFF,      /* the only CPU switched itself off */
	PSCI_SYSTEM_OFF,
	PSCI_SYSTEM_RESET,
};

/* Handle the call in r0 (arguments r1-r3) of `cpu`; writes the result to
 * r0 where the call returns. */
enum psci_action psci_call(struct arm_cpu *cpu);

#endif
