/* `tern run`: a guest on the interpreter, its UART on stdio. */
#ifndef TERN_BOARD_HOST_RUN_H
#define TERN_BOARD_HOST_RUN_H

/* argv: the arguments after "run". Returns the process's exit status. */
int run_main(int argc, char **argv);

#endif
