# Host unit tests: tests/unit/test_<module>.c, one binary each, linked with
# the library objects and cmocka. Built by `make test` with ASan+UBSan.
unit-srcs := $(wildcard tests/unit/test_*.c)
unit-bins := $(patsubst tests/unit/%.c,$(O)/unit/%,$(unit-srcs))

$(O)/unit/%: tests/unit/%.c $(O)/libtern.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $< $(O)/libtern.a -lcmocka $(LDLIBS) -o $@

-include $(unit-bins:=.d)

unit-test: $(unit-bins)
	$(Q)set -e; for t in $(unit-bins); do echo "== $$t"; $$t; done

# the device trees of test_fdt are made with libfdt
$(O)/unit/test_fdt: LDLIBS += -lfdt
