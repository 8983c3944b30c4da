/*
 * run_ids: the identification registers a guest reads (ARM ARM B4.1:
 * MIDR, MPIDR, ID_PFR0/1, ID_DFR0, ID_AFR0, ID_MMFR0-3, ID_ISAR0-5; B1.11:
 * MVFR0/1; the cache and implementation ones: CTR, TCMTR, TLBTR, REVIDR,
 * CLIDR, AIDR, CCSIDR of each cache CSSELR selects). A guest sees a cortex-a15 as QEMU 7.2's -M virt presents it,
 * whatever runs it: the transcript is the same under QEMU, tern run and
 * tern's hypervisor (which answers them from HCR.TID3 traps, VPIDR and
 * VMPIDR, and from HCR.TID1/TID2 traps on a host that is not a
 * cortex-a15).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define CP15(name, op1, crn, crm, op2)					\
	static uint32_t name(void)					\
	{								\
		uint32_t v;						\
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm \
				 ", " #op2 : "=r"(v));			\
		return v;						\
	}

CP15(midr, 0, c0, c0, 0)
CP15(mpidr, 0, c0, c0, 5)
CP15(id_pfr0, 0, c0, c1, 0)
CP15(id_pfr1, 0, c0, c1, 1)
CP15(id_dfr0, 0, c0, c1, 2)
CP15(id_afr0, 0, c0, c1, 3)
CP15(id_mmfr0, 0, c0, c1, 4)
CP15(id_mmfr1, 0, c0, c1, 5)
CP15(id_mmfr2, 0, c0, c1, 6)
CP15(id_mmfr3, 0, c0, c1, 7)
CP15(id_isar0, 0, c0, c2, 0)
CP15(id_isar1, 0, c0, c2, 1)
CP15(id_isar2, 0, c0, c2, 2)
CP15(id_isar3, 0, c0, c2, 3)
CP15(id_isar4, 0, c0, c2, 4)
CP15(id_isar5, 0, c0, c2, 5)
CP15(ctr, 0, c0, c0, 1)
CP15(tcmtr, 0, c0, c0, 2)
CP15(tlbtr, 0, c0, c0, 3)
CP15(revidr, 0, c0, c0, 6)
CP15(ccsidr, 1, c0, c0, 0)
CP15(clidr, 1, c0, c0, 1)
CP15(aidr, 1, c0, c0, 7)
CP15(csselr, 2, c0, c0, 0)

static void csselr_set(uint32_t v)
{
	__asm__ volatile("mcr p15, 2, %0, c0, c0, 0\n\tisb" : : "r"(v));
}

static uint32_t mvfr0(void)
{
	uint32_t v;
	__asm__ volatile("vmrs %0, mvfr0" : "=r"(v));
	return v;
}

static uint32_t mvfr1(void)
{
	uint32_t v;
	__asm__ volatile("vmrs %0, mvfr1" : "=r"(v));
	return v;
}

#define SHOW(f) printf("%-8s %08" PRIx32 "\n", #f, f())

int main(void)
{
	SHOW(midr);
	SHOW(mpidr);
	SHOW(id_pfr0);
	SHOW(id_pfr1);
	SHOW(id_dfr0);
	SHOW(id_afr0);
	SHOW(id_mmfr0);
	SHOW(id_mmfr1);
	SHOW(id_mmfr2);
	SHOW(id_mmfr3);
	SHOW(id_isar0);
	SHOW(id_isar1);
	SHOW(id_isar2);
	SHOW(id_isar3);
	SHOW(id_isar4);
	SHOW(id_isar5);
	SHOW(mvfr0);
	SHOW(mvfr1);
	SHOW(ctr);
	SHOW(tcmtr);
	SHOW(tlbtr);
	SHOW(revidr);
	SHOW(clidr);
	SHOW(aidr);
	/* CSSELR: L1 data, L1 instruction, L2 (the caches CLIDR lists) */
	for (uint32_t sel = 0; sel < 3; sel++) {
		csselr_set(sel);
		printf("csselr   %08" PRIx32 " ccsidr %08" PRIx32 "\n", csselr(),
		       ccsidr());
	}
	return 0;
}
