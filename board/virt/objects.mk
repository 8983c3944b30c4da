# virt's own objects: its description and interrupt controller set-up.
objs-y += board/virt/board.o
