/*
 * The hypervisor's guest loop: the guests table, the round-robin
 * scheduler on the Hyp timer, and what each trap means (kernel/hv.h).
 *
 * Who is where:
 *  - a guest's RAM is a physical region of its own, mapped by its stage-2
 *    tables at IPA 0x40000000 (VMID = its number), nothing else mapped:
 *    every device access traps (B1.14, B3.12: stage-2 translation faults
 *    are taken to Hyp mode as Data Aborts, HSR.EC 0x24);
 *  - PL011 and GIC accesses with a valid instruction syndrome go to the
 *    guest's device models; where the GIC has a virtual CPU interface
 *    (virt, vexpress-a15) the guest's CPU interface window is that and
 *    its GIC's pending and active interrupts go into list registers
 *    (kernel/dev_gic.h, cpu/hyp/vgic.h), elsewhere (raspi2b) the window
 *    is emulated too and the GIC's outputs become HCR.VI/VF;
 *  - HVC is PSCI (kernel/psci.c, as QEMU's virt answers it); SYSTEM_OFF
 *    stops that guest only (what then is the caller's: kernel/guests.c);
 *  - WFI/WFE trap (HCR.TWI/TWE) and give the core away; a WFI waits until
 *    the guest's virtual GIC signals an interrupt;
 *  - the guest's virtual timer is the hardware one (CNTV, PPI 27) while
 *    it runs, a saved compare value while it does not; its physical timer
 *    (CNTP, PPI 30) is emulated (its registers trap: CNTHCTL.PL1PCEN is
 *    clear); the Hyp timer (CNTHP, PPI 26) ends slices, fires at the
 *    running guest's CNTP deadline and wakes tern from idle;
 *  - anything else a guest should not do (an access outside its RAM and
 *    devices, SMC, a trapped register) gets it the exception the hardware
 *    would have raised on QEMU's virt, and one line on the console.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/cpreg.h"
#include "cpu/hyp/hyp.h"
#include "cpu/hyp/vgic.h"
#include "kernel/board.h"
#include "kernel/dev_gic.h"
#include "kernel/dev_pl011.h"
#include "kernel/elf.h"
#include "kernel/fdt.h"
#include "kernel/hv.h"
#include "kernel/psci.h"
#include "kernel/vm.h"

/* The CPU the guests see (DESIGN.md): a cortex-a15 as QEMU 7.2 models it
 * (MIDR r4p0, cpu/cpreg_a15.c), CPU 0 of one (MPIDR.M set, Aff0 0). */
#define HV_GUEST_MIDR  0x414fc0f0u
#define HV_GUEST_MPIDR 0x80000000u

/* Guests in memory at once: one more than the shell numbers, as a load
 * or a restore builds the new guest before the old one goes. */
#define HV_POOL (HV_MAX_GUESTS + 1u)

/* Guest RAM is handed out in 2 MiB blocks (stage 2 maps 2 MiB blocks). */
#define HV_RAM_BLOCK (2u << 20)
#define HV_RAM_BLOCKS_MAX 512u    /* 1 GiB */

/* The GICv2 CPU interface's registers span 8 KiB (GICC_DIR at 0x1000,
 * IHI 0048B 4.1.3): that much of the guest's window is the physical
 * virtual CPU interface; the rest of it stays emulated (reads as 0). */
#define HV_GICV_SIZE 0x2000u

/* The most of a loader's device tree blob tern reads: QEMU's are a few
 * KiB, and it keeps 2 MiB for one at the start of virt's RAM. */
#define HV_FDT_MAX (2u << 20)

enum hv_state {
	HV_FREE,
	HV_RUNNABLE,
	HV_WAITING,     /* in WFI (or PSCI CPU_SUSPEND) until an interrupt */
	HV_OFF,
};

struct hv_guest {
	struct hyp_s2 s2;          /* 4 KiB aligned: first */
	struct arm_cpu cpu;
	/* cpu is in the world switch's banked form (hyp_vcpu_bank): from its
	 * first load until someone outside wants to see it. */
	bool cpu_banked;
	struct gic gic;
	struct pl011 uart;
	enum hv_state state;
	unsigned vmid;             /* its pool index + 1 */
	struct hv_guest_io io;
	uint32_t ram_pa, ram_size;
	const uint8_t *image;      /* in its slot; kept for SYSTEM_RESET */
	size_t image_len;
	struct image_info boot;
	uint64_t vttbr;
	/* PPI 27 is disabled at the physical GIC while the guest's virtual
	 * timer output is up and its virtual GIC has it (a level interrupt
	 * would otherwise fire again at once): looked at after each exit. */
	bool vtimer_masked;
	/* Or, with list registers: the physical PPI 27 stays active, handed
	 * to the guest, until its EOI of the hardware entry deactivates it. */
	bool vtimer_hw;
	struct gic_lrs lrs;        /* what its list registers were given */
	/* GICH_VMCR and GICH_APR as loaded: while it is loaded only the
	 * guest changes them (its GIC CPU interface is the hardware's), so
	 * struct gic is still right if they read the same at the put. While
	 * vif_known, they are also what struct gic gives (gic_vmcr,
	 * gic_vapr; the binary points as the hardware keeps them,
	 * hyp_vgic_vmcr_held): the next load needs not work them out
	 * again. Anything
	 * that writes struct gic from outside (boot, restore, a snapshot's
	 * view) clears it. */
	uint32_t vmcr, vapr;
	bool vif_known;
	uint64_t exits;
	uint64_t ticks_run;        /* on the core, physical counter ticks */
	char why[96];              /* HV_OFF: how it went off */
};

static struct hv_guest hv_guests[HV_POOL];
static const struct hv_platform *hv_plat;
static uint32_t hv_ram_end;         /* the RAM bank's end: guests below */
static uint8_t hv_ram_used[HV_RAM_BLOCKS_MAX]; /* from guest_ram_base */
static unsigned hv_console_irq;     /* 0: the console is polled only */
/* The GIC's virtual CPU interface: its list registers (0: none, the
 * guest's GIC CPU interface is emulated and HCR.VI/VF signal), and where
 * it is. */
