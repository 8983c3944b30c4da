# QEMU `vexpress-a15` (Versatile Express, CoreTile A15x2, cortex-a15):
# build/vexpress-a15/tern.elf and tern.bin (load at 0x80100000,
# linker/vexpress-a15.ld).
#   qemu-system-arm -M vexpress-a15 -cpu cortex-a15 -m 128 -nographic \
#       -audiodev none,id=snd0 -global pl041.audiodev=snd0 \
#       -kernel build/vexpress-a15/tern.elf
FW_CPU := cortex-a15
FW_LDS := linker/vexpress-a15.ld
include board/common/firmware.mk
