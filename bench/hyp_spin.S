/*
 * Hypervisor bench guest: a branch to itself, nothing else. Two of them
 * give tern's full world switch at each slice end, with no VFP state and
 * no trap in between (docs/bench.md, "Hypervisor").
 */
	.syntax unified
	.arm

	.section .text.start, "ax"
	.global _start
_start:
	b	_start
