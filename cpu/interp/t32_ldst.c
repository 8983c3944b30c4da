/*
 * Pattern tables not written yet: their encodings decode as UNDEFINED.
 */
#include "cpu/interp/a32.h"

INTERP_EMPTY_TABLE(t32_ldst);
INTERP_EMPTY_TABLE(t32_ldm);
INTERP_EMPTY_TABLE(t32_excl);
