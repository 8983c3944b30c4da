# `make bench`: benchmarks, reported by `tern bench` and the harness.
#
# 1. `tern bench`: snapshot throughput (board/host/bench.c).
# 2. bench/run_bench.py: the guests of bench/ run on qemu-system-arm
#    -M virt -cpu cortex-a15 and on `tern run`, same binary; prints guest
#    MIPS and the ratio tern/QEMU (docs/bench.md).
# 3. bench/run_hyp_bench.py (`make bench-hyp` alone): the firmware's
#    hypervisor on -M virt,virtualization=on: tern's instructions per trap
#    and per world switch, image sizes, boot time (docs/bench.md).
#
# The guests use the runtime objects of the test guests (tests/guests) and
# bench/bench.ld (writable data on pages of its own), with their own flags.
# Variables are prefixed BENCH_ so they stay apart from the board's build.
#   make bench                      everything
#   make bench-guests               only build build/bench/*.elf
#   make bench-expect               checksums of the host build of each guest
#   make bench BENCH_ARGS='--only int --repeat 5'   options of the harness
#   make bench-hyp                  only the hypervisor figures (~10 s)
#   make bench-hyp BENCH_HYP_ARGS='--json hyp.json'

BENCH_OUT    ?= build/bench
BENCH_DIR    := bench
BENCH_PYTHON ?= /usr/bin/python3
BENCH_ARGS   ?=
BENCH_HYP_ARGS ?=
BENCH_HOSTCC ?= cc

BENCH_ARCH   := -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard
BENCH_CFLAGS := $(BENCH_ARCH) --specs=picolibc.specs -std=gnu11 -O2 -g \
                -Wall -Wextra -Werror=implicit-function-declaration \
                -ffunction-sections -fdata-sections \
                -I$(BENCH_DIR) -I$(GUEST_DIR)/lib -MMD -MP
BENCH_LDFLAGS := $(BENCH_ARCH) --specs=picolibc.specs -nostartfiles \
                 -T$(BENCH_DIR)/bench.ld -Wl,--gc-sections

# name: the guest (empty is the start-up baseline the harness subtracts)
bench-names := empty int int-thumb mem fp
bench-elfs  := $(patsubst %,$(BENCH_OUT)/%.elf,$(bench-names))

$(BENCH_OUT)/empty.elf:     $(BENCH_OUT)/obj/empty.o
$(BENCH_OUT)/int.elf:       $(BENCH_OUT)/obj/int.o
$(BENCH_OUT)/int-thumb.elf: $(BENCH_OUT)/obj/int-thumb.o
$(BENCH_OUT)/mem.elf:       $(BENCH_OUT)/obj/mem.o
$(BENCH_OUT)/fp.elf:        $(BENCH_OUT)/obj/fp.o $(BENCH_OUT)/obj/fp_dot.o

# A32 unless said otherwise; int-thumb is int.c as Thumb-2
BENCH_MODE := -marm
$(BENCH_OUT)/obj/int-thumb.o: BENCH_MODE := -mthumb
# the dot products are there for NEON auto-vectorisation: -O3, and
# -ffast-math so gcc may reassociate float sums (the values keep them exact)
$(BENCH_OUT)/obj/fp_dot.o: BENCH_EXTRA := -O3 -ffast-math
# no fusing of a*b+c behind the source's back (bench/fp.c says why)
$(BENCH_OUT)/obj/fp.o: BENCH_EXTRA := -ffp-contract=off

$(BENCH_OUT)/obj/int-thumb.o: $(BENCH_DIR)/int.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(GUEST_CC) $(BENCH_CFLAGS) $(BENCH_MODE) $(BENCH_EXTRA) -c $< -o $@

$(BENCH_OUT)/obj/%.o: $(BENCH_DIR)/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(GUEST_CC) $(BENCH_CFLAGS) $(BENCH_MODE) $(BENCH_EXTRA) -c $< -o $@

$(bench-elfs): $(BENCH_OUT)/%.elf: $(guest-lib-objs) $(BENCH_DIR)/bench.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(GUEST_CC) $(BENCH_LDFLAGS) -o $@ $(filter %.o,$^) -Wl,-Map,$(@:.elf=.map)

-include $(wildcard $(BENCH_OUT)/obj/*.d)

.PHONY: bench-guests bench-expect
bench-guests: $(bench-elfs)

# The guests' compiled-in checksums come from this (see bench/bench.h).
bench-expect:
	@mkdir -p $(BENCH_OUT)/host
	$(Q)for g in int mem; do \
	    $(BENCH_HOSTCC) -O2 -DBENCH_HOST -I$(BENCH_DIR) $(BENCH_DIR)/$$g.c \
	        -o $(BENCH_OUT)/host/$$g && $(BENCH_OUT)/host/$$g || exit 1; done
	$(Q)$(BENCH_HOSTCC) -O2 -DBENCH_HOST -I$(BENCH_DIR) $(BENCH_DIR)/fp.c \
	    $(BENCH_DIR)/fp_dot.c -o $(BENCH_OUT)/host/fp -lm && $(BENCH_OUT)/host/fp

bench:
	$(Q)$(MAKE) --no-print-directory BOARD=host
	$(Q)build/host/tern bench
	$(Q)$(MAKE) --no-print-directory bench-guests
	$(Q)$(BENCH_PYTHON) $(BENCH_DIR)/run_bench.py --tern build/host/tern \
	    --guests $(BENCH_OUT) $(BENCH_ARGS)
	@echo
	$(Q)$(MAKE) --no-print-directory bench-hyp

# --- hypervisor figures (bench/run_hyp_bench.py, docs/bench.md) ---------
# Guests in assembly, no runtime: every instruction they execute between
# two traps is one of the loop's.
bench-hyp-names := hyp_hvc hyp_spin hyp_vfp hyp_uart hyp_pmu
bench-hyp-elfs  := $(patsubst %,$(BENCH_OUT)/%.elf,$(bench-hyp-names))

$(bench-hyp-elfs): $(BENCH_OUT)/%.elf: $(BENCH_DIR)/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $@")
	$(Q)$(GUEST_CC) -mcpu=cortex-a15 -marm -nostdlib -nostartfiles \
	    -Wl,-Ttext=0x40010000 -Wl,--build-id=none -o $@ $<

bench-guests: $(bench-hyp-elfs)

.PHONY: bench-hyp
bench-hyp: $(bench-hyp-elfs)
	$(Q)$(MAKE) --no-print-directory BOARD=virt
	$(Q)$(MAKE) --no-print-directory BOARD=vexpress-a15
	$(Q)$(MAKE) --no-print-directory BOARD=raspi2b
	$(Q)$(BENCH_PYTHON) $(BENCH_DIR)/run_hyp_bench.py --firmware build/virt/tern.elf \
	    --guests $(BENCH_OUT) $(BENCH_HYP_ARGS)
