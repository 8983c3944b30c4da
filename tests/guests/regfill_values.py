#!/usr/bin/env python3
"""The values the `regfill` guest puts in its registers.

This file is the single source of truth: the build runs it to generate
build/guests/regfill_values.h (`python3 regfill_values.py > ...h`), which
regfill.S includes, and tests/qemu imports it to know what a snapshot taken
after the guest printed READY must hold.

Every value is distinct from every other (checked below, and at build time),
so a swapped pair of registers shows up as a mismatch.
"""

# Final state: SVC mode, IRQ/FIQ/async aborts masked as at entry.
SVC_REGS = [0x5C000000 | (n << 16) | (0xA0 + n) for n in range(13)]  # r0-r12
SVC_SP = 0x5C0D5AFE
SVC_LR = 0x5C0D1E55
SVC_SPSR = 0x980301D7         # N V Q, GE=0b0011, A I F, mode ABT

# CPSR flag bits the guest sets last (msr APSR_nzcvqg): N C V, Q, GE=0b0101.
CPSR_FLAGS = 0xB8050000
CPSR_MODE_BITS = 0x000001D3   # A I F, SVC: as QEMU enters the guest
CPSR = CPSR_FLAGS | CPSR_MODE_BITS

# Banked registers of the other modes. "usr" is USR/SYS (written from SYS).
# fiq_r8..fiq_r12 are the FIQ bank of r8-r12, distinct from SVC r8-r12.
BANKED = {
    "fiq": {"sp": 0xF1005AFE, "lr": 0xF1001E55, "spsr": 0x80010150,
            "r8": 0xF1080008, "r9": 0xF1090009, "r10": 0xF10A000A,
            "r11": 0xF10B000B, "r12": 0xF10C000C},
    "irq": {"sp": 0x1E905AFE, "lr": 0x1E901E55, "spsr": 0x40020093},
    "abt": {"sp": 0xAB705AFE, "lr": 0xAB701E55, "spsr": 0x20040113},
    "und": {"sp": 0x0DD05AFE, "lr": 0x0DD01E55, "spsr": 0x100800B0},
    "usr": {"sp": 0x05E05AFE, "lr": 0x05E01E55},
}

# QEMU's bank numbers (env.banked_r13/_r14/_spsr index).
QEMU_BANK = {"usr": 0, "svc": 1, "abt": 2, "und": 3, "irq": 4, "fiq": 5,
             "hyp": 6, "mon": 7}

# d0-d31, 64-bit each.
DREGS = [((0xD0000A0B | (n << 16)) << 32) | (0x0D0000E5 | (n << 8))
         for n in range(32)]

# FPSCR: N C, DN, RMode=0b10 (towards minus infinity), IDC IXC OFC IOC.
FPSCR = 0xA2800095
FPEXC = 0x40000000           # EN

# cp15 registers a PL1 guest owns with the MMU off.
# name: (value, (opc1, CRn, CRm, opc2)) for MCR p15.
CP15 = {
    "TTBR0":      (0x4000406A, (0, 2, 0, 0)),
    "TTBR1":      (0x4000807B, (0, 2, 0, 1)),
    "TTBCR":      (0x00000005, (0, 2, 0, 2)),
    "DACR":       (0x5A5AA5A5, (0, 3, 0, 0)),
    "DFSR":       (0x00000A07, (0, 5, 0, 0)),
    "IFSR":       (0x0000140D, (0, 5, 0, 1)),
    "DFAR":       (0xDFA0D00D, (0, 6, 0, 0)),
    "IFAR":       (0x1FA0C0DE, (0, 6, 0, 2)),
    "PRRR":       (0xFF0A81A8, (0, 10, 2, 0)),
    "NMRR":       (0x40E040E0, (0, 10, 2, 1)),
    "VBAR":       (0x4001E3C0, (0, 12, 0, 0)),
    "CONTEXTIDR": (0xC0DE0042, (0, 13, 0, 1)),
    "TPIDRURW":   (0x7E57AB1E, (0, 13, 0, 2)),
    "TPIDRURO":   (0x0DDBA11F, (0, 13, 0, 3)),
    "TPIDRPRW":   (0xFEEDFACE, (0, 13, 0, 4)),
    "CSSELR":     (0x00000002, (2, 0, 0, 0)),
}


def all_values():
    """(name, value) of every distinct value the guest writes."""
    out = [("svc_r%d" % n, v) for n, v in enumerate(SVC_REGS)]
    out += [("svc_sp", SVC_SP), ("svc_lr", SVC_LR), ("svc_spsr", SVC_SPSR),
            ("cpsr", CPSR), ("fpscr", FPSCR)]
    for mode, regs in BANKED.items():
        out += [("%s_%s" % (mode, r), v) for r, v in regs.items()]
    for n, d in enumerate(DREGS):
        out += [("d%d_lo" % n, d & 0xFFFFFFFF), ("d%d_hi" % n, d >> 32)]
    out += [(name, v) for name, (v, _) in CP15.items()]
    return out


def check():
    vals = all_values()
    seen = {}
    for name, v in vals:
        assert 0 <= v <= 0xFFFFFFFF, name
        assert v not in seen, "%s and %s share 0x%08x" % (name, seen[v], v)
        seen[v] = name
    assert CP15["VBAR"][0] & 0x1F == 0


def header():
    check()
    lines = ["/* Generated from tests/guests/regfill_values.py: do not edit. */",
             "#ifndef REGFILL_VALUES_H", "#define REGFILL_VALUES_H"]
    d = lambda name, v: lines.append("#define RF_%s 0x%08X" % (name, v))
    for n, v in enumerate(SVC_REGS):
        d("SVC_R%d" % n, v)
    d("SVC_SP", SVC_SP)
    d("SVC_LR", SVC_LR)
    d("SVC_SPSR", SVC_SPSR)
    d("CPSR_FLAGS", CPSR_FLAGS)
    for mode, regs in BANKED.items():
        for r, v in regs.items():
            d("%s_%s" % (mode.upper(), r.upper()), v)
    for n, v in enumerate(DREGS):
        d("D%d_LO" % n, v & 0xFFFFFFFF)
        d("D%d_HI" % n, v >> 32)
    d("FPSCR", FPSCR)
    d("FPEXC", FPEXC)
    for name, (v, (opc1, crn, crm, opc2)) in CP15.items():
        d(name, v)
        lines.append("#define RF_%s_MCR(r) mcr p15, %d, r, c%d, c%d, %d"
                     % (name, opc1, crn, crm, opc2))
    lines.append("#endif")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys
    sys.stdout.write(header())
