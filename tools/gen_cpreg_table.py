#!/usr/bin/env python3
"""Generate cpu/cpreg_a15.c: QEMU 7.2's cortex-a15 cp-register lists as C data.

The lists share their entries: one table holds each entry once, in index
order, marked EL2 where only the virtualization=on list has it; that list
is the whole table, the other one the entries not marked. An entry is 4
bytes: the 64-bit index as an 18-bit key, a constant as its position in a
pool of the distinct ones; a field's reset value comes from a short list
of the fields that do not reset to 0. Names are comments: tern names a
register by its encoding (cpu/cpreg.c's cpreg_name()), which costs the
firmware no table.

    tools/gen_cpreg_table.py [SPEC_DIR] > cpu/cpreg_a15.c

SPEC_DIR (default ../shared/spec, or $TERN_SPEC_DIR) holds
cpregs-cortex-a15-virt-off.txt and cpregs-cortex-a15-virt-on.txt, the lists
exactly as QEMU writes them. This script adds what those files cannot say:
each entry's name, whether it is a constant, and which field of struct
arm_sysregs holds it (REGS below). Constants take their value from the spec
file; other entries take the reset value of their field (RESET below), which
are the values QEMU 7.2 saves for a core that has not run an instruction.

The build does not need this script: its output is committed. Run it again
when a list changes or a new one is added, and review the diff.

Which entries share a field was measured on qemu-system-arm 7.2: load a
stream with one value changed, save it again, and see which entries moved.
With no EL3, a banked register's secure copy (ns=0 index) and its
non-secure copy share storage, and so do the AArch32 and AArch64 encodings
of one register. MAIR_EL3 and the CNTPS_* timer do not alias anything.
"""
import os
import sys

# Reset values of fields that do not reset to 0 (QEMU 7.2, cortex-a15).
RESET = {
    'sctlr': 0x00c50078,        # cortex-a15 reset SCTLR
    'cntfrq': 62500000,         # QEMU's generic timer: 62.5 MHz
    'pmcr': 0x410f3000,         # IMP 'A', IDCODE 0x0f, N = 6
    'dbgoslsr': 0xa,            # OS lock implemented and locked
    'vpidr': 0x414fc0f0,        # = MIDR
    'vmpidr': 0x80000000,       # = MPIDR of cpu 0 (bit 31 RES1)
    'hdcr': 6,                  # HPMN = PMCR.N
    'cnthctl': 3,               # PL1PCTEN | PL1PCEN
}

# index -> (name, kind, field). kind: 'C' constant (value from the spec
# file), '32' a 32-bit field, 'lo32' the low word of a 64-bit field,
# '64' a 64-bit field.
REGS = {}


def reg(index, name, kind, field=None):
    assert index not in REGS, hex(index)
    REGS[index] = (name, kind, field)


def a32(cp, crn, crm, opc1, opc2, ns=True):
    return (0x4020000000000000 | (0x20000000 if ns else 0) | cp << 16 |
            crn << 11 | crm << 7 | opc1 << 3 | opc2)


def a32w(cp, crm, opc1, ns=True):
    return (0x4030000000000000 | (0x20000000 if ns else 0) | cp << 16 |
            crm << 7 | opc1 << 3)


def a64(op0, op1, crn, crm, op2):
    return (0x6030000000130000 | op0 << 14 | op1 << 11 | crn << 7 |
            crm << 3 | op2)


def p15(crn, crm, opc1, opc2, ns=True):
    return a32(15, crn, crm, opc1, opc2, ns)


def p14(crn, crm, opc1, opc2):
    return a32(14, crn, crm, opc1, opc2)


