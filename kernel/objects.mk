# kernel/: generic guest management, snapshots, shell. No board or ISA detail.
objs-y += kernel/snapshot.o kernel/snapshot_tools.o
objs-y += kernel/main.o
