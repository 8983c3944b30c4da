# raspi2b's own objects: its description and the BCM2836 local interrupt
# controller's set-up.
objs-y += board/raspi2b/board.o
