# Test guests: bare-metal ARM programs for qemu-system-arm -M virt -cpu
# cortex-a15 and for tern (build/guests/*.elf). They link at 0x40010000
# (tests/guests/guest.ld) with picolibc and the tiny runtime of
# tests/guests/lib (start.S, PL011 stdout, exit() = PSCI SYSTEM_OFF).
#
# Variables are prefixed GUEST_ so they stay apart from the board's build.

GUEST_OUT    ?= build/guests
GUEST_CROSS  ?= arm-none-eabi-
GUEST_CC     := $(GUEST_CROSS)gcc
GUEST_PYTHON ?= python3
GUEST_DIR    := tests/guests

GUEST_ARCH    := -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard -marm
GUEST_CFLAGS  := $(GUEST_ARCH) --specs=picolibc.specs -std=gnu11 -O2 -g \
                 -Wall -Wextra -Werror=implicit-function-declaration \
                 -ffunction-sections -fdata-sections \
                 -I$(GUEST_DIR)/lib -I$(GUEST_OUT) -MMD -MP
GUEST_ASFLAGS := $(GUEST_CFLAGS) -D__ASSEMBLY__
GUEST_LDFLAGS := $(GUEST_ARCH) --specs=picolibc.specs -nostartfiles \
                 -T$(GUEST_DIR)/guest.ld -Wl,--gc-sections \
                 -DPICOLIBC_INTEGER_PRINTF_SCANF

guest-lib-objs := $(GUEST_OUT)/obj/lib/start.o $(GUEST_OUT)/obj/lib/runtime.o

guest-names := regfill counter demo
guest-elfs  := $(patsubst %,$(GUEST_OUT)/%.elf,$(guest-names))

# one line a guest: its objects (the runtime is added to each)
$(GUEST_OUT)/regfill.elf: $(GUEST_OUT)/obj/regfill.o
$(GUEST_OUT)/counter.elf: $(GUEST_OUT)/obj/counter.o
$(GUEST_OUT)/demo.elf: $(GUEST_OUT)/obj/demo.o

# counter keeps its marker in r5 (a global register variable)
$(GUEST_OUT)/obj/counter.o: GUEST_EXTRA := -ffixed-r5

# regfill's values come from the Python file the tests import
$(GUEST_OUT)/regfill_values.h: $(GUEST_DIR)/regfill_values.py
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(GUEST_PYTHON) $< > $@.tmp && mv $@.tmp $@
$(GUEST_OUT)/obj/regfill.o: $(GUEST_OUT)/regfill_values.h

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_EXTRA) -c $< -o $@

$(GUEST_OUT)/obj/%.o: $(GUEST_DIR)/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $@")
	$(Q)$(GUEST_CC) $(GUEST_ASFLAGS) $(GUEST_EXTRA) -c $< -o $@

$(guest-elfs): $(GUEST_OUT)/%.elf: $(guest-lib-objs) $(GUEST_DIR)/guest.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(GUEST_CC) $(GUEST_LDFLAGS) -o $@ $(filter %.o,$^) -Wl,-Map,$(@:.elf=.map)

guests: $(guest-elfs)

