main-y += board/host/file.o board/host/bench.o