# --- Secure copies of banked registers (ns=0). No EL3: they share the
# non-secure register's storage.
for (crn, crm, opc1, opc2, name, kind, field) in [
        (0, 0, 2, 0, 'CSSELR', '32', 'csselr'),
        (1, 0, 0, 0, 'SCTLR', '32', 'sctlr'),
        (2, 0, 0, 0, 'TTBR0', 'lo32', 'ttbr0'),
        (2, 0, 0, 1, 'TTBR1', 'lo32', 'ttbr1'),
        (3, 0, 0, 0, 'DACR', '32', 'dacr'),
        (5, 0, 0, 1, 'IFSR', '32', 'ifsr'),
        (6, 0, 0, 0, 'DFAR', '32', 'dfar'),
        (6, 0, 0, 2, 'IFAR', '32', 'ifar'),
        (7, 4, 0, 0, 'PAR', 'lo32', 'par'),
        (10, 2, 0, 0, 'PRRR', '32', 'prrr'),
        (10, 2, 0, 1, 'NMRR', '32', 'nmrr'),
        (12, 0, 0, 0, 'VBAR', '32', 'vbar'),
        (13, 0, 0, 0, 'FCSEIDR', '32', 'fcseidr'),
        (13, 0, 0, 1, 'CONTEXTIDR', '32', 'contextidr'),
        (13, 0, 0, 2, 'TPIDRURW', '32', 'tpidrurw'),
        (13, 0, 0, 3, 'TPIDRURO', '32', 'tpidruro'),
        (13, 0, 0, 4, 'TPIDRPRW', '32', 'tpidrprw')]:
    reg(p15(crn, crm, opc1, opc2, ns=False), name + '_S', kind, field)

# --- cp14: debug (C11), ThumbEE, Jazelle.
reg(p14(0, 0, 0, 0), 'DBGDIDR', 'C')
for n in range(6):
    reg(p14(0, n, 0, 4), 'DBGBVR%d' % n, '32', 'dbgbvr[%d]' % n)
    reg(p14(0, n, 0, 5), 'DBGBCR%d' % n, '32', 'dbgbcr[%d]' % n)
    reg(a64(2, 0, 0, n, 4), 'DBGBVR%d_EL1' % n, '32', 'dbgbvr[%d]' % n)
    reg(a64(2, 0, 0, n, 5), 'DBGBCR%d_EL1' % n, '32', 'dbgbcr[%d]' % n)
for n in range(4):
    reg(p14(0, n, 0, 6), 'DBGWVR%d' % n, '32', 'dbgwvr[%d]' % n)
    reg(p14(0, n, 0, 7), 'DBGWCR%d' % n, '32', 'dbgwcr[%d]' % n)
    reg(a64(2, 0, 0, n, 6), 'DBGWVR%d_EL1' % n, '32', 'dbgwvr[%d]' % n)
    reg(a64(2, 0, 0, n, 7), 'DBGWCR%d_EL1' % n, '32', 'dbgwcr[%d]' % n)
reg(p14(0, 2, 0, 2), 'DBGDSCRext', '32', 'dbgdscr_ext')
reg(a64(2, 0, 0, 2, 2), 'MDSCR_EL1', '32', 'dbgdscr_ext')
reg(p14(1, 0, 0, 0), 'DBGDRAR', 'C')
reg(a32w(14, 1, 0), 'DBGDRAR (64-bit)', 'C')
reg(a64(2, 0, 1, 0, 0), 'MDRAR_EL1', 'C')
reg(p14(2, 0, 0, 0), 'DBGDSAR', 'C')
reg(a32w(14, 2, 0), 'DBGDSAR (64-bit)', 'C')
reg(p14(1, 1, 0, 4), 'DBGOSLSR', '32', 'dbgoslsr')
reg(a64(2, 0, 1, 1, 4), 'OSLSR_EL1', '32', 'dbgoslsr')
reg(p14(1, 3, 0, 4), 'DBGOSDLR', '32', 'dbgosdlr')
reg(a64(2, 0, 1, 3, 4), 'OSDLR_EL1', '32', 'dbgosdlr')
reg(a64(2, 3, 0, 1, 0), 'MDCCSR_EL0', 'C')
# QEMU 7.2 encodes DBGDEVID/1/2 as p14 0 c7 c0 {2,1,0} (the architecture
# says c7 c2 7, c7 c1 7, c7 c0 7): the stream carries QEMU's indexes.
reg(p14(7, 0, 0, 0), 'DBGDEVID2', 'C')
reg(p14(7, 0, 0, 1), 'DBGDEVID1', 'C')
reg(p14(7, 0, 0, 2), 'DBGDEVID', 'C')
reg(p14(0, 0, 6, 0), 'TEECR', '32', 'teecr')
reg(p14(1, 0, 6, 0), 'TEEHBR', '32', 'teehbr')
reg(p14(0, 0, 7, 0), 'JIDR', 'C')
reg(p14(1, 0, 7, 0), 'JOSCR', 'C')
reg(p14(2, 0, 7, 0), 'JMCR', 'C')

