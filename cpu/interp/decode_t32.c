/*
 * T32 (Thumb-2) decoding. The 16-bit and 32-bit encodings are separate
 * tables; handlers are shared with A32 where the operation is the same.
 * Encodings not yet in a table decode as UNDEFINED.
 */
#include "cpu/interp/a32.h"

struct t32_table {
	const struct interp_pattern *patterns;
	const unsigned *count;
};

#define T(name) { name##_patterns, &name##_npatterns }
static const struct t32_table t16_tables[] = {
	T(t16_alu), T(t16_ldst), T(t16_misc), T(t16_branch),
};
static const struct t32_table t32_tables[] = {
	T(t32_dp), T(t32_misc), T(t32_branch), T(t32_ldst), T(t32_ldm), T(t32_excl), T(t32_cp), T(t32_vfp), T(t32_neon),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool decode_tables(const struct t32_table *t, unsigned n,
			  struct interp_insn *in, uint32_t raw)
{
	for (unsigned i = 0; i < n; i++)
		if (interp_decode_table(t[i].patterns, *t[i].count, in, raw))
			return true;
	return false;
}

unsigned interp_decode_t32(struct interp_insn *in, uint16_t hw1, uint16_t hw2)
{
	bool wide = (hw1 >> 11) >= 0x1d;
	uint32_t raw = wide ? (uint32_t)hw1 << 16 | hw2 : hw1;
	memset(in, 0, sizeof(*in));
	in->raw = raw;
	in->step = wide ? 2 : 1;
	in->cond = 14;
	in->exec = interp_exec_undef;
	if (wide)
		decode_tables(t32_tables, N(t32_tables), in, raw);
	else
		decode_tables(t16_tables, N(t16_tables), in, raw);
	in->fn = in->cond >= 14 ? in->exec : interp_exec_cond;
	return wide ? 4 : 2;
}
