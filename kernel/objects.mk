# kernel/: generic guest management, snapshots, shell. No board or ISA detail.
objs-y += kernel/snapshot.o kernel/snapshot_tools.o
objs-y += kernel/main.o
objs-y += kernel/vm.o kernel/elf.o kernel/dev_pl011.o kernel/dev_gic.o kernel/psci.o
