/*
 * Pattern tables not written yet: their encodings decode as UNDEFINED.
 */
#include "cpu/interp/a32.h"

INTERP_EMPTY_TABLE(a32_cp);
INTERP_EMPTY_TABLE(t32_cp);
