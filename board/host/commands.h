/* `tern shell` and `tern uart`: the UART shell on a host, and the host's
 * side of its transfers. */
#ifndef TERN_BOARD_HOST_COMMANDS_H
#define TERN_BOARD_HOST_COMMANDS_H

/* argv: the arguments after the command. Return the exit status. */
int host_shell_main(int argc, char **argv);
int host_uart_main(int argc, char **argv);

#endif
