# Shared by the firmware boards: kernel/board.h on a struct fw_board, the
# PL011 console, the GICv2 (virt and vexpress-a15 use it; raspi2b has none,
# and --gc-sections drops it there).
objs-y += board/common/fw_board.o board/common/pl011_uart.o board/common/gicv2.o
