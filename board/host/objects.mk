main-y += board/host/file.o board/host/bench.o
main-y += board/host/run.o
main-y += board/host/shell.o board/host/uart.o
