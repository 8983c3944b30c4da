/*
 * The UART shell on the firmware's console, over the hypervisor's guests
 * (kernel/fw_shell.c; docs/shell.md).
 */
#ifndef TERN_KERNEL_FW_SHELL_H
#define TERN_KERNEL_FW_SHELL_H

#include <stdbool.h>

struct guests_exec;

/* From kernel_main(): starts the guests the loader slots hold on `exec`
 * (the hypervisor's in Hyp mode, `hyp`; else the interpreter's), then
 * runs the shell for good. Returns at once, saying nothing, when the board
 * has no hv_platform. */
void fw_shell_main(const struct guests_exec *exec, bool hyp);

#endif
