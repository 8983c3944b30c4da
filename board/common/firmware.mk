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
# libtern.a included, must be built with the same ARCH flags. picolibc's
# code is Thumb-2, tern's is ARM: they interwork through BLX, which the
# linker inserts.
CROSS   ?= arm-none-eabi-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
SIZE    := $(CROSS)size

ARCH := -mcpu=$(FW_CPU) -marm -mfpu=neon-vfpv4 -mfloat-abi=hard

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

# The UART shell and what it carries (transfers, snapshots, the VMState
# engine, cp-register tables) run at a person's pace, not on a guest's
# trap path, and the boot's C code (fault report, secure set-up, CPU
# report, kernel_main) runs once: Thumb-2 and -Os for them keep the image
# small (they interwork with the ARM code through BLX, as picolibc does);
# the world switch, the traps and the device models stay ARM (below).
# printf is picolibc's
# integer variant (it has long long): nothing in the firmware prints a
# float.
FW_SMALL := kernel/shell kernel/guests kernel/fw_shell kernel/restore \
            kernel/frame kernel/ymodem kernel/base64 kernel/crc kernel/elf \
            kernel/snapshot kernel/snapshot_write kernel/guests_hyp \
            cpu/arm_cpu_vmstate cpu/arm_cpu cpu/cpreg cpu/cpreg_a15 \
            boot/fault boot/cpu_info boot/secure boot/smp \
            kernel/main board/$(BOARD)/board
$(FW_SMALL:%=$(O)/%.o) $(O)/vmstate/%.o: CFLAGS += -Os -mthumb

# The trap paths' other objects stay ARM but are built -Os: measured with
# `make bench-hyp`, every event then takes fewer instructions than at -O2
# (null HVC 134 -> 131, full switch 708 -> 693, PL011 byte 263 -> 261),
# where Thumb-2 cost a few more. kernel/hv.c stays -O2: -Os there costs
# the null HVC one instruction. boot/mmu.c too is ARM -Os: its loop fills
# the MMU tables at boot, which Thumb-2 -Os made 9% longer (2% here).
FW_TRAP_OS := kernel/psci kernel/dev_gic kernel/dev_pl011 cpu/hyp/hyp \
              board/common/pl011_uart board/common/gicv2 board/common/fw_board \
              boot/stdio boot/mmu
$(FW_TRAP_OS:%=$(O)/%.o): CFLAGS += -Os

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
