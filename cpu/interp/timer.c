/*
 * Generic Timer clock of the interpreter (see timer.h): one count per
 * retired instruction.
 */
#include "cpu/interp/interp_internal.h"
#include "cpu/interp/sys_cpreg.h"
#include "cpu/interp/timer.h"

uint64_t interp_timer_count(const struct interp *ip)
{
	return interp_count(ip) + ip->timer_offset;
}

void interp_timer_set_count(struct interp *ip, uint64_t count)
{
	ip->timer_offset = count - interp_count(ip);
	interp_timer_update(ip);
}

bool interp_timer_level(const struct interp *ip, unsigned which)
{
	return sys_timer_level(&ip->cpu->sys, which, interp_timer_count(ip));
}

uint64_t interp_timer_next(const struct interp *ip)
{
	uint64_t now = interp_timer_count(ip);
	uint64_t p = sys_timer_deadline(&ip->cpu->sys, SYS_TIMER_PHYS, now);
	uint64_t v = sys_timer_deadline(&ip->cpu->sys, SYS_TIMER_VIRT, now);
	uint64_t d = p < v ? p : v;
	/* A deadline in counts, as an instruction count. */
	return d == UINT64_MAX ? d : d - ip->timer_offset;
}

void interp_timer_update(struct interp *ip)
{
	struct arm_sysregs *s = &ip->cpu->sys;
	uint64_t now = interp_timer_count(ip);
	/* Keep CTL.ISTATUS as QEMU saves it. */
	for (unsigned w = 0; w < 2; w++) {
		struct arm_gtimer_regs *t = w ? &s->cntv : &s->cntp;
		uint64_t c = w ? now - s->cntvoff : now;
		t->ctl &= 3u;
		if ((t->ctl & 1u) && c >= t->cval)
			t->ctl |= 4u;
	}
#ifdef INTERP_BUS_TIMER_IRQ
	if (ip->bus.timer_irq) {
		ip->bus.timer_irq(ip->bus.ctx, INTERP_TIMER_PHYS,
				  sys_timer_level(s, SYS_TIMER_PHYS, now));
		ip->bus.timer_irq(ip->bus.ctx, INTERP_TIMER_VIRT,
				  sys_timer_level(s, SYS_TIMER_VIRT, now));
	}
#endif
}
