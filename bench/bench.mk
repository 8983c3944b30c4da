# `make bench`: benchmarks, reported by `tern bench` and the harness.
bench:
	$(Q)$(MAKE) --no-print-directory BOARD=host
	$(Q)build/host/tern bench