# --- cp15 identification: constants of the model.
for (crn, crm, opc1, opc2, name) in [
        (0, 0, 0, 0, 'MIDR'), (0, 0, 0, 1, 'CTR'), (0, 0, 0, 2, 'TCMTR'),
        (0, 0, 0, 3, 'TLBTR'), (0, 0, 1, 1, 'CLIDR'), (0, 0, 1, 7, 'AIDR'),
        (15, 0, 4, 0, 'CBAR'), (9, 0, 1, 2, 'L2CTLR'), (9, 0, 1, 3, 'L2ECTLR')]:
    reg(p15(crn, crm, opc1, opc2), name, 'C')
ID_REGS = [(1, 0, 'ID_PFR0'), (1, 2, 'ID_DFR0'), (1, 3, 'ID_AFR0'),
           (1, 4, 'ID_MMFR0'), (1, 5, 'ID_MMFR1'), (1, 6, 'ID_MMFR2'),
           (1, 7, 'ID_MMFR3'), (2, 0, 'ID_ISAR0'), (2, 1, 'ID_ISAR1'),
           (2, 2, 'ID_ISAR2'), (2, 3, 'ID_ISAR3'), (2, 4, 'ID_ISAR4'),
           (2, 5, 'ID_ISAR5'), (2, 6, 'ID_MMFR4'), (2, 7, 'ID_ISAR6')]
for (crm, opc2, name) in ID_REGS:
    reg(p15(0, crm, 0, opc2), name, 'C')
    reg(a64(3, 0, 0, crm, opc2), name + '_EL1', 'C')
# crn=0 opc1=0 crm=3..7: unallocated ID space, RAZ. QEMU lists opc2=0 only.
for crm in range(3, 8):
    reg(p15(0, crm, 0, 0), 'ID_c0_c%d_0 (RAZ)' % crm, 'C')
reg(a64(3, 1, 0, 0, 1), 'CLIDR_EL1', 'C')
reg(a64(3, 1, 0, 0, 7), 'AIDR_EL1', 'C')
reg(a64(3, 3, 0, 0, 1), 'CTR_EL0', 'C')
# Implementation defined registers that QEMU makes RAZ/WI constants.
reg(p15(1, 0, 0, 1), 'ACTLR', 'C')
reg(a64(3, 0, 1, 0, 1), 'ACTLR_EL1', 'C')
reg(p15(1, 0, 4, 1), 'HACTLR', 'C')
reg(a64(3, 4, 1, 0, 1), 'ACTLR_EL2', 'C')
reg(a64(3, 6, 1, 0, 1), 'ACTLR_EL3', 'C')
reg(p15(5, 1, 0, 0), 'ADFSR', 'C')
reg(p15(5, 1, 0, 1), 'AIFSR', 'C')
reg(a64(3, 0, 5, 1, 0), 'AFSR0_EL1', 'C')
reg(a64(3, 0, 5, 1, 1), 'AFSR1_EL1', 'C')
reg(p15(10, 3, 0, 0), 'AMAIR0', 'C')
reg(p15(10, 3, 0, 1), 'AMAIR1', 'C')
reg(a64(3, 0, 10, 3, 0), 'AMAIR_EL1', 'C')
reg(p15(6, 0, 0, 1), 'WFAR', 'C')        # ARMv6 leftover, RAZ/WI

