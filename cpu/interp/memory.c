/*
 * Guest memory: address translation (short-descriptor format, ARM ARM
 * B3.5), the TLB, RAM and the device bus, and fault recording.
 */
#include "cpu/interp/interp_internal.h"

#define SCTLR_M   (1u << 0)
#define SCTLR_A   (1u << 1)
#define SCTLR_AFE (1u << 29)

/* Fault status codes, short-descriptor format (ARM ARM B3.13.3). */
enum {
	FSR_ALIGNMENT = 0x01,
	FSR_TRANSLATION_L1 = 0x05,
	FSR_TRANSLATION_L2 = 0x07,
	FSR_EXTERNAL = 0x08,
	FSR_DOMAIN_L1 = 0x09,
	FSR_DOMAIN_L2 = 0x0b,
	FSR_ACCESS_FLAG_L1 = 0x03,
	FSR_ACCESS_FLAG_L2 = 0x06,
	FSR_PERMISSION_L1 = 0x0d,
	FSR_PERMISSION_L2 = 0x0f,
	FSR_EXTERNAL_WALK_L1 = 0x0c,
	FSR_EXTERNAL_WALK_L2 = 0x0e,
};

/* FSR encoding: FS[4] in bit 10, FS[3:0] in bits 3:0, domain in 7:4. */
static uint32_t fsr(uint32_t fs, uint32_t domain)
{
	return (fs & 0xf) | ((fs & 0x10) << 6) | (domain & 0xf) << 4;
}

void interp_tlb_flush(struct interp *ip)
{
	for (int u = 0; u < 2; u++)
		for (unsigned i = 0; i < INTERP_TLB_SIZE; i++) {
			ip->tlb[u][i].read_va = INTERP_TLB_NONE;
			ip->tlb[u][i].write_va = INTERP_TLB_NONE;
			ip->tlb[u][i].exec_va = INTERP_TLB_NONE;
			ip->tlb[u][i].pa = INTERP_TLB_NONE;
			ip->tlb[u][i].va = INTERP_TLB_NONE;
			ip->tlb[u][i].addend = 0;
		}
}

static bool phys_read32(struct interp *ip, uint32_t pa, uint32_t *v)
{
	uint32_t off = pa - ip->bus.ram_base;
	if (off < ip->bus.ram_size && off + 4 <= ip->bus.ram_size && !(pa & 3)) {
		memcpy(v, ip->bus.ram + off, 4);
		return true;
	}
	return ip->bus.read && ip->bus.read(ip->bus.ctx, pa, 4, v);
}

/*
 * Access permissions, AP[2:0] with AP[0] as the access flag when
 * SCTLR.AFE is set (ARM ARM B3.7.1, tables B3-8 and B3-9).
 */
static bool ap_allows(uint32_t ap, bool afe, bool write, bool user)
{
	if (afe) { /* simplified model: AP[2:1] */
		bool ro = ap & 4, unpriv = ap & 2;
		if (user && !unpriv)
			return false;
		return !(write && ro);
	}
	switch (ap) {
	case 0: return false;
	case 1: return !user;
	case 2: return !user || !write;
	case 3: return true;
	case 5: return !user && !write;
	case 6: case 7: return !write;
	default: return false; /* 4: reserved */
	}
}

/*
 * Short-descriptor translation (B3.5), checked against QEMU 7.2's
 * get_phys_addr_v6 for a Cortex-A15 (VMSAv7 with PXN, no Security
 * Extensions): the order of the checks decides which fault a guest sees.
 */
