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

guest-names := regfill counter
guest-elfs  := $(patsubst %,$(GUEST_OUT)/%.elf,$(guest-names))

# one line a guest: its objects (the runtime is added to each)
$(GUEST_OUT)/regfill.elf: $(GUEST_OUT)/obj/regfill.o
$(GUEST_OUT)/counter.elf: $(GUEST_OUT)/obj/counter.o

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
guest-run-names := run_hello run_malloc run_setjmp run_timer
guest-run-elfs  := $(patsubst %,$(GUEST_OUT)/%.elf,$(guest-run-names))
$(GUEST_OUT)/run_hello.elf: $(GUEST_OUT)/obj/run_hello.o
$(GUEST_OUT)/run_malloc.elf: $(GUEST_OUT)/obj/run_malloc.o
$(GUEST_OUT)/run_setjmp.elf: $(GUEST_OUT)/obj/run_setjmp.o
$(GUEST_OUT)/run_timer.elf: $(GUEST_OUT)/obj/run_timer.o
$(guest-run-elfs): $(GUEST_OUT)/%.elf: $(guest-lib-objs) $(GUEST_DIR)/guest.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(GUEST_CC) $(GUEST_LDFLAGS) -o $@ $(filter %.o,$^) -Wl,-Map,$(@:.elf=.map)
guests: $(guest-run-elfs)
