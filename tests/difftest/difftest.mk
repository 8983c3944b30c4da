# `make difftest`: the differential tester (tests/difftest, docs/difftest.md).
# The same instruction sequences (random A32/T32, VFP/NEON once tern runs
# VFP, and windows of gcc's output for the test guests) on qemu-system-arm
# -M virt -cpu cortex-a15 and on `tern run`; any difference fails.
#   make difftest                                   host build, default campaign
#   make BOARD=host SAN=1 O=build/test difftest     with the ASan build
#   make difftest DIFFTEST_ARGS='--seed 7 --cases 400 --batches 10'
# The bounded, seeded campaign of `make test` is tests/qemu/test_difftest.py.
DIFFTEST_PYTHON ?= /usr/bin/python3
DIFFTEST_ARGS   ?=

.PHONY: difftest
difftest: $(O)/tern
	$(Q)$(DIFFTEST_PYTHON) tests/difftest/difftest.py --tern $(O)/tern \
	    --out $(O)/difftest --lift-cache $(O)/difftest-lift $(DIFFTEST_ARGS)