-include $(wildcard $(GUEST_OUT)/obj/*.d $(GUEST_OUT)/obj/lib/*.d)

# tern run's guests (tests/qemu/test_run.py): same output under tern and QEMU
guest-run-names := run_hello run_malloc run_setjmp run_timer run_wild run_ids run_vfp
guest-run-elfs  := $(patsubst %,$(GUEST_OUT)/%.elf,$(guest-run-names))
$(GUEST_OUT)/run_hello.elf: $(GUEST_OUT)/obj/run_hello.o
$(GUEST_OUT)/run_malloc.elf: $(GUEST_OUT)/obj/run_malloc.o
$(GUEST_OUT)/run_setjmp.elf: $(GUEST_OUT)/obj/run_setjmp.o
$(GUEST_OUT)/run_timer.elf: $(GUEST_OUT)/obj/run_timer.o
$(GUEST_OUT)/run_wild.elf: $(GUEST_OUT)/obj/run_wild.o
$(GUEST_OUT)/run_ids.elf: $(GUEST_OUT)/obj/run_ids.o
$(GUEST_OUT)/run_vfp.elf: $(GUEST_OUT)/obj/run_vfp.o
$(guest-run-elfs): $(GUEST_OUT)/%.elf: $(guest-lib-objs) $(GUEST_DIR)/guest.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(GUEST_CC) $(GUEST_LDFLAGS) -o $@ $(filter %.o,$^) -Wl,-Map,$(@:.elf=.map)
guests: $(guest-run-elfs)

# --- g_* guests (tests/qemu/test_guests_vs_qemu.py) ---------------------------
# Each tests/guests/g_NAME.c is built four ways: with picolibc (the runtime
# of tests/guests/lib) and with newlib (tests/guests/newlib/syscalls.c and
# the same lib/start.S), as ARM and as Thumb-2 code:
# build/guests/g_NAME_{picolibc,newlib}_{arm,thumb}.elf. g_softfloat is
# g_float.c built with -mfloat-abi=soft (soft-float libraries, no VFP code);
# everything else is hard float for -mfpu=neon-vfpv4.
guest-g-names   := int string malloc setjmp float softfloat exc mmu irq
guest-g-libcs   := picolibc newlib
guest-g-isas    := arm thumb
guest-g-src-softfloat := float
guest-g-fabi-softfloat := soft

GUEST_G_CFLAGS   := -std=gnu11 -O2 -g -Wall -Wextra -Werror=implicit-function-declaration \
                    -ffunction-sections -fdata-sections -I$(GUEST_DIR)/lib -MMD -MP
GUEST_G_hard     := -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard
GUEST_G_soft     := -mcpu=cortex-a15 -mfloat-abi=soft
GUEST_G_picolibc := --specs=picolibc.specs
# newlib's inttypes.h needs newlib's stdint.h, which gcc's own (first in the
# search path) hides: put newlib's headers first
# (asked of the compiler once, and only when a newlib guest is built)
GUEST_G_newlib    = $(eval GUEST_G_newlib := -isystem $(abspath $(dir $(shell \
                    $(GUEST_CC) -print-file-name=libc.a 2>/dev/null))../include))$(GUEST_G_newlib)
GUEST_G_LDFLAGS  := -nostartfiles -T$(GUEST_DIR)/guest.ld -Wl,--gc-sections
guest-g-rt-picolibc := $(GUEST_DIR)/lib/runtime.c
guest-g-rt-newlib   := $(GUEST_DIR)/newlib/syscalls.c

# $(call guest-g-rules,NAME,LIBC,ISA): the objects and the ELF of one build
define guest-g-rules
guest-g-$1-$2-$3-fabi := $$(or $$(guest-g-fabi-$1),hard)
guest-g-$1-$2-$3-dir  := $$(GUEST_OUT)/obj/g/$1_$2_$3
guest-g-$1-$2-$3-flags = $$(GUEST_G_$$(guest-g-$1-$2-$3-fabi)) -m$3 $$(GUEST_G_$2) $$(GUEST_G_CFLAGS)
$$(guest-g-$1-$2-$3-dir)/main.o: $$(GUEST_DIR)/g_$$(or $$(guest-g-src-$1),$1).c
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$$(GUEST_CC) $$(guest-g-$1-$2-$3-flags) -c $$< -o $$@
$$(guest-g-$1-$2-$3-dir)/rt.o: $$(guest-g-rt-$2)
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$$(GUEST_CC) $$(guest-g-$1-$2-$3-flags) -c $$< -o $$@
$$(guest-g-$1-$2-$3-dir)/start.o: $$(GUEST_DIR)/lib/start.S
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  AS      $$@")
	$$(Q)$$(GUEST_CC) $$(guest-g-$1-$2-$3-flags) -D__ASSEMBLY__ -c $$< -o $$@
$$(GUEST_OUT)/g_$1_$2_$3.elf: $$(addprefix $$(guest-g-$1-$2-$3-dir)/,start.o rt.o main.o) \
		$$(GUEST_DIR)/guest.ld
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)$$(GUEST_CC) $$(guest-g-$1-$2-$3-flags) $$(GUEST_G_LDFLAGS) -o $$@ \
	    $$(filter %.o,$$^) -lm -Wl,-Map,$$(@:.elf=.map)
guest-g-elfs += $$(GUEST_OUT)/g_$1_$2_$3.elf
endef

guest-g-elfs :=
$(foreach n,$(guest-g-names),$(foreach l,$(guest-g-libcs),$(foreach i,$(guest-g-isas),\
	$(eval $(call guest-g-rules,$n,$l,$i)))))

guests: $(guest-g-elfs)
guests-g: $(guest-g-elfs)
.PHONY: guests-g

-include $(wildcard $(GUEST_OUT)/obj/g/*/*.d)