# --- cp15 PL1&0 state, non-secure AArch32 view and AArch64 view.
for (crn, crm, opc1, opc2, name, kind, field) in [
        (1, 0, 0, 2, 'CPACR', '32', 'cpacr'),
        (3, 0, 0, 0, 'DACR', '32', 'dacr'),
        (5, 0, 0, 1, 'IFSR', '32', 'ifsr'),
        (6, 0, 0, 0, 'DFAR', '32', 'dfar'),
        (6, 0, 0, 2, 'IFAR', '32', 'ifar'),
        (7, 4, 0, 0, 'PAR', 'lo32', 'par'),
        (9, 12, 0, 3, 'PMOVSR', '32', 'pmovsr'),
        (9, 14, 0, 0, 'PMUSERENR', '32', 'pmuserenr'),
        (10, 2, 0, 0, 'PRRR', '32', 'prrr'),
        (10, 2, 0, 1, 'NMRR', '32', 'nmrr'),
        (13, 0, 0, 0, 'FCSEIDR', '32', 'fcseidr'),
        (13, 0, 0, 1, 'CONTEXTIDR', '32', 'contextidr'),
        (13, 0, 0, 2, 'TPIDRURW', '32', 'tpidrurw'),
        (13, 0, 0, 3, 'TPIDRURO', '32', 'tpidruro'),
        (13, 0, 0, 4, 'TPIDRPRW', '32', 'tpidrprw'),
        (14, 1, 0, 0, 'CNTKCTL', '32', 'cntkctl')]:
    reg(p15(crn, crm, opc1, opc2), name, kind, field)
reg(a32w(15, 7, 0, ns=False), 'PAR_S (64-bit)', '64', 'par')
reg(a32w(15, 7, 0), 'PAR (64-bit)', '64', 'par')
for (op1, crn, crm, op2, name, kind, field) in [
        (0, 1, 0, 0, 'SCTLR_EL1', '32', 'sctlr'),
        (0, 1, 0, 2, 'CPACR_EL1', '32', 'cpacr'),
        (0, 2, 0, 0, 'TTBR0_EL1', '64', 'ttbr0'),
        (0, 2, 0, 1, 'TTBR1_EL1', '64', 'ttbr1'),
        (0, 2, 0, 2, 'TCR_EL1', '32', 'ttbcr'),
        (0, 5, 2, 0, 'ESR_EL1', '32', 'dfsr'),
        (0, 6, 0, 0, 'FAR_EL1', '64', 'far'),
        (0, 9, 14, 1, 'PMINTENSET_EL1', '32', 'pmintenset'),
        (0, 10, 2, 0, 'MAIR_EL1', '64', 'mair'),
        (0, 12, 0, 0, 'VBAR_EL1', '32', 'vbar'),
        (0, 13, 0, 1, 'CONTEXTIDR_EL1', '32', 'contextidr'),
        (0, 13, 0, 4, 'TPIDR_EL1', '32', 'tpidrprw'),
        (0, 14, 1, 0, 'CNTKCTL_EL1', '32', 'cntkctl'),
        (2, 0, 0, 0, 'CSSELR_EL1', '32', 'csselr'),
        (3, 9, 12, 0, 'PMCR_EL0', '32', 'pmcr'),
        (3, 9, 12, 1, 'PMCNTENSET_EL0', '32', 'pmcntenset'),
        (3, 9, 12, 5, 'PMSELR_EL0', '32', 'pmselr'),
        (3, 9, 13, 0, 'PMCCNTR_EL0', '64', 'pmccntr'),
        (3, 13, 0, 2, 'TPIDR_EL0', '32', 'tpidrurw'),
        (3, 13, 0, 3, 'TPIDRRO_EL0', '32', 'tpidruro'),
        (3, 14, 0, 0, 'CNTFRQ_EL0', '32', 'cntfrq'),
        (3, 14, 2, 1, 'CNTP_CTL_EL0', '32', 'cntp.ctl'),
        (3, 14, 2, 2, 'CNTP_CVAL_EL0', '64', 'cntp.cval'),
        (3, 14, 3, 1, 'CNTV_CTL_EL0', '32', 'cntv.ctl'),
        (3, 14, 3, 2, 'CNTV_CVAL_EL0', '64', 'cntv.cval'),
        (3, 14, 15, 7, 'PMCCFILTR_EL0', '32', 'pmccfiltr'),
        (6, 10, 2, 0, 'MAIR_EL3', '64', 'mair_el3'),
        (7, 14, 2, 1, 'CNTPS_CTL_EL1', '32', 'cntps.ctl'),
        (7, 14, 2, 2, 'CNTPS_CVAL_EL1', '64', 'cntps.cval')]:
    reg(a64(3, op1, crn, crm, op2), name, kind, field)
