# boot/: the firmware boards' entry, vector tables, mode switch, MMU.
# main-y is linked outside libtern.a: nothing refers to _start (the ELF
# entry), and libc, searched after the library, is what refers to stdout.
# The rest is found through references.
main-y += boot/entry.o boot/vectors.o boot/stdio.o
objs-y += boot/fault.o boot/cpu_info.o boot/secure.o boot/mmu.o boot/smp.o
