/*
 * Hypervisor bench guest: PSCI_VERSION over HVC, forever (docs/bench.md,
 * "Hypervisor"). Each round trip is one null HVC for tern; alone on the
 * firmware it also gives the slice ends where the same guest goes on.
 */
	.syntax unified
	.arm
	.arch armv7ve

	.section .text.start, "ax"
	.global _start
_start:
	ldr	r0, =0x84000000		@ PSCI_VERSION (ARM DEN 0022D, 5.1.1)
	hvc	#0
	b	_start
