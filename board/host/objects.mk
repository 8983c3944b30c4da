objs-y += board/host/file.o
