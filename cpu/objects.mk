objs-y += cpu/arm_cpu.o cpu/arm_cpu_vmstate.o cpu/cpreg.o cpu/cpreg_a15.o
include cpu/interp/objects.mk
