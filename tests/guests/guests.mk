# Test guests: bare-metal ARM programs for QEMU and tern (build/guests/).
guests:
	@true