bool interp_translate(struct interp *ip, uint32_t va, enum interp_access acc,
		      bool user, uint32_t *pa, uint32_t *fs)
{
	const struct arm_sysregs *s = &ip->cpu->sys;
	if (!(s->sctlr & SCTLR_M)) {
		*pa = va;
		return true;
	}
	/* TTBCR.N selects TTBR0 for the low 2^(32-N) bytes (B3.5.4). TTBR0's
	 * table is 2^(14-N) bytes, indexed by VA[31-N:20]; TTBR1's is always
	 * 16 KiB, indexed by VA[31:20]. PD0/PD1 (bits 4, 5) never reach here:
	 * TTBCR keeps N only without the Security Extensions (QEMU). */
	uint32_t n = s->ttbcr & 7;
	uint32_t l1_addr;
	if (n && (va >> (32 - n)) != 0) {
		if (s->ttbcr & (1u << 5)) /* PD1 */
			return *fs = fsr(FSR_TRANSLATION_L1, 0), false;
		l1_addr = ((uint32_t)s->ttbr1 & 0xffffc000u) | (va >> 20) << 2;
	} else {
		if (s->ttbcr & (1u << 4)) /* PD0 */
			return *fs = fsr(FSR_TRANSLATION_L1, 0), false;
		uint32_t base_mask = ~((0x4000u >> n) - 1);
		l1_addr = ((uint32_t)s->ttbr0 & base_mask) |
			  (((va << n) >> (n + 20)) << 2);
	}
	uint32_t l1;
	if (!phys_read32(ip, l1_addr, &l1))
		return *fs = fsr(FSR_EXTERNAL_WALK_L1, 0), false;

	/* First level (B3.5.1): 00 fault, 01 page table (bit 2 PXN), 1x
	 * section or supersection (bit 0 PXN: PXN is implemented). */
	uint32_t type = l1 & 3;
	if (type == 0)
		return *fs = fsr(FSR_TRANSLATION_L1, 0), false;
	bool table = type == 1;
	bool super = !table && (l1 & (1u << 18));
	/* Supersections have no domain field: domain 0 (B3.5.1). */
	uint32_t domain = super ? 0 : (l1 >> 5) & 0xf;
	uint32_t dom = (s->dacr >> (2 * domain)) & 3;
	/* Domains (B3.12.3): 00 no access, 01 client, 11 manager. QEMU
	 * checks them before it reads the second-level descriptor, and calls
	 * the fault a second-level one for a page table. */
	if (dom == 0 || dom == 2)
		return *fs = fsr(table ? FSR_DOMAIN_L2 : FSR_DOMAIN_L1, domain), false;

	uint32_t ap, base, xn, pxn;
	if (table) {
		uint32_t l2d;
		pxn = (l1 >> 2) & 1;
		if (!phys_read32(ip, (l1 & 0xfffffc00u) | ((va >> 12) & 0xff) << 2, &l2d))
			return *fs = fsr(FSR_EXTERNAL_WALK_L2, domain), false;
		if ((l2d & 3) == 0)
			return *fs = fsr(FSR_TRANSLATION_L2, domain), false;
		if ((l2d & 3) == 1) { /* large page, 64 KiB */
			base = (l2d & 0xffff0000u) | (va & 0xffff);
			xn = (l2d >> 15) & 1;
		} else { /* small page, 4 KiB */
			base = (l2d & 0xfffff000u) | (va & 0xfff);
			xn = l2d & 1;
		}
		ap = ((l2d >> 4) & 3) | ((l2d >> 9) & 1) << 2;
	} else {
		if (super) /* 16 MiB; PA[39:32] ignored (no LPAE addresses) */
			base = (l1 & 0xff000000u) | (va & 0x00ffffff);
		else
			base = (l1 & 0xfff00000u) | (va & 0x000fffff);
		pxn = l1 & 1;
		xn = (l1 >> 4) & 1;
		ap = ((l1 >> 10) & 3) | ((l1 >> 15) & 1) << 2;
	}
	uint32_t lvl_perm = table ? FSR_PERMISSION_L2 : FSR_PERMISSION_L1;
	if (dom == 1) { /* client: the descriptor's permissions apply */
		if (pxn && !user)
			xn = 1;
		if (xn && acc == INTERP_EXEC)
			return *fs = fsr(lvl_perm, domain), false;
		bool afe = s->sctlr & SCTLR_AFE;
		if (afe && !(ap & 1)) /* AP[0] is the access flag (B3.7.3) */
			return *fs = fsr(table ? FSR_ACCESS_FLAG_L2 : FSR_ACCESS_FLAG_L1,
					 domain), false;
		if (!ap_allows(ap, afe, acc == INTERP_WRITE, user))
			return *fs = fsr(lvl_perm, domain), false;
	}
	*pa = base;
	return true;
}

static void record_dabt(struct interp *ip, uint32_t va, uint32_t fs, bool write)
{
	ip->cpu->sys.dfsr = fs | (write ? 1u << 11 : 0);
	ip->cpu->sys.dfar = va;
}

/* Translate and fill the TLB entry for one kind of access to a RAM page. */
static bool access_pa(struct interp *ip, uint32_t va, enum interp_access acc,
		      bool user, uint32_t *pa, uint32_t *fs)
{
	if (!interp_translate(ip, va, acc, user, pa, fs))
		return false;
	uint32_t ppage = *pa & INTERP_PAGE_MASK;
	uint32_t off = ppage - ip->bus.ram_base;
	if (off >= ip->bus.ram_size)
		return true; /* a device: no TLB entry, every access comes here */
	struct interp_tlb_entry *e = interp_tlb(ip, va, user);
	uint32_t vpage = va & INTERP_PAGE_MASK;
	/* One page pair an entry: its tags share the addend. */
	if (e->pa != ppage || e->va != vpage) {
		e->read_va = e->write_va = e->exec_va = INTERP_TLB_NONE;
		e->pa = ppage;
		e->va = vpage;
		e->addend = (uintptr_t)(ip->bus.ram + off) - vpage;
	}
	switch (acc) {
	case INTERP_READ: e->read_va = vpage; break;
	case INTERP_EXEC: e->exec_va = vpage; break;
	case INTERP_WRITE:
		if (!ip->code_map[off >> INTERP_PAGE_BITS])
			e->write_va = vpage;
		break;
	}
	return true;
}

