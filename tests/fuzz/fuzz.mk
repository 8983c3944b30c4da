# In-process damage checkers: tests/fuzz/<name>.c, one binary each, linked
# with the library like the unit tests (ASan+UBSan with SAN=1):
#   make BOARD=host SAN=1 O=build/test build/test/truncate
#   build/test/truncate STREAM
fuzz-srcs := $(wildcard tests/fuzz/*.c)
fuzz-bins := $(patsubst tests/fuzz/%.c,$(O)/%,$(fuzz-srcs))

$(fuzz-bins): $(O)/%: tests/fuzz/%.c $(O)/libtern.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $< $(O)/libtern.a $(LDLIBS) -o $@

.PHONY: fuzz
fuzz: $(fuzz-bins)
