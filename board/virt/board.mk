# QEMU `virt` (cortex-a15): the tern firmware, build/virt/tern.elf and a raw
# image build/virt/tern.bin of the same bytes (both load at 0x40100000).
#
# picolibc is the C library (printf, string functions). Its multilib for
# these flags is thumb/v7ve+simd/hard, so the firmware uses the hard-float
# ABI; every object in the firmware, libtern.a included, must be built with
# the same ARCH flags. picolibc's code is Thumb-2, tern's is ARM: they
# interwork through BLX, which the linker inserts.
CROSS   ?= arm-none-eabi-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
SIZE    := $(CROSS)size

ARCH := -mcpu=cortex-a15 -marm -mfpu=neon-vfpv4 -mfloat-abi=hard

# -mno-unaligned-access: the MMU is off, all data accesses are
#   Strongly-ordered, and unaligned ones fault there (ARM ARM A3.2.1).
# No -ffreestanding: picolibc is a hosted-style libc, so the compiler may
#   keep its builtins (memcpy, strlen...) and their optimizations.
# -ffunction-sections/-fdata-sections: --gc-sections (picolibc.specs adds
#   it) then drops whatever the firmware does not reach in libtern.a.
CFLAGS  += $(ARCH) --specs=picolibc.specs -mno-unaligned-access \
           -ffunction-sections -fdata-sections -DTERN_FIRMWARE -DTERN_BOARD_VIRT
LDFLAGS += $(ARCH) --specs=picolibc.specs -nostartfiles \
           -Llinker -Tlinker/virt.ld -Wl,--gc-sections \
           -Wl,-Map=$(O)/tern.map

TARGET  := $(O)/tern.elf
include board/virt/objects.mk

# `make BOARD=virt` builds the .elf and the .bin: this file's first rule
# would otherwise become the default goal.
.DEFAULT_GOAL := all
all: $(O)/tern.bin

# $$(main-objs): the top Makefile sets it after this file (second expansion).
$(TARGET): $$(main-objs) $(O)/libtern.a linker/tern.ld linker/virt.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(filter %.o %.a,$^)

$(O)/tern.bin: $(TARGET)
	@$(if $(Q),echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)$(SIZE) $<
