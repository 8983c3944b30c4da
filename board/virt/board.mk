# QEMU `virt` (cortex-a15): build/virt/tern.elf and the raw image
# build/virt/tern.bin (both load at 0x40100000, linker/virt.ld).
#   qemu-system-arm -M virt[,virtualization=on][,secure=on] -cpu cortex-a15 \
#       -m 128 -nographic -kernel build/virt/tern.elf
FW_CPU := cortex-a15
FW_LDS := linker/virt.ld
include board/common/firmware.mk
