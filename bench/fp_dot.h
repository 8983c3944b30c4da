/* The NEON auto-vectorisation part of bench fp (fp_dot.c, built -O3). */
#ifndef FP_DOT_H
#define FP_DOT_H

#include <stdint.h>

void fp_dot_init(void);
uint32_t fp_dot_run(int round);

#endif
