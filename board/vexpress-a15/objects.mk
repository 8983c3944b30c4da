# vexpress-a15's own objects: its description and interrupt controller set-up.
objs-y += board/vexpress-a15/board.o
