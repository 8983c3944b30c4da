objs-y += vmstate/io.o vmstate/engine.o vmstate/json.o vmstate/vmdesc.o \
          vmstate/stream.o