static bool bus_load(struct interp *ip, uint32_t pa, unsigned size, uint32_t *val)
{
	uint32_t off = pa - ip->bus.ram_base;
	if (off < ip->bus.ram_size && size <= ip->bus.ram_size - off) {
		const uint8_t *p = ip->bus.ram + off;
		*val = 0;
		for (unsigned i = 0; i < size; i++)
			*val |= (uint32_t)p[i] << (8 * i);
		return true;
	}
	if (!ip->bus.read || !ip->bus.read(ip->bus.ctx, pa, size, val))
		return false;
	if (size < 4) /* a device may answer wider than asked */
		*val &= (1u << (8 * size)) - 1;
	return true;
}

static bool bus_store(struct interp *ip, uint32_t pa, unsigned size, uint32_t val)
{
	uint32_t off = pa - ip->bus.ram_base;
	if (off < ip->bus.ram_size && size <= ip->bus.ram_size - off) {
		if (ip->code_map[off >> INTERP_PAGE_BITS])
			interp_code_invalidate(ip, pa & INTERP_PAGE_MASK);
		uint8_t *p = ip->bus.ram + off;
		for (unsigned i = 0; i < size; i++)
			p[i] = (uint8_t)(val >> (8 * i));
		return true;
	}
	return ip->bus.write && ip->bus.write(ip->bus.ctx, pa, size, val);
}

/* Unaligned accesses are split into bytes when SCTLR.A allows them
 * (ARM ARM A3.2.1); the caller refuses them where the ISA does. */
bool interp_load_slow(struct interp *ip, uint32_t va, unsigned size,
		      bool user, uint32_t *val)
{
	uint32_t pa, fs;
	if (va & (size - 1)) {
		if (ip->cpu->sys.sctlr & SCTLR_A)
			return record_dabt(ip, va, fsr(FSR_ALIGNMENT, 0), false), false;
		uint32_t v = 0, b;
		for (unsigned i = 0; i < size; i++) {
			if (!interp_load_slow(ip, va + i, 1, user, &b))
				return false;
			v |= b << (8 * i);
		}
		*val = v;
		return true;
	}
	if (!access_pa(ip, va, INTERP_READ, user, &pa, &fs))
		return record_dabt(ip, va, fs, false), false;
	if (!bus_load(ip, pa, size, val))
		return record_dabt(ip, va, fsr(FSR_EXTERNAL, 0), false), false;
	return true;
}

bool interp_store_slow(struct interp *ip, uint32_t va, unsigned size,
		       bool user, uint32_t val)
{
	uint32_t pa, fs;
	if (va & (size - 1)) {
		if (ip->cpu->sys.sctlr & SCTLR_A)
			return record_dabt(ip, va, fsr(FSR_ALIGNMENT, 0), true), false;
		for (unsigned i = 0; i < size; i++)
			if (!interp_store_slow(ip, va + i, 1, user, (val >> (8 * i)) & 0xff))
				return false;
		return true;
	}
	if (!access_pa(ip, va, INTERP_WRITE, user, &pa, &fs))
		return record_dabt(ip, va, fs, true), false;
	if (!bus_store(ip, pa, size, val))
		return record_dabt(ip, va, fsr(FSR_EXTERNAL, 0), true), false;
	return true;
}

bool interp_exec_pa(struct interp *ip, uint32_t va, uint32_t *pa)
{
	bool user = !interp_privileged(ip);
	struct interp_tlb_entry *e = interp_tlb(ip, va, user);
	uint32_t fs;
	if (e->exec_va == (va & INTERP_PAGE_MASK)) {
		*pa = e->pa | (va & ~INTERP_PAGE_MASK);
		return true;
	}
	if (!access_pa(ip, va, INTERP_EXEC, user, pa, &fs)) {
		ip->cpu->sys.ifsr = fs;
		ip->cpu->sys.ifar = va;
		return false;
	}
	uint32_t off = *pa - ip->bus.ram_base;
	if (off >= ip->bus.ram_size) { /* executing from a device: not here */
		ip->cpu->sys.ifsr = fsr(FSR_EXTERNAL, 0);
		ip->cpu->sys.ifar = va;
		return false;
	}
	return true;
}

bool interp_fetch(struct interp *ip, uint32_t va, unsigned size, uint32_t *val)
{
	uint32_t pa;
	if (!interp_exec_pa(ip, va, &pa))
		return false;
	const uint8_t *p = ip->bus.ram + (pa - ip->bus.ram_base);
	if (size == 2) {
		*val = (uint32_t)p[0] | (uint32_t)p[1] << 8;
		return true;
	}
	*val = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
	return true;
}
