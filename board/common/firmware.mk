# The firmware build shared by virt, vexpress-a15 and raspi2b. A board's
# board.mk sets these, then includes this file:
#   FW_CPU   -mcpu for the board's core
#   FW_LDS   its linker fragment (linker/<board>.ld, which includes tern.ld)
# and gets build/<board>/tern.elf and tern.bin, the same bytes as a raw
# image that starts at the entry point (linker/tern.ld).
#
# picolibc is the C library (printf, string functions). Its multilib for
# these flags is thumb/v7ve+simd/hard, for cortex-a15 and cortex-a7 alike,
# so the firmware uses the hard-float ABI; every object in the firmware,
# libtern.a included, must be built with the same ARCH flags. tern's C is
# Thumb-2 too; the vectors and the world switch (boot/*.S, cpu/hyp/*.S)
# are ARM, as exceptions are taken to Hyp in ARM state (HSCTLR.TE = 0):
# they interwork with the C through BLX, which the linker inserts.
CROSS   ?= arm-none-eabi-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
SIZE    := $(CROSS)size

ARCH := -mcpu=$(FW_CPU) -mthumb -mfpu=neon-vfpv4 -mfloat-abi=hard

# -mno-unaligned-access: until boot_mmu_enable() the MMU is off, all data
#   accesses are Strongly-ordered, and unaligned ones fault there (ARM ARM
#   A3.2.1). The boot code's C runs then.
# No -ffreestanding: picolibc is a hosted-style libc, so the compiler may
#   keep its builtins (memcpy, strlen...) and their optimizations.
# -ffunction-sections/-fdata-sections: --gc-sections (picolibc.specs adds
#   it) then drops whatever the firmware does not reach in libtern.a.
CFLAGS  += $(ARCH) --specs=picolibc.specs -mno-unaligned-access \
           -ffunction-sections -fdata-sections -DTERN_FIRMWARE
LDFLAGS += $(ARCH) --specs=picolibc.specs -DPICOLIBC_INTEGER_PRINTF_SCANF -nostartfiles \
           -Llinker -T$(FW_LDS) -Wl,--gc-sections \
           -Wl,-Map=$(O)/tern.map

# All of tern's C is -Os. Measured with `make bench-hyp` against the
# earlier split (the trap paths ARM, kernel/hv.c -O2, the rest Thumb-2
# -Os): the image 8.2 KB smaller, and every event within a few
# instructions either way (null HVC 131 -> 129, full switch 575 -> 578,
# PL011 byte 261 -> 272). The interpreter of an FW_INTERP image is the
# exception: it is a guest's every instruction, so -O2 as on the host.
CFLAGS += -Os
$(O)/cpu/interp/%.o: CFLAGS += -O2

# Link-time optimization over all of it: what one file calls once in
# another is merged into its caller. The asm's entry points into C and
# the C symbols it uses stay: the linker tells GCC what the non-LTO
# objects (boot/*.S, cpu/hyp/*.S, libc) refer to. The entry points of
# the layers (hyp_vcpu_put, psci_call, pl011_write...) stay functions
# of their own (`noinline` there): QEMU's exec log, which `make
# bench-hyp` counts, names the cost of each. Measured: the image 1.6 KB
# smaller (virt 66,760 -> 65,156), null HVC 130 -> 138, full switch
# 550 -> 545, PL011 byte 273 -> 247.
CFLAGS  += -flto
LDFLAGS += -Os -flto=auto

# HV_SLICE_US=N: the hypervisor's time slice, in microseconds (10000 if
# not given; kernel/hv.h).
ifdef HV_SLICE_US
CFLAGS  += -DHV_SLICE_US=$(HV_SLICE_US)u
endif

# FW_INTERP=1 (the top Makefile puts it in build/<board>-interp): where
# tern finds no HYP, the interpreter runs the guests (kernel/main.c).
# Its code cache (predecoded pages, ~50 KiB each) comes from the heap,
# which the shell's buffers share: 64 pages, not the host's 256.
ifeq ($(FW_INTERP),1)
CFLAGS  += -DTERN_FW_INTERP -DINTERP_CODE_PAGES=64
endif

TARGET  := $(O)/tern.elf
include boot/objects.mk board/common/objects.mk cpu/hyp/objects.mk \
        board/$(BOARD)/objects.mk

# `make BOARD=<board>` builds the .elf and the .bin: this file's first
# rule would otherwise become the default goal.
.DEFAULT_GOAL := all
all: $(O)/tern.bin

# $$(main-objs): the top Makefile sets it after this file (second expansion).
$(TARGET): $$(main-objs) $(O)/libtern.a linker/tern.ld $(FW_LDS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^)

# The image size is what a board's loader copies; the goal for the
# finished hypervisor is under 64 KiB.
$(O)/tern.bin: $(TARGET)
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)$(SIZE) $<
	@echo "  IMAGE   $@: $$(wc -c < $@) bytes (goal: < 65536)"