for n in range(6):
    # PMEVCNTRn_EL0 / PMEVTYPERn_EL0: crm = 8 + n / 8, op2 = n % 8.
    reg(a64(3, 3, 14, 8 + n // 8, n % 8), 'PMEVCNTR%d_EL0' % n, '32', 'pmevcntr[%d]' % n)
    reg(a64(3, 3, 14, 12 + n // 8, n % 8), 'PMEVTYPER%d_EL0' % n, '32', 'pmevtyper[%d]' % n)

# --- HYP mode (virtualization=on).
for (crn, crm, opc1, opc2, name, kind, field) in [
        (1, 0, 4, 0, 'HSCTLR', '32', 'hsctlr'),
        (1, 1, 4, 1, 'HDCR', '32', 'hdcr'),
        (1, 1, 4, 2, 'HCPTR', '32', 'hcptr'),
        (1, 1, 4, 3, 'HSTR', '32', 'hstr'),
        (1, 1, 4, 7, 'HACR', 'C', None),
        (2, 0, 4, 2, 'HTCR', '32', 'htcr'),
        (5, 1, 4, 0, 'HADFSR', 'C', None),
        (5, 1, 4, 1, 'HAIFSR', 'C', None),
        (5, 2, 4, 0, 'HSR', '32', 'hsr'),
        (6, 0, 4, 0, 'HDFAR', '32', 'hdfar'),
        (6, 0, 4, 4, 'HPFAR', '32', 'hpfar'),
        (10, 2, 4, 0, 'HMAIR0', '32', 'hmair0'),
        (10, 3, 4, 0, 'HAMAIR0', 'C', None),
        (10, 3, 4, 1, 'HAMAIR1', 'C', None),
        (12, 0, 4, 0, 'HVBAR', '32', 'hvbar'),
        (13, 0, 4, 2, 'HTPIDR', '32', 'htpidr'),
        (14, 1, 4, 0, 'CNTHCTL', '32', 'cnthctl'),
        (14, 2, 4, 1, 'CNTHP_CTL', '32', 'cnthp.ctl')]:
    reg(p15(crn, crm, opc1, opc2), name, kind, field)
reg(a32w(15, 14, 6), 'CNTHP_CVAL (64-bit)', '64', 'cnthp.cval')
for (op1, crn, crm, op2, name, kind, field) in [
        (4, 0, 0, 0, 'VPIDR_EL2', '32', 'vpidr'),
        (4, 0, 0, 5, 'VMPIDR_EL2', '32', 'vmpidr'),
        (4, 1, 0, 0, 'SCTLR_EL2', '32', 'hsctlr'),
        (4, 1, 1, 0, 'HCR_EL2', '32', 'hcr'),
        (4, 1, 1, 1, 'MDCR_EL2', '32', 'hdcr'),
        (4, 1, 1, 2, 'CPTR_EL2', '32', 'hcptr'),
        (4, 1, 1, 3, 'HSTR_EL2', '32', 'hstr'),
        (4, 1, 1, 7, 'HACR_EL2', 'C', None),
        (4, 2, 0, 0, 'TTBR0_EL2', '64', 'httbr'),
        (4, 2, 0, 2, 'TCR_EL2', '32', 'htcr'),
        (4, 2, 1, 0, 'VTTBR_EL2', '64', 'vttbr'),
        (4, 2, 1, 2, 'VTCR_EL2', '32', 'vtcr'),
        (4, 5, 1, 0, 'AFSR0_EL2', 'C', None),
        (4, 5, 1, 1, 'AFSR1_EL2', 'C', None),
        (4, 5, 2, 0, 'ESR_EL2', '32', 'hsr'),
        (4, 6, 0, 0, 'FAR_EL2', '64', 'far_el2'),
        (4, 6, 0, 4, 'HPFAR_EL2', '32', 'hpfar'),
        (4, 10, 2, 0, 'MAIR_EL2', '64', 'hmair'),
        (4, 10, 3, 0, 'AMAIR_EL2', 'C', None),
        (4, 12, 0, 0, 'VBAR_EL2', '32', 'hvbar'),
        # QEMU accepts any value on load, but no instruction writes it.
        (4, 12, 0, 1, 'RVBAR_EL2', 'C', None),
        (4, 13, 0, 2, 'TPIDR_EL2', '32', 'htpidr'),
        (4, 14, 0, 3, 'CNTVOFF_EL2', '64', 'cntvoff'),
        (4, 14, 1, 0, 'CNTHCTL_EL2', '32', 'cnthctl'),
        (4, 14, 2, 1, 'CNTHP_CTL_EL2', '32', 'cnthp.ctl'),
        (4, 14, 2, 2, 'CNTHP_CVAL_EL2', '64', 'cnthp.cval')]:
    reg(a64(3, op1, crn, crm, op2), name, kind, field)

# 64-bit fields whose halves are AArch32 registers: (low, high) members.
HALVES = {'far': ('dfar', 'ifar'), 'mair': ('prrr', 'nmrr'),
          'far_el2': ('hdfar', 'hifar'), 'hmair': ('hmair0', 'hmair1')}


def reset_of(kind, field):
    for whole, (lo, hi) in HALVES.items():
        if field in (lo, hi):
            v = RESET.get(whole, 0)
            return (v >> 32) & 0xffffffff if field == hi else v & 0xffffffff
        if field == whole:
            return (RESET.get(hi, 0) << 32) | RESET.get(lo, 0)
    v = RESET.get(field, 0)
    return v & 0xffffffff if kind == 'lo32' else v


def read_spec(path):
    out = []
    with open(path) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            words = line.split()
            out.append((int(words[0], 16), int(words[-1], 16)))
    return out


def merge(off, on):
    """The entries of both lists in index order, each with whether only the
    virtualization=on list has it. The off-list must be the on-list without
    some entries, in the same order, the constants the same in both."""
    on_index = dict(on)
    for index, value in off:
        if index not in on_index:
            sys.exit('%016x is in the virtualization=off list only' % index)
        if index in REGS and REGS[index][1] == 'C' and on_index[index] != value:
            sys.exit('constant %016x differs between the lists' % index)
    in_off = {i for i, _ in off}
    merged = [(index, value, index not in in_off) for index, value in on]
    if [i for i, _, el2 in merged if not el2] != [i for i, _ in off]:
        sys.exit('the virtualization=off list is not in the order of the other')
    return merged


def check_names(entries):
    """Every entry has a name of its own (the comments of the table; tern
    names a register by its encoding, cpreg_name())."""
    seen = set()
    for index, _, _ in entries:
        name = REGS[index][0]
        if name in seen:
            sys.exit('two entries named %s' % name)
        seen.add(name)


# QEMU's index kinds (the top word of an index), in the order of struct
# cpreg `key` bits 31-30 (cpu/cpreg.c's cpreg_index_tops[]): AArch32 32-bit,
# AArch32 64-bit (MCRR), AArch64.
INDEX_TOPS = [0x40200000, 0x40300000, 0x60300000]


def key_of(index):
    """The 18-bit key of a 64-bit index (cpreg_index() in cpu/cpreg.c
    undoes it): its kind in bits 17-16, its encoding in bits 15-0. An
    AArch64 encoding is 16 bits; an AArch32 one leaves bits 6 and 15 free
    (opc1 is bits 3-5, CRn bits 11-14), which hold cp15 (else cp14) and
    the non-secure bit."""
    top, low = index >> 32, index & 0xffffffff
    if top not in INDEX_TOPS:
        sys.exit('index %016x is of no kind tern knows' % index)
    form = INDEX_TOPS.index(top)
    enc = low & 0xffff
    if form == 2:
        if low >> 16 != 0x13:
            sys.exit('index %016x: not a system register' % index)
    else:
        cp, ns = (low >> 16) & 0x1fff, low >> 29
        if enc & 0x8040 or cp not in (14, 15) or ns > 1:
            sys.exit('index %016x does not fit an 18-bit key' % index)
        enc |= ns << 15 | (cp == 15) << 6
    key = form << 16 | enc
    if index_of(key) != index:
        sys.exit('index %016x: the key does not give it back' % index)
    return key


def index_of(key):
    """cpreg_index(): the 64-bit index of an 18-bit key."""
    form, enc = key >> 16, key & 0xffff
    if form == 2:
        low = 0x130000 | enc
    else:
        low = ((enc >> 15) << 29 | (14 + ((enc >> 6) & 1)) << 16 |
               (enc & 0x7fbf))
    return INDEX_TOPS[form] << 32 | low


def value_pool(entries, reset_values):
    """The distinct constants and reset values, 0 first; struct cpreg and
    struct cpreg_reset keep an 8-bit position in this pool."""
    pool = [0]
    for index, spec_value, _ in entries:
        name, kind, field = REGS[index]
        if kind != 'C':
            continue
        if spec_value > 0xffffffff:
            sys.exit('%s: 0x%x does not fit 32 bits' % (name, spec_value))
        if spec_value not in pool:
            pool.append(spec_value)
    for v in reset_values:
        if v not in pool:
            pool.append(v)
    if len(pool) > 256:
        sys.exit('%d distinct constants: struct cpreg holds an 8-bit position' % len(pool))
    return pool


def resets(entries):
    """The fields whose reset value is not 0, each with it. Such a field is
    32 bits wide and no entry sees it through another field (a 64-bit
    whole, HALVES), so its offset alone gives an entry's reset value."""
    out = {}
    for index, _, _ in entries:
        name, kind, field = REGS[index]
        if kind == 'C':
            continue
        v = reset_of(kind, field)
        if v and (kind != '32' or field not in RESET):
            sys.exit('%s: reset value 0x%x is not that of a 32-bit field' % (name, v))
        if v:
            out[field] = v
    return out


def reset_table(cname, fields, pool):
    lines = ['const struct cpreg_reset %s[] = {' % cname]
    lines += ['\t{ CPREG_OFF(%s, 4), %d /* 0x%x */ },' % (f, pool.index(v), v)
              for f, v in fields.items()]
    lines += ['\t{ 0, 0 },', '};']
    return '\n'.join(lines)


def values(cname, pool):
    lines = ['const uint32_t %s[] = {' % cname]
    for k in range(0, len(pool), 6):
        lines.append('\t' + ' '.join('0x%x,' % v for v in pool[k:k + 6]))
    lines.append('};')
    return '\n'.join(lines)


def table(cname, entries, pool):
    lines = ['static const struct cpreg %s[] = {' % cname]
    prev = -1
    for index, spec_value, el2_only in entries:
        if index not in REGS:
            sys.exit('no mapping for index %016x' % index)
        if index <= prev:
            sys.exit('index %016x out of order' % index)
        prev = index
        name, kind, field = REGS[index]
        lists = 'EL2' if el2_only else 'ALL'
        key = '0x%05x /* %016x %s */' % (key_of(index), index, name)
        if kind == 'C':
            lines.append('\tK(%s, %s, %d /* 0x%x */),' %
                         (lists, key, pool.index(spec_value), spec_value))
            continue
        macro = {'32': 'R32', 'lo32': 'LO32', '64': 'R64'}[kind]
        lines.append('\t%s(%s, %s, %s),' % (macro, lists, key, field))
    lines.append('};')
    return '\n'.join(lines)


def cpreg_list(var, qemu_name, count, el2):
    """A list: the table's entries, with or without the el2_only ones."""
    return '\n'.join(['const struct cpreg_list %s = {' % var,
                      '\t.name = "%s",' % qemu_name,
                      '\t.table = cpreg_a15_table,',
                      '\t.count = %d,' % count,
                      '\t.el2 = %s,' % ('true' if el2 else 'false'),
                      '};'])


HEADER = '''\
/*
 * QEMU 7.2's cp-register lists for cortex-a15 on -M virt.
 * Generated by tools/gen_cpreg_table.py from shared/spec/cpregs-*.txt:
 * edit the script's mapping and run it again rather than editing by hand.
 *
 * One table holds the entries of both lists in index order (the order of
 * a stream): the virtualization=on list is all of them, the other one
 * those without `el2_only`. ALL: an entry of both lists. EL2: only of the
 * virtualization=on list (the HYP registers).
 * An entry is 4 bytes: QEMU's 64-bit index as an 18-bit key (cpreg_index()
 * in cpu/cpreg.c gives it back; the comment spells it out, with the
 * register's name), a constant as its position in cpreg_values[].
 *
 * K:    a constant of the model (ID registers, and the ones QEMU 7.2 makes
 *       RAZ/WI or fixed: a stream with another value is refused).
 * R32:  a 32-bit field of struct arm_sysregs (its reset value: cpreg_resets[]).
 * R64:  a 64-bit field.
 * LO32: the low word of a 64-bit field (the MCR view of TTBR0/1 and PAR).
 * Several entries name one field where QEMU 7.2 keeps one piece of state:
 * secure and non-secure copies (no EL3), AArch32 and AArch64 encodings.
 */
#include <stddef.h>

#include "cpu/arm_sysregs.h"
#include "cpu/cpreg.h"

/* Zero, or a compile error if `ok` is false. */
#define CPREG_CHECK(ok) (0 * sizeof(char[(ok) ? 1 : -1]))
/* Field f's offset in words; a compile error unless it is n bytes wide,
 * word-aligned and within reach of a uint8_t word count. */
#define CPREG_OFF(f, n)                                                        \\
	((uint8_t)(offsetof(struct arm_sysregs, f) / 4 +                       \\
		   CPREG_CHECK(sizeof(((struct arm_sysregs *)0)->f) == (n)) +  \\
		   CPREG_CHECK(offsetof(struct arm_sysregs, f) % 4 == 0) +     \\
		   CPREG_CHECK(offsetof(struct arm_sysregs, f) / 4 <= 0xff)))

#define ALL 0
#define EL2 1
#define K(l, k, v)    { (k), CPREG_CONST, (l), (v) }
#define R32(l, k, f)  { (k), CPREG_U32, (l), CPREG_OFF(f, 4) }
#define R64(l, k, f)  { (k), CPREG_U64, (l), CPREG_OFF(f, 8) }
/* Little-endian host (arm_sysregs.h checks): the low word comes first. */
#define LO32(l, k, f) { (k), CPREG_U32, (l), CPREG_OFF(f, 8) }
'''


def main():
    spec_dir = (sys.argv[1] if len(sys.argv) > 1 else
                os.environ.get('TERN_SPEC_DIR', '../shared/spec'))
    off = read_spec(os.path.join(spec_dir, 'cpregs-cortex-a15-virt-off.txt'))
    on = read_spec(os.path.join(spec_dir, 'cpregs-cortex-a15-virt-on.txt'))
    used = {i for i, _ in off} | {i for i, _ in on}
    unused = sorted(set(REGS) - used)
    if unused:
        sys.exit('mapped but in no list: ' + ' '.join('%016x' % i for i in unused))
    merged = merge(off, on)
    check_names(merged)
    reset_fields = resets(merged)
    pool = value_pool(merged, reset_fields.values())
    print(HEADER)
    print('/* The constants and reset values of every table (one model so far). */')
    print(values('cpreg_values', pool))
    print()
    print('/* The reset values that are not 0, by field (cpreg_value()). */')
    print(reset_table('cpreg_resets', reset_fields, pool))
    print()
    print('/* Both lists: %d entries, %d of them only with virtualization=on. */' %
          (len(merged), len(merged) - len(off)))
    print(table('cpreg_a15_table', merged, pool))
    print('_Static_assert(sizeof(cpreg_a15_table) / sizeof(cpreg_a15_table[0]) == %d,' %
          len(merged))
    print('\t       "both lists");')
    print()
    print('/* -M virt (virtualization=off): %d entries, the ALL ones. */' % len(off))
    print(cpreg_list('cpreg_list_a15', 'cortex-a15', len(off), False))
    print()
    print('/* -M virt,virtualization=on: %d entries, all of them. */' % len(on))
    print(cpreg_list('cpreg_list_a15_el2', 'cortex-a15,virtualization=on', len(on), True))


if __name__ == '__main__':
    main()
