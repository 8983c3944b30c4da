# tern: top-level build.
#   make                  host build (BOARD=host): build/host/tern
#   make BOARD=virt       firmware for QEMU virt: build/virt/tern.elf and .bin
#   make run              firmware under qemu-system-arm, UART on this terminal
#   make test             unit tests (ASan+UBSan), firmware, QEMU tests
#   make bench            benchmarks (guest MIPS, snapshot throughput,
#                         hypervisor costs; `make bench-hyp`: those alone)
#
# Each folder lists its objects in objects.mk; each board is a folder with a
# board.mk that picks the compiler and the board's own objects.

BOARD ?= host
# FW_INTERP=1: a firmware image with the interpreter in it too, for boots
# without HYP (docs/shell.md); it builds apart, in build/<board>-interp.
O     ?= build/$(BOARD)$(if $(filter 1,$(FW_INTERP)),-interp)
SAN   ?= 0
V     ?= 0
Q     := $(if $(filter 1,$(V)),,@)

ifeq ($(wildcard board/$(BOARD)/board.mk),)
$(error BOARD=$(BOARD): no such board (have: $(notdir $(wildcard board/*))))
endif

WARN   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wno-unused-parameter -Werror=implicit-function-declaration
CFLAGS := -std=c11 -O2 -g $(WARN) -I. -MMD -MP
ASFLAGS = $(CFLAGS) -D__ASSEMBLY__

objs-y :=
main-y :=
.SECONDEXPANSION:
include board/$(BOARD)/board.mk
include vmstate/objects.mk cpu/objects.mk kernel/objects.mk

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

objs   := $(addprefix $(O)/,$(objs-y))
main-objs := $(addprefix $(O)/,$(main-y))

.PHONY: all clean run test unit-test qemu-test bench setup guests firmware
all: $(TARGET)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $@")
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# The flags an object was built with are one of its inputs: a change of
# them (SAN=1, HV_SLICE_US=..., a board's CFLAGS) rebuilds what they
# compile. $(O)/cflags holds the last ones and changes only when they do.
$(O)/cflags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
$(objs) $(main-objs): $(O)/cflags
.PHONY: FORCE

$(O)/libtern.a: $(objs)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

-include $(objs:.o=.d) $(main-objs:.o=.d)
include tests/guests/guests.mk
include tests/unit/unit.mk
include tests/difftest/difftest.mk
include tests/fuzz/fuzz.mk
include bench/bench.mk

setup:
	$(Q)tools/setup

# --- the README's two commands -------------------------------------------
# The firmware with DEMO_GUESTS (build/guests/NAME.elf, the ELF files
# `tern run` runs too) in its image slots, 4 MiB apart from 0x41000000
# (docs/hypervisor.md): they start at boot, their lines on the one UART.
DEMO_GUESTS ?= demo demo
run: setup
	$(Q)$(MAKE) --no-print-directory BOARD=virt
	$(Q)$(MAKE) --no-print-directory $(DEMO_GUESTS:%=build/guests/%.elf)
	$(Q)echo "tern: QEMU with guests: $(DEMO_GUESTS) (shell prompt: Enter; quit: Ctrl-A X)" >&2
	$(Q)set --; slot=$$((0x41000000)); \
	for g in $(DEMO_GUESTS); do \
	    set -- "$$@" -device loader,file=build/guests/$$g.elf,addr=$$slot,force-raw=on; \
	    slot=$$((slot + 0x400000)); \
	done; \
	exec qemu-system-arm -M virt,virtualization=on -cpu cortex-a15 -m 256 -nographic \
	    -kernel build/virt/tern.elf "$$@"

PYTEST ?= /usr/bin/python3 -m pytest
test: setup
	$(Q)$(MAKE) --no-print-directory BOARD=host SAN=1 O=build/test unit-test build/test/tern build/test/truncate
	$(Q)$(MAKE) --no-print-directory BOARD=virt
	$(Q)$(MAKE) --no-print-directory BOARD=virt FW_INTERP=1
	$(Q)$(MAKE) --no-print-directory BOARD=vexpress-a15
	$(Q)$(MAKE) --no-print-directory BOARD=raspi2b
	$(Q)$(MAKE) --no-print-directory guests
	$(Q)TERN=$(CURDIR)/build/test/tern TERN_TRUNCATE=$(CURDIR)/build/test/truncate \
	    TERN_FIRMWARE=$(CURDIR)/build/virt/tern.elf \
	    TERN_FIRMWARE_INTERP=$(CURDIR)/build/virt-interp/tern.elf \
	    GUESTS=$(CURDIR)/build/guests $(PYTEST) -q -p no:cacheprovider tests/qemu

clean:
	rm -rf build
