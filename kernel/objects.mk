# kernel/: generic guest management, snapshots, shell. No board or ISA detail.
objs-y += kernel/snapshot.o kernel/snapshot_tools.o
objs-y += kernel/main.o
objs-y += kernel/vm.o kernel/elf.o kernel/fdt.o kernel/dev_pl011.o kernel/dev_gic.o kernel/psci.o
# the UART shell: guests, restore, text frames, YMODEM
objs-y += kernel/shell.o kernel/guests.o kernel/guests_interp.o kernel/restore.o
objs-y += kernel/snapshot_write.o
objs-y += kernel/frame.o kernel/ymodem.o kernel/base64.o kernel/crc.o
