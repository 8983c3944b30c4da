main-y += board/host/file.o board/host/bench.o
main-y += board/host/run.o
