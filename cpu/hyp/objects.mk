# cpu/hyp: the world switch, stage 2 and traps (ARM with the Virtualization
# Extensions: firmware boards only, board/common/firmware.mk includes this),
# and kernel/hv.c, the guest loop built on it.
objs-y += cpu/hyp/hyp.o cpu/hyp/hyp_entry.o kernel/hv.o
