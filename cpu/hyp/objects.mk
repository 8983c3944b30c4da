# cpu/hyp: the world switch, stage 2 and traps (ARM with the Virtualization
# Extensions: firmware boards only, board/common/firmware.mk includes this),
# and kernel/hv.c, the guest loop built on it (cpu/hyp/vgic.c: the GIC's
# list registers), with its executor for the guest table
# (kernel/guests_hyp.c) and the shell on the console over it.
objs-y += cpu/hyp/hyp.o cpu/hyp/hyp_entry.o cpu/hyp/vgic.o kernel/hv.o
objs-y += kernel/guests_hyp.o kernel/fw_shell.o
