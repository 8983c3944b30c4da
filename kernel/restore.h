/*
 * Restore: a snapshot_walk() visitor that decodes a whole migration stream
 * (tern's, or one QEMU 7.2 wrote for -M virt -cpu cortex-a15) into a
 * scratch struct vm_state: the RAM block mach-virt.ram into fresh memory,
 * the CPU, the GIC, the PL011 and the virtual clock. Nothing of the guest
 * it is meant for is touched: the caller commits with vm_commit() only
 * when the whole stream checked out, so a damaged or foreign stream leaves
 * the guest exactly as it was.
 *
 * Other RAM blocks (flash, ACPI ROMs) and devices tern does not model
 * (pflash, pl031, PCI, fw_cfg...) are read, checked and left aside.
 */
#ifndef TERN_KERNEL_RESTORE_H
#define TERN_KERNEL_RESTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/snapshot.h"
#include "kernel/vm.h"

struct restore_mem {
	/* `size` bytes of zeroed memory for the guest's RAM, or NULL when
	 * they do not fit (the error then says so). */
	uint8_t *(*ram_alloc)(void *ctx, uint32_t size);
	void *ctx;
};

/*
 * Decode buf[0, len) into *st. False with one line in err; st->ram is then
 * either NULL or memory from ram_alloc the caller gives back (on success
 * too it is the caller's, to commit). The walk's scratch `s` is the same
 * as inspect's.
 */
bool restore_decode(const uint8_t *buf, size_t len, struct vm_state *st,
		    const struct restore_mem *mem,
		    const struct snapshot_scratch *s, struct vms_error *err);

#endif
