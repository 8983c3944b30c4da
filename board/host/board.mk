# The host "board": tern as a Linux program. Its UART is stdio, its CPU
# backend the interpreter; it also carries the command line (main.c).
CC      ?= cc
AR      ?= ar
CFLAGS  += -D_DEFAULT_SOURCE -DTERN_HOST
LDLIBS  += -lm
TARGET  := $(O)/tern
main-y  += board/host/main.o
include board/host/objects.mk

$(TARGET): $$(main-objs) $(O)/libtern.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