static uintptr_t hv_gicv;
static uint32_t hv_slice_us = HV_SLICE_US;

/* What every trap and switch looks at, in one place: a function reaches
 * all of it from one base address. */
static struct {
	const struct hv_irqchip *irqc;  /* the board's, kernel/hv.h */
	unsigned nr_lr;                 /* the GIC's list registers, or 0 */
	bool lrs_live;                  /* list registers hold entries */
	bool resched;                   /* leave the current slice */
	/* The physical virtual-timer interrupt let through (-1: not known
	 * yet): written only when it changes. */
	int vtimer_irq_on;
	struct hv_guest *loaded;        /* whose state is in the hardware */
	uint64_t slice_ticks;
	uint64_t slice_end;             /* physical count the slice ends at */
} hv_core = { .vtimer_irq_on = -1 };

/* ---- the guest's output and tern's lines about it ---- */

static void hv_uart_tx(void *ctx, uint8_t c)
{
	struct hv_guest *g = ctx;

	g->io.uart_tx(g->io.ctx, c);
}

/* tern's own line about guest g. */
static void hv_log(struct hv_guest *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void hv_log(struct hv_guest *g, const char *fmt, ...)
{
	char text[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	g->io.note(g->io.ctx, text);
}

/* ---- device wiring ---- */

/* A level line into guest g's virtual GIC; most calls find it unchanged,
 * which the GIC's own check would also find, one call later. */
static inline void hv_line(struct hv_guest *g, unsigned irq, bool level)
{
	if ((bool)((g->gic.level[irq / 32u] >> (irq % 32u)) & 1u) != level)
		gic_set_irq(&g->gic, irq, level);
}

static void hv_vtimer_irq(bool on)
{
	if (hv_core.vtimer_irq_on != (int)on) {
		hv_core.vtimer_irq_on = on;
		hv_core.irqc->enable(HV_IRQ_VTIMER, on);
	}
}

static void hv_uart_irq(void *ctx, bool level)
{
	struct hv_guest *g = ctx;

	gic_set_irq(&g->gic, GIC_SPI_UART, level);
}

/* The GIC's outputs are read at each entry (hyp_set_virq). */
static void hv_gic_out(void *ctx, bool irq, bool fiq)
{
	(void)ctx;
	(void)irq;
	(void)fiq;
}

/* ---- guests ---- */

/* The CPU as QEMU's -kernel leaves it (kernel/vm.c does the same for
 * the interpreter): an ELF entered at its entry point with every
 * register zero; a raw image with r1 = ~0 (virt's machine id). */
static void hv_guest_boot_cpu(struct hv_guest *g)
{
	struct arm_cpu *cpu = &g->cpu;

	arm_cpu_reset(cpu, &cpreg_list_a15);
	cpu->regs[15] = g->boot.entry & ~1u;
	if (g->boot.entry & 1u)
		cpu->cpsr_rest |= 1u << 5;      /* Thumb */
	if (!g->boot.is_elf)
		cpu->regs[1] = 0xffffffffu;
	g->cpu_banked = false;
	gic_reset(&g->gic);
	g->vif_known = false;
	pl011_reset(&g->uart);
	g->vtimer_masked = false;
	g->vtimer_hw = false;
	g->state = HV_RUNNABLE;
}

/* Its stage 2: its RAM, and the GIC's virtual CPU interface where its
 * GIC CPU interface window is (when there is one). */
static void hv_guest_s2(struct hv_guest *g)
{
	hyp_s2_init(&g->s2, VM_RAM_BASE, g->ram_pa, g->ram_size);
	if (hv_core.nr_lr)
		hyp_s2_map_device(&g->s2, VM_GICC_BASE, hv_gicv, HV_GICV_SIZE);
	g->vttbr = hyp_s2_vttbr(&g->s2, g->vmid);
}

static bool hv_guest_load_image(struct hv_guest *g, char *err, size_t errcap)
{
	/* A guest restored into an empty slot has no image. */
	bool ok = !g->image ||
		  image_load(g->image, g->image_len, (uint8_t *)(uintptr_t)g->ram_pa,
			     VM_RAM_BASE, g->ram_size, &g->boot, err, errcap);

	hyp_sync_guest_ram(g->ram_pa, g->ram_size);
	return ok;
}

struct hv_guest *hv_guest_new(const uint8_t *image, size_t len, uint8_t *ram,
			      uint32_t ram_size, const struct hv_guest_io *io,
			      char *err, size_t cap)
{
	struct hv_guest *g = NULL;
	unsigned i;

	for (i = 0; i < HV_POOL && !g; i++)
		if (hv_guests[i].state == HV_FREE)
			g = &hv_guests[i];
	if (!g) {
		snprintf(err, cap, "the hypervisor has no room for another guest");
		return NULL;
	}
	memset(g, 0, sizeof(*g));
	g->vmid = (unsigned)(g - hv_guests) + 1u;
	g->io = *io;
	g->image = image;
	g->image_len = len;
	g->ram_pa = (uint32_t)(uintptr_t)ram;
	g->ram_size = ram_size;
	gic_init(&g->gic, hv_gic_out, g);
	pl011_init(&g->uart, hv_uart_tx, hv_uart_irq, g);
	hv_guest_s2(g);
	if (!hv_guest_load_image(g, err, cap)) {
		g->state = HV_FREE;
		return NULL;
	}
	/* Its VMID's TLB entries may describe an earlier guest. */
	hyp_s2_flush_tlb();
	hv_guest_boot_cpu(g);
	return g;
}

/* ---- the virtual CPU interface: list registers (kernel/dev_gic.h) ---- */

/* The physical virtual-timer interrupt handed to g is g's no more
 * (it could not take it, or it is put away): deactivated, and held back
 * the way HCR.VI guests have it until the guest has dealt with its own. */
static void hv_vtimer_take_back(struct hv_guest *g)
{
	g->vtimer_hw = false;
	hv_core.irqc->deactivate(HV_IRQ_VTIMER);
	g->vtimer_masked = true;
	hv_vtimer_irq(false);
}

static __attribute__((noinline)) void hv_vgic_fill(struct hv_guest *g)
{
	g->lrs.hw_irq = g->vtimer_hw ? GIC_PPI_VIRT_TIMER : GIC_SPURIOUS;
	gic_lr_fill(&g->gic, &g->lrs, hv_core.nr_lr);
	if (g->vtimer_hw && !g->lrs.hw_in)   /* disabled there, or no room */
		hv_vtimer_take_back(g);
	hyp_vgic_write_lrs(g->lrs.lr, g->lrs.n, g->lrs.hcr);
	hv_core.lrs_live = g->lrs.n != 0;
}

/* Before each entry: what the guest's GIC has pending or active. Most
 * entries have nothing for the list registers and nothing in them: a few
 * instructions then (every trap passes here). */
static inline void hv_vgic_flush(struct hv_guest *g)
{
	if (g->gic.lr_work || g->vtimer_hw || hv_core.lrs_live)
		hv_vgic_fill(g);
}

/* The hardware entry gone: the guest's EOI deactivated PPI 27, which
 * fires again if the timer still asks. */
static bool hv_vgic_hw_done(const struct gic_lrs *l, const uint32_t *now)
{
	for (unsigned i = 0; i < l->n; i++)
		if (l->lr[i] & GIC_LR_HW)
			return (now[i] & 0x3ffu) != (l->lr[i] & 0x3ffu) ||
			       !(now[i] & (GIC_LR_PENDING | GIC_LR_ACTIVE));
	return false;
}

/* After each exit: what the guest acknowledged and completed meanwhile,
 * back into its GIC, which stays the truth for tern (traps, WFI). */
static __attribute__((noinline)) void hv_vgic_sync_lrs(struct hv_guest *g)
{
	uint32_t now[GIC_LR_MAX];

	hyp_vgic_read_lrs(now, g->lrs.n);
	gic_lr_sync(&g->gic, &g->lrs, now);
	if (g->lrs.hw_in && hv_vgic_hw_done(&g->lrs, now)) {
		g->vtimer_hw = false;
		hv_line(g, GIC_PPI_VIRT_TIMER, false);
	}
	g->lrs.n = 0;
}

static inline void hv_vgic_sync(struct hv_guest *g)
{
	if (g->lrs.n)
		hv_vgic_sync_lrs(g);
}

/* The guest's CPU interface (PMR, running priority...) into its GIC. */
static void hv_vgic_sync_cpu_if(struct hv_guest *g)
{
	hyp_vgic_read_cpu_if(&g->vmcr, &g->vapr);
	gic_set_vcpu_if(&g->gic, g->vmcr, g->vapr);
}

/* Take the loaded guest g out of the hardware: its CPU, and its virtual
 * CPU interface, so that struct gic is whole for a snapshot. */
static void hv_vcpu_put(struct hv_guest *g)
{
	if (hv_core.nr_lr) {
		uint32_t vmcr, apr;

		hv_vgic_sync(g);
		hyp_vgic_put(&vmcr, &apr);
		hv_core.lrs_live = false;
		if (!g->vif_known || vmcr != g->vmcr || apr != g->vapr) {
			gic_set_vcpu_if(&g->gic, vmcr, apr);
			g->vmcr = gic_vmcr(&g->gic);
			g->vapr = gic_vapr(&g->gic);
			g->vif_known = true;
		}
		if (g->vtimer_hw)
			hv_vtimer_take_back(g);
	}
	hyp_vcpu_put(&g->cpu);
}

/* Nothing of g may stay in the hardware: a later owner of its slot must
 * not see it, nor may the VFP unit keep pointing at it. */
static void hv_guest_unload(struct hv_guest *g)
{
	if (hv_core.loaded == g) {
		hv_vcpu_put(g);
		hv_core.loaded = NULL;
	}
	hyp_fp_sync(&g->cpu);
}

static void hv_guest_off(struct hv_guest *g, const char *why)
{
	snprintf(g->why, sizeof(g->why), "%s", why);
	hv_guest_unload(g);
	g->state = HV_OFF;
	hv_core.resched = true;
}

/* PSCI SYSTEM_RESET: as QEMU, reload the image over what RAM holds and
 * start again. */
static void hv_guest_reboot(struct hv_guest *g)
{
	char err[128];

	hv_guest_unload(g);
	hyp_s2_flush_tlb();     /* its VMID's entries describe the old run */
	if (!hv_guest_load_image(g, err, sizeof(err))) {
		hv_guest_off(g, "image no longer loads; off");
		return;
	}
	hv_guest_boot_cpu(g);
	hv_core.resched = true;
}

/* ---- the virtual timer ---- */

/* Its output, for a waiting guest: from the hardware if loaded. */
static bool hv_vtimer_level(struct hv_guest *g)
{
	if (g == hv_core.loaded)
		return (hyp_vtimer_ctl() & 7u) == 5u;   /* ENABLE, ISTATUS, !IMASK */
	return hyp_vtimer_level(&g->cpu.sys, hyp_counter());
}

/* The emulated physical timer (B8.1.3: a timer's condition, CNTP_CTL,
 * _CVAL, _TVAL), counting the physical count as the guest reads it. */
static bool hv_ptimer_level(const struct hv_guest *g, uint64_t now)
{
	const struct arm_gtimer_regs *t = &g->cpu.sys.cntp;

	return (t->ctl & 3u) == 1u && now >= t->cval;
}

/* The physical count at which a timer of guest g next raises its output,
 * UINT64_MAX if none will by time alone: its CNTP, and its CNTV when the
 * hardware does not watch it (g not loaded). A timer already past its
 * compare value counts as `now` if `expired`, else not at all (its output
 * is up already and stays up until the guest acts). */
static uint64_t hv_deadline(const struct hv_guest *g, uint64_t now, bool expired)
{
	const struct arm_sysregs *s = &g->cpu.sys;
	uint64_t next = UINT64_MAX, d;

	if ((s->cntp.ctl & 3u) == 1u) {
		d = s->cntp.cval > now ? s->cntp.cval : now;
		if (d > now || expired)
			next = d;
	}
	if (g != hv_core.loaded && (s->cntv.ctl & 3u) == 1u) {
		d = s->cntv.cval + s->cntvoff;
		d = d > now ? d : now;
		if ((d > now || expired) && d < next)
			next = d;
	}
	return next;
}

/* The Hyp timer for the running guest: the end of its slice, or its
 * physical timer's deadline if that comes first. */
static void hv_htimer_arm(struct hv_guest *g, uint64_t now)
{
	uint64_t next = hv_deadline(g, now, false);

	hyp_htimer_at(next < hv_core.slice_end ? next : hv_core.slice_end);
}

/* MRC/MCR (EC 0x03) and MRRC/MCRR (EC 0x04) to CNTP_TVAL, CNTP_CTL and
 * CNTP_CVAL (B8.2, the registers; HSR ISS layouts of B3.13.6). False if
 * the access is to something else. */
static bool hv_ptimer_access(struct hv_guest *g, uint32_t hsr)
{
	struct arm_gtimer_regs *t = &g->cpu.sys.cntp;
	uint32_t iss = HYP_HSR_ISS(hsr);
	unsigned rt = (iss >> 5) & 15u;
	bool read = iss & 1u;
	uint64_t now = hyp_counter();

	if (HYP_HSR_EC(hsr) == HYP_EC_CP15_32) {
		unsigned opc2 = (iss >> 17) & 7u, opc1 = (iss >> 14) & 7u,
			 crn = (iss >> 10) & 15u, crm = (iss >> 1) & 15u;

		if (opc1 != 0 || crn != 14 || crm != 2 || opc2 > 1 || rt == 15)
			return false;
		if (opc2 == 1 && read)          /* CNTP_CTL, ISTATUS live */
			hyp_reg_set(&g->cpu, rt, (t->ctl & 3u) |
				    ((t->ctl & 1u) && now >= t->cval ? 4u : 0u));
		else if (opc2 == 1)
			t->ctl = hyp_reg_get(&g->cpu, rt) & 3u;
		else if (read)                  /* CNTP_TVAL: CVAL - count */
			hyp_reg_set(&g->cpu, rt, (uint32_t)(t->cval - now));
		else
			t->cval = now + (uint64_t)(int64_t)(int32_t)
				  hyp_reg_get(&g->cpu, rt);
	} else {
		unsigned opc1 = (iss >> 16) & 15u, rt2 = (iss >> 10) & 15u,
			 crm = (iss >> 1) & 15u;

		if (opc1 != 2 || crm != 14 || rt == 15 || rt2 == 15)
			return false;
		if (read) {                     /* CNTP_CVAL */
			hyp_reg_set(&g->cpu, rt, (uint32_t)t->cval);
			hyp_reg_set(&g->cpu, rt2, (uint32_t)(t->cval >> 32));
		} else {
			t->cval = (uint64_t)hyp_reg_get(&g->cpu, rt2) << 32 |
				  hyp_reg_get(&g->cpu, rt);
		}
	}
	if (!read) {
		hv_line(g, GIC_PPI_PHYS_TIMER, hv_ptimer_level(g, now));
		hv_htimer_arm(g, now);
	}
	return true;
}

/* ---- identification registers ---- */

/* What QEMU 7.2's cortex-a15 without EL2 answers where its cp-register
 * list has no entry: ID_PFR1 (Security and Virtualization fields 0:
 * spec/qemu-7.2-boot-modes.md, the `virt` row) and the VFP ones (the
 * interpreter's values, cpu/interp/vfp_internal.h). */
#define HV_ID_PFR1 0x00010001u
#define HV_MVFR0   0x10110222u
#define HV_MVFR1   0x11111111u

/* QEMU's cp-register index of a 32-bit cp15 register (cpu/cpreg.h). */
#define HV_CP15_INDEX(opc1, crn, crm, opc2) \
	(0x40200000200f0000ull | (crn) << 11 | (crm) << 7 | (opc1) << 3 | (opc2))

/* A constant of QEMU's cortex-a15, from the cp-register list the guest's
 * snapshots carry; 0 (RAZ, as QEMU's unallocated ID space reads) if it
 * is not listed. */
static uint32_t hv_a15_const(uint64_t index)
{
	const struct cpreg *r = cpreg_find(&cpreg_list_a15, index);

	return r && r->kind == CPREG_CONST ? cpreg_value(r) : 0;
}

/* QEMU 7.2's cortex-a15 cache geometry by CSSELR (B4.1.19; the values
 * cpu/interp gives too): L1 D 32 KiB, L1 I 32 KiB, L2 unified 4 MiB. */
static const uint32_t hv_a15_ccsidr[16] = {
	[0] = 0x701fe00a, [1] = 0x201fe00a, [2] = 0x711fe07a,
};

/*
 * MRC/MCR p15, opc1, Rt, c0, c0, opc2 that HCR.TID1/TID2 trapped (set on
 * hosts that are not a cortex-a15, B1.14.5): CTR, TCMTR, TLBTR, REVIDR,
 * CCSIDR, CLIDR, AIDR read as QEMU's cortex-a15 (REVIDR reads as MIDR
 * there), CSSELR is the guest's own. False if it is none of these.
 */
static bool hv_cache_id_access(struct hv_guest *g, unsigned opc1,
			       unsigned opc2, unsigned rt, bool read)
{
	uint32_t v;

	if (opc1 == 2 && opc2 == 0) {                   /* CSSELR */
		if (read)
			hyp_reg_set(&g->cpu, rt, hyp_csselr());
		else
			hyp_set_csselr(hyp_reg_get(&g->cpu, rt) & 0xfu);
		return true;
	}
	if (!read)
		return false;
	if (opc1 == 1 && opc2 == 0)                     /* CCSIDR */
		v = hv_a15_ccsidr[hyp_csselr() & 0xfu];
	else if (opc1 == 0 && opc2 == 6)                /* REVIDR */
		v = HV_GUEST_MIDR;
	else if ((opc1 == 0 && opc2 >= 1 && opc2 <= 3) ||   /* CTR, TCMTR, TLBTR */
		 (opc1 == 1 && (opc2 == 1 || opc2 == 7)))   /* CLIDR, AIDR */
		v = hv_a15_const(HV_CP15_INDEX((uint64_t)opc1, 0ull, 0ull,
					       (uint64_t)opc2));
	else
		return false;
	hyp_reg_set(&g->cpu, rt, v);
	return true;
}

/* A read HCR.TID3 trapped: MRC p15, 0, Rt, c0, c1..c7, opc2 (EC 0x03),
 * or VMRS Rt, MVFR0/MVFR1 (EC 0x08; CRn names the register, B3.13.6);
 * or a TID1/TID2 access (hv_cache_id_access). The answer is QEMU's, from
 * the list the guest's snapshots carry. False if it is not such an
 * access. */
static bool hv_id_read(struct hv_guest *g, uint32_t hsr)
{
	uint32_t iss = HYP_HSR_ISS(hsr), v;
	unsigned opc2 = (iss >> 17) & 7u, opc1 = (iss >> 14) & 7u,
		 crn = (iss >> 10) & 15u, rt = (iss >> 5) & 15u,
		 crm = (iss >> 1) & 15u;
	bool read = iss & 1u;

	if (rt == 15)
		return false;
	if (HYP_HSR_EC(hsr) == HYP_EC_CP10_ID) {
		if (!read || (crn != 6 && crn != 7))
			return false;
		hyp_reg_set(&g->cpu, rt, crn == 7 ? HV_MVFR0 : HV_MVFR1);
		return true;
	}
	if (HYP_HSR_EC(hsr) != HYP_EC_CP15_32 || crn != 0)
		return false;
	if (crm == 0)
		return hv_cache_id_access(g, opc1, opc2, rt, read);
	if (!read || opc1 != 0 || crm > 7)
		return false;
	if (crm == 1 && opc2 == 1)
		v = HV_ID_PFR1;
	else
		v = hv_a15_const(HV_CP15_INDEX(0ull, 0ull, (uint64_t)crm,
					       (uint64_t)opc2));
	hyp_reg_set(&g->cpu, rt, v);
	return true;
}

/* After an exit of the loaded guest whose timer interrupt is held: once
 * the guest has dealt with it (timer off, masked or moved on), lower the
 * line and let the physical PPI fire again. */
static void hv_vtimer_resample(struct hv_guest *g)
{
	if ((hyp_vtimer_ctl() & 7u) == 5u)
		return;
	hv_line(g, GIC_PPI_VIRT_TIMER, false);
	g->vtimer_masked = false;
	hv_vtimer_irq(true);
}

/* ---- traps ---- */

/* Physical interrupts taken while the guest ran (HCR.IMO). */
static void hv_irq(struct hv_guest *g)
{
	uint32_t token;
	enum hv_irq irq = hv_core.irqc->ack(&token);

	switch (irq) {
	case HV_IRQ_NONE:
		return;                  /* spurious */
	case HV_IRQ_HTIMER: {            /* slice over, or a CNTP deadline */
		uint64_t now = hyp_counter();

		hv_line(g, GIC_PPI_PHYS_TIMER, hv_ptimer_level(g, now));
		if (now >= hv_core.slice_end) {
			hyp_htimer_off();
			hv_core.resched = true;
		} else {
			hv_htimer_arm(g, now);
		}
		break;
	}
	case HV_IRQ_MAINTENANCE:         /* list registers: synced already */
		break;
	case HV_IRQ_VTIMER:              /* the guest's virtual timer */
		hv_line(g, GIC_PPI_VIRT_TIMER, true);
		if (hv_core.nr_lr && hv_core.irqc->hand_over) {
			g->vtimer_hw = true;
			hv_core.irqc->hand_over(token);
			return;
		}
		g->vtimer_masked = true;
		hv_vtimer_irq(false);
		break;
	case HV_IRQ_CONSOLE:             /* tern's own */
		board_console_rx_irq();
		break;
	default:
		break;
	}
	hv_core.irqc->end(token);
}

enum hv_mmio {
	HV_MMIO_DONE,
	HV_MMIO_NONE,       /* no device there */
	HV_MMIO_NO_ISV,     /* a device, but no syndrome to emulate from */
};

static uint32_t hv_size_mask(unsigned size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1u;
}

static enum hv_mmio hv_mmio(struct hv_guest *g, const struct hyp_dabt *d)
{
	enum { UART, GICD, GICC } dev;
	uint32_t off, mask = hv_size_mask(d->size), v;

	if ((off = d->ipa - VM_UART_BASE) < PL011_SIZE)
		dev = UART;
	else if ((off = d->ipa - VM_GICD_BASE) < GIC_DIST_SIZE)
		dev = GICD;
	else if ((off = d->ipa - VM_GICC_BASE) < GIC_CPU_SIZE)
		dev = GICC;
	else
		return HV_MMIO_NONE;
	/* No syndrome (LDM, writeback forms, ...: B3.13.6), or a load into
	 * the PC: nothing tern emulates. */
	if (!d->isv || (!d->write && d->rt == 15))
		return HV_MMIO_NO_ISV;

	if (d->write) {
		v = hyp_reg_get(&g->cpu, d->rt) & mask;
		switch (dev) {
		case UART: pl011_write(&g->uart, off, v); break;
		case GICD: gic_dist_write(&g->gic, off, d->size, v); break;
		case GICC: gic_cpu_write(&g->gic, off, v); break;
		}
		return HV_MMIO_DONE;
	}
	switch (dev) {
	case UART: v = pl011_read(&g->uart, off); break;
	case GICD: v = gic_dist_read(&g->gic, off, d->size); break;
	default:   v = gic_cpu_read(&g->gic, off); break;
	}
	v &= mask;
	if (d->sign && d->size < 4 && (v & (1u << (8 * d->size - 1))))
		v |= ~mask;
	hyp_reg_set(&g->cpu, d->rt, v);
	return HV_MMIO_DONE;
}

static void hv_dabt(struct hv_guest *g, uint32_t hsr)
{
	struct hyp_dabt d;
	const char *what;

	hyp_decode_dabt(hsr, &d);
	if (d.ipa_valid && !d.s1ptw) {
		switch (hv_mmio(g, &d)) {
		case HV_MMIO_DONE:
			hyp_skip_insn(&g->cpu, hsr);
			return;
		case HV_MMIO_NO_ISV:
			hv_log(g, "data abort: %s at 0x%08" PRIx32 " (device) by an "
			       "instruction tern does not emulate (pc 0x%08" PRIx32
			       "); abort injected", d.write ? "write" : "read",
			       d.ipa, g->cpu.regs[15]);
			hyp_inject_dabt(&g->cpu, d.va, d.write);
			return;
		case HV_MMIO_NONE:
			break;
		}
	}
	if (d.cm) {        /* cache maintenance by MVA there: nothing to do */
		hyp_skip_insn(&g->cpu, hsr);
		return;
	}
	what = d.s1ptw ? "translation table walk" : d.write ? "write" : "read";
	hv_log(g, "data abort: %s at 0x%08" PRIx32 ", outside its RAM and devices "
	       "(pc 0x%08" PRIx32 "); abort injected", what,
	       d.ipa_valid ? d.ipa : d.va, g->cpu.regs[15]);
	hyp_inject_dabt(&g->cpu, d.va, d.write);
}

static void hv_wait(struct hv_guest *g)
{
	if (hv_core.nr_lr)
		hv_vgic_sync_cpu_if(g);
	if (!g->gic.irq_out && !g->gic.fiq_out)
		g->state = HV_WAITING;
	hv_core.resched = true;
}

static void hv_hvc(struct hv_guest *g)
{
	switch (psci_call(&g->cpu)) {
	case PSCI_CONTINUE:
		break;
	case PSCI_WAIT:
		hv_wait(g);
		break;
	case PSCI_CPU_OFF:
		hv_guest_off(g, "switched its only CPU off (PSCI CPU_OFF)");
		break;
	case PSCI_SYSTEM_OFF:
		hv_guest_off(g, "powered off (PSCI SYSTEM_OFF)");
		break;
	case PSCI_SYSTEM_RESET:
		hv_log(g, "reset (PSCI SYSTEM_RESET)");
		hv_guest_reboot(g);
		break;
	}
}

static void hv_trap(struct hv_guest *g, uint32_t hsr)
{
	switch (HYP_HSR_EC(hsr)) {
	case HYP_EC_HVC:
		hv_hvc(g);
		return;
	case HYP_EC_DABT_LOW:
		hv_dabt(g, hsr);
		return;
	case HYP_EC_WFI_WFE:
		if (!hyp_cond_passed(&g->cpu, hsr)) {
			hyp_skip_insn(&g->cpu, hsr);
			return;
		}
		hyp_skip_insn(&g->cpu, hsr);
		if (hsr & 1u)            /* WFE: only give the core away */
			hv_core.resched = true;
		else
			hv_wait(g);
		return;
	case HYP_EC_HCPTR:               /* first VFP/NEON use: lazy switch */
		hyp_fp_take(&g->cpu);
		return;
	case HYP_EC_PABT_LOW: {
		uint32_t va = hyp_pabt_va();

		hv_log(g, "prefetch abort at 0x%08" PRIx32 ", outside its RAM; "
		       "abort injected", va);
		hyp_inject_pabt(&g->cpu, va);
		return;
	}
	case HYP_EC_CP15_32:
	case HYP_EC_CP15_64:
		if (!hyp_cond_passed(&g->cpu, hsr)) {
			hyp_skip_insn(&g->cpu, hsr);
			return;
		}
		if (hv_ptimer_access(g, hsr) || hv_id_read(g, hsr)) {
			hyp_skip_insn(&g->cpu, hsr);
			return;
		}
		break;
	case HYP_EC_CP10_ID:
		if (hyp_cond_passed(&g->cpu, hsr) && !hv_id_read(g, hsr))
			break;
		hyp_skip_insn(&g->cpu, hsr);
		return;
	case HYP_EC_SMC:
		hv_log(g, "SMC (pc 0x%08" PRIx32 "); undefined instruction injected",
		       g->cpu.regs[15]);
		hyp_inject_undef(&g->cpu, hsr);
		return;
	default:
		break;
	}
	hv_log(g, "unexpected trap, HSR 0x%08" PRIx32 " (pc 0x%08" PRIx32
	       "); undefined instruction injected", hsr, g->cpu.regs[15]);
	hyp_inject_undef(&g->cpu, hsr);
}

/* ---- scheduling ---- */

/* A slice for the loaded guest g from `now`: its physical timer's output
 * as of now, and the Hyp timer at the slice's end or that timer's
 * deadline, whichever comes first (hv_htimer_arm's, with one look at
 * CNTP for both: its virtual timer is the hardware's). */
static void hv_slice_start(struct hv_guest *g, uint64_t now)
{
	const struct arm_gtimer_regs *t = &g->cpu.sys.cntp;
	bool on = (t->ctl & 3u) == 1u;
	uint64_t end = now + hv_core.slice_ticks;

	hv_line(g, GIC_PPI_PHYS_TIMER, on && now >= t->cval);
	hv_core.slice_end = end;
	hyp_htimer_at(on && t->cval > now && t->cval < end ? t->cval : end);
}

/* g's state into the hardware if it is not there, and a new slice;
 * the physical count it starts at (one read serves the whole switch). */
static uint64_t hv_switch_to(struct hv_guest *g)
{
	uint64_t now = hyp_counter();

	if (hv_core.loaded != g) {
		bool level;

		if (!g->cpu_banked) {
			if (!hyp_vcpu_bank(&g->cpu)) {
				hv_guest_off(g, "CPU state names a mode a guest cannot run in; off");
				return now;
			}
			g->cpu_banked = true;
		}
		if (hv_core.loaded)
			hv_vcpu_put(hv_core.loaded);
		hv_core.loaded = NULL;
		level = hyp_vtimer_level(&g->cpu.sys, now);
		hv_line(g, GIC_PPI_VIRT_TIMER, level);
		g->vtimer_masked = level;
		hv_vtimer_irq(!level);
		hyp_vcpu_load(&g->cpu, g->vttbr);
		if (hv_core.nr_lr) {
			if (!g->vif_known) {
				/* as the hardware will hold it, so that the put
				 * finds it unchanged unless the guest changed it */
				g->vmcr = hyp_vgic_vmcr_held(gic_vmcr(&g->gic));
				g->vapr = gic_vapr(&g->gic);
				g->vif_known = true;
			}
			hyp_vgic_load(g->vmcr, g->vapr);
		}
		hv_core.loaded = g;
	}
	hv_slice_start(g, now);
	return now;
}

/* Runs the loaded guest g from the physical count t0 to the slice's end
 * (or until it waits, is off, or the scheduler is wanted). */
static void hv_run_slice(struct hv_guest *g, uint64_t t0)
{
	hv_core.resched = false;
	while (!hv_core.resched && g->state == HV_RUNNABLE) {
		uint32_t hsr;

		if (hv_core.nr_lr)
			hv_vgic_flush(g);
		else
			hyp_set_virq(g->gic.irq_out, g->gic.fiq_out);
		hsr = hyp_enter(&g->cpu);
		g->exits++;
		if (hv_core.nr_lr)
			hv_vgic_sync(g);
		if (hsr == HYP_EXIT_IRQ)
			hv_irq(g);
		else if (hsr != HYP_EXIT_FIQ)
			hv_trap(g, hsr);
		if (g->vtimer_masked && hv_core.loaded == g)
			hv_vtimer_resample(g);
	}
	g->ticks_run += hyp_counter() - t0;
}

/* A waiting guest whose virtual GIC now signals an interrupt (its timer
 * may just have expired) is runnable again: WFI completes on it (B1.8.13). */
static void hv_wake(struct hv_guest *g)
{
	if (g->state != HV_WAITING)
		return;
	hv_line(g, GIC_PPI_VIRT_TIMER, hv_vtimer_level(g));
	hv_line(g, GIC_PPI_PHYS_TIMER, hv_ptimer_level(g, hyp_counter()));
	if (g->gic.irq_out || g->gic.fiq_out)
		g->state = HV_RUNNABLE;
}

enum hv_run hv_guest_run(struct hv_guest *g)
{
	hv_wake(g);
	if (g->state == HV_RUNNABLE) {
		uint64_t t0 = hv_switch_to(g);

		if (hv_core.loaded == g)
			hv_run_slice(g, t0);
	}
	switch (g->state) {
	case HV_WAITING:
		return HV_RUN_WAITING;
	case HV_RUNNABLE:
		return HV_RUN_RAN;
	default:
		return HV_RUN_OFF;
	}
}

const char *hv_guest_why(const struct hv_guest *g)
{
	return g->why;
}

/* An interrupt for Hyp mode itself, not for the guest that ran. */
static void hv_host_irq(enum hv_irq irq)
{
	if (irq == HV_IRQ_HTIMER)
		hyp_htimer_off();
	else if (irq == HV_IRQ_CONSOLE)
		board_console_rx_irq();
}

/* Counter ticks in `us`, in 32-bit divisions (a 64-bit one links
 * libgcc's __udivmoddi4, 1 KB): the counters tern meets run at whole kHz. */
static __attribute__((noinline)) uint64_t hv_us_to_ticks(uint32_t us)
{
	uint32_t khz = hyp_counter_hz() / 1000u;
	return (uint64_t)khz * (us / 1000u) + khz * (us % 1000u) / 1000u;
}

/*
 * Every guest waits: put the loaded one away (its timer becomes a saved
 * compare value), let the Hyp timer fire at the first virtual timer
 * deadline or after `max_us`, sleep. Interrupts stay masked in Hyp mode;
 * WFI wakes on a pending one anyway (B1.8.13), which is then acknowledged
 * here.
 */
void hv_idle(uint32_t max_us)
{
	uint64_t now = hyp_counter(), next;
	uint32_t token;
	enum hv_irq irq;
	unsigned i;

	next = now + hv_us_to_ticks(max_us);
	if (hv_core.loaded) {
		hv_vcpu_put(hv_core.loaded);
		hv_core.loaded = NULL;
	}
	for (i = 0; i < HV_POOL; i++) {
		uint64_t d;

		if (hv_guests[i].state != HV_WAITING)
			continue;
		d = hv_deadline(&hv_guests[i], now, true);
		if (d < next)
			next = d;
	}
	hyp_htimer_at(next);
	board_idle();
	while ((irq = hv_core.irqc->ack(&token)) != HV_IRQ_NONE) {
		hv_host_irq(irq);
		hv_core.irqc->end(token);
	}
	hyp_htimer_off();
}

void hv_guest_free(struct hv_guest *g)
{
	hv_guest_unload(g);
	g->state = HV_FREE;
}

void hv_guest_reset(struct hv_guest *g)
{
	hv_guest_reboot(g);
}

void hv_guest_boot_at(struct hv_guest *g, uint32_t entry)
{
	hv_guest_unload(g);
	g->boot.entry = entry;
	hv_guest_boot_cpu(g);
}

void hv_guest_state(struct hv_guest *g, struct hv_guest_view *v)
{
	hv_guest_unload(g);
	if (g->cpu_banked) {
		hyp_vcpu_unbank(&g->cpu);
		g->cpu_banked = false;
	}
	g->vif_known = false;       /* the caller may change struct gic */
	v->cpu = &g->cpu;
	v->gic = &g->gic;
	v->uart = &g->uart;
	v->ram = (uint8_t *)(uintptr_t)g->ram_pa;
	v->ram_size = g->ram_size;
	v->counter = hyp_counter();
	v->ticks_run = g->ticks_run;
}

/*
 * The restored state, in one go. The guest's virtual count (CNTVCT =
 * CNTPCT - CNTVOFF, B8.1.1) goes on from the snapshot's: CNTVOFF takes
 * up the difference between this counter and the saved one. The
 * physical count is the hardware's and cannot be set (it jumps).
 */
void hv_guest_commit(struct hv_guest *g, const struct vm_state *st,
		     uint8_t **old_ram, uint32_t *old_size)
{
	void (*gout)(void *, bool, bool) = g->gic.out;
	void (*tx)(void *, uint8_t) = g->uart.tx;
	void (*uirq)(void *, bool) = g->uart.irq;

	hv_guest_unload(g);
	*old_ram = (uint8_t *)(uintptr_t)g->ram_pa;
	*old_size = g->ram_size;
	g->ram_pa = (uint32_t)(uintptr_t)st->ram;
	g->ram_size = st->ram_size;
	hv_guest_s2(g);
	hyp_s2_flush_tlb();
	hyp_sync_guest_ram(g->ram_pa, g->ram_size);

	g->cpu = st->cpu;
	g->cpu_banked = false;
	g->cpu.sys.cntvoff += hyp_counter() - st->timer_count;
	g->gic = st->gic;
	g->gic.out = gout;
	g->gic.ctx = g;
	g->uart = st->uart;
	g->uart.tx = tx;
	g->uart.irq = uirq;
	g->uart.ctx = g;
	g->uart.irq_level = false;
	g->gic.irq_out = g->gic.fiq_out = false;
	g->vtimer_masked = false;
	g->vif_known = false;
	g->why[0] = 0;
	/* The lines as the state says: the UART's output into the GIC. */
	pl011_write(&g->uart, 0x44, 0);          /* UARTICR of nothing */
	gic_cpu_write(&g->gic, 0x04, g->gic.pmr); /* GICC_PMR: drives IRQ/FIQ */
	g->state = HV_RUNNABLE;
}

/* ---- start-up ---- */

void hv_set_slice_us(uint32_t us)
{
	hv_slice_us = us ? us : 1u;
	hv_core.slice_ticks = hv_us_to_ticks(hv_slice_us);
	if (!hv_core.slice_ticks)
		hv_core.slice_ticks = 1;
}

__attribute__((weak)) const struct hv_platform *hv_board_platform(void)
{
	return NULL;
}

bool hv_platform_init(void)
{
	const struct hv_platform *p = hv_board_platform();
	uint64_t end;

	if (!p)
		return false;
	hv_plat = p;
	/* The RAM bank tern itself is in goes on to where guests live. */
	end = fdt_ram_end((const void *)(uintptr_t)p->dtb, HV_FDT_MAX,
			  (uint32_t)(uintptr_t)hv_guests);
	if (!end)
		end = p->ram_end;
	hv_ram_end = end > 0xffffffffu ? 0xffffffffu : (uint32_t)end;
	return true;
}

bool hv_init(void)
{
	if (!hv_platform_init())
		return false;
	hyp_init(HV_GUEST_MIDR, HV_GUEST_MPIDR);
	hv_core.irqc = hv_plat->irq;
	if (hv_core.irqc->init)
		hv_core.irqc->init();
	if (hv_plat->gich && hv_plat->gicv) {
		hv_core.nr_lr = hyp_vgic_init(hv_plat->gich);
		hv_gicv = hv_plat->gicv;
		hv_core.irqc->enable(HV_IRQ_MAINTENANCE, true);
	}
	hv_set_slice_us(hv_slice_us);
	hyp_s2_flush_tlb();
	hv_core.irqc->enable(HV_IRQ_HTIMER, true);
	hv_console_irq = board_console_irq();
	if (hv_console_irq)
		hv_core.irqc->enable(HV_IRQ_CONSOLE, true);
	return true;
}

uint32_t hv_ram_limit(void)
{
	return hv_ram_end;
}

uint32_t hv_guest_ram_size(void)
{
	return hv_plat ? hv_plat->guest_ram_size : 0;
}

static unsigned hv_ram_blocks(void)
{
	uint32_t base = hv_plat->guest_ram_base;
	uint32_t n = hv_ram_end > base ? (hv_ram_end - base) / HV_RAM_BLOCK : 0;

	return n < HV_RAM_BLOCKS_MAX ? n : HV_RAM_BLOCKS_MAX;
}

/* First fit over the 2 MiB blocks above guest_ram_base. */
uint8_t *hv_ram_alloc(uint32_t size)
{
	unsigned want = (size + HV_RAM_BLOCK - 1) / HV_RAM_BLOCK, total, i, run = 0;
	uint8_t *p;

	if (!hv_plat || !want)
		return NULL;
	total = hv_ram_blocks();
	for (i = 0; i < total; i++) {
		run = hv_ram_used[i] ? 0 : run + 1;
		if (run < want)
			continue;
		i = i + 1 - want;
		memset(&hv_ram_used[i], 1, want);
		p = (uint8_t *)(uintptr_t)(hv_plat->guest_ram_base + i * HV_RAM_BLOCK);
		/* QEMU's RAM starts zeroed; so does a guest's here. */
		memset(p, 0, (size_t)want * HV_RAM_BLOCK);
		return p;
	}
	return NULL;
}

void hv_ram_free(uint8_t *ram, uint32_t size)
{
	unsigned want = (size + HV_RAM_BLOCK - 1) / HV_RAM_BLOCK;
	unsigned i = ((uint32_t)(uintptr_t)ram - hv_plat->guest_ram_base) / HV_RAM_BLOCK;

	if (ram)
		memset(&hv_ram_used[i], 0, want);
}

unsigned hv_boot_images(const uint8_t **images, size_t *lens, unsigned max)
{
	const struct hv_platform *p = hv_plat;
	unsigned slot, n = 0;

	if (!p)
		return 0;
	for (slot = 0; slot < p->image_slots && n < max; slot++) {
		uint32_t at = p->image_base + slot * p->image_slot_size;

		if (at + (uint64_t)p->image_slot_size > hv_ram_end)
			break;
		if (!elf_is_elf((const uint8_t *)(uintptr_t)at, p->image_slot_size))
			continue;
		images[n] = (const uint8_t *)(uintptr_t)at;
		lens[n++] = p->image_slot_size;
	}
	return n;
}
