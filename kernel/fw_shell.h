/*
 * The UART shell on the firmware's console, over the hypervisor's guests
 * (kernel/fw_shell.c; docs/shell.md).
 */
#ifndef TERN_KERNEL_FW_SHELL_H
#define TERN_KERNEL_FW_SHELL_H

/* From kernel_main() in Hyp mode: starts the guests the loader slots hold,
 * then runs the shell for good. Returns at once, saying nothing, when the
 * board has no hv_platform. */
void fw_shell_main(void);

#endif
