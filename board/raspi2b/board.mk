# Raspberry Pi 2 model B (BCM2836, 4x cortex-a7): build/raspi2b/tern.elf
# and tern.bin (load at 0x8000, linker/raspi2b.ld), plus the SD card's two
# files: kernel7.img (the raw image, where the GPU firmware loads it) and
# config.txt.
#   qemu-system-arm -M raspi2b -nographic -kernel build/raspi2b/tern.elf
#   qemu-system-arm -M raspi2b -nographic -bios build/raspi2b/kernel7.img
FW_CPU := cortex-a7
FW_LDS := linker/raspi2b.ld
include board/common/firmware.mk

all: $(O)/kernel7.img $(O)/config.txt

$(O)/kernel7.img: $(O)/tern.bin
	@$(if $(Q),echo "  CP      $@")
	$(Q)cp $< $@

$(O)/config.txt: board/raspi2b/config.txt
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CP      $@")
	$(Q)cp $< $@
