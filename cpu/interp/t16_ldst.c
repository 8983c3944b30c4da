/*
 * Pattern tables not written yet: their encodings decode as UNDEFINED.
 */
#include "cpu/interp/a32.h"

INTERP_EMPTY_TABLE(t16_ldst);
