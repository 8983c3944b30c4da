# cpu/interp/: the interpretation core. decode_*.c chain the pattern tables
# of the instruction-class files.
objs-y += $(addprefix cpu/interp/, dispatch.o memory.o exception.o \
	decode_a32.o decode_t32.o a32_dp.o a32_mul.o a32_media.o a32_system.o \
	a32_ldst.o a32_excl.o a32_ldm.o a32_branch.o a32_uncond.o cp15.o vfp.o \
	neon.o t16.o t16_ldst.o t32_dp.o t32_ldst.o)
objs-y += cpu/interp/ldst_ops.o
objs-y += cpu/interp/sys_cpreg.o
objs-y += cpu/interp/timer.o
objs-y += cpu/interp/vfp_dp.o cpu/interp/vfp_fp.o cpu/interp/neon_ldst.o
# No SLP vectorisation: gcc packs the four flag words (nf, zf, cf, vf) of
# every flag-setting handler through SSE registers, slower than four stores.
$(O)/cpu/interp/%.o: CFLAGS += -fno-tree-slp-vectorize
