"""Random instruction sequences for the differential tester (difftest.py).

Every generator returns a list of "units": a unit is a list of assembly
lines that must stay together (an IT block with its instructions, a
conditional branch with the instructions it may skip and its label), so the
minimiser can cut a sequence between units. The instructions are confined to
encodings whose behaviour the ARM ARM defines:

  * no PC as an operand or destination, no SP (r13) at all: the sequences
    use r0-r12 and r14 (A32 allows SP in most places but deprecates it,
    T32 makes most SP uses UNPREDICTABLE);
  * memory is reached only through the base register B, which holds the
    middle of the 256-byte scratch buffer and is never a destination; its
    writeback forms keep it inside the buffer (the generator tracks its
    offset). X is a second read-only register holding a small multiple of 4,
    the index of the register-offset forms. Accesses are aligned: with the
    MMU off, memory is Strongly-ordered and unaligned accesses fault
    (ARM ARM A3.5.5/B3.2.1), and QEMU does not model that;
  * the forms the ARM ARM calls UNPREDICTABLE are not generated: RdHi ==
    RdLo in long multiplies, writeback with the base in the list or as the
    transfer register, LDRD with an odd or r14 first register (A32),
    STREX with Rd == Rt or Rn, fewer than two registers in a T32 LDM/STM;
  * exclusives come as LDREX ... STREX pairs on the same address and size,
    with no other store between them (whether an ordinary store clears the
    local monitor is IMPLEMENTATION DEFINED, A3.4.5);
  * branches are conditional and forward, over one to three instructions.

The assembler's warnings (e.g. "unpredictable") drop the case: see
difftest.py.
"""

import struct

GP = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls",
         "ge", "lt", "gt", "le"]
INV = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi",
       "vs": "vc", "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge",
       "gt": "le", "le": "gt"}

SPECIAL32 = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
             0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
             0xffffffff, 31, 32, 33, 63, 64, 0xffffff80, 0xffff8000,
             0x00ff00ff, 0xff00ff00, 0x7f7f7f7f, 0x80808080, 0x01010101]


def rname(r):
    return {13: "sp", 14: "lr", 15: "pc"}.get(r, "r%d" % r)


def rand32(rng):
    c = rng.random()
    if c < 0.25:
        return rng.choice(SPECIAL32)
    if c < 0.40:
        return rng.randrange(0, 64)
    if c < 0.50:
        return (-rng.randrange(1, 64)) & 0xffffffff
    if c < 0.60:
        return rng.getrandbits(16) << rng.choice([0, 8, 16])
    return rng.getrandbits(32)


def rand_apsr(rng):
    """N Z C V Q and GE[3:0]."""
    return rng.getrandbits(32) & 0xf80f0000


# --- floating point inputs -------------------------------------------------

F32_SPECIAL = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
               0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000,
               0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x7f7fffff,
               0xff7fffff, 0x4f000000, 0xcf000000, 0x4f800000, 0x3f000000,
               0x3fc00000, 0x40490fdb, 0x33800000, 0x4b000000, 0x4b7fffff,
               0x5f000000, 0x3effffff, 0x3f000001, 0xbf000000, 0x3fa00000,
               0x47800000, 0x477fe000, 0x38800000, 0x387fc000, 0x33000000]
F64_SPECIAL = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
               0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
               0x7ff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000,
               0x0000000000000001, 0x000fffffffffffff, 0x0010000000000000,
               0x7fefffffffffffff, 0x41e0000000000000, 0xc1e0000000000000,
               0x41dfffffffc00000, 0x41efffffffe00000, 0x3fe0000000000000,
               0x3ff8000000000000, 0x400921fb54442d18, 0x3810000000000000,
               0x47efffffe0000000, 0x47efffff00000000, 0x36a0000000000000,
               0x4330000000000000, 0xc3e0000000000000, 0x43e0000000000000]


def rand_f32(rng):
    c = rng.random()
    if c < 0.35:
        return rng.choice(F32_SPECIAL)
    if c < 0.55:  # small integers and halves, exact sums
        return struct.unpack("<I", struct.pack("<f", rng.randrange(-64, 64) / rng.choice([1, 2, 4])))[0]
    if c < 0.65:
        return rng.getrandbits(32) & 0x807fffff  # subnormal or zero
    if c < 0.75:  # near 2^31 / 2^32 for the conversions
        e = rng.choice([0x4e, 0x4f, 0xce, 0xcf])
        return (e << 24) | (rng.getrandbits(24) & 0xffffff)
    return rng.getrandbits(32)


def rand_f64(rng):
    c = rng.random()
    if c < 0.35:
        return rng.choice(F64_SPECIAL)
    if c < 0.55:
        return struct.unpack("<Q", struct.pack("<d", rng.randrange(-64, 64) / rng.choice([1, 2, 4])))[0]
    if c < 0.65:
        return rng.getrandbits(64) & 0x800fffffffffffff
    if c < 0.75:  # doubles that round to f32 boundaries
        return (rng.choice([0x380, 0x381, 0x47e, 0x47f, 0xb80, 0xc7f, 0x41d, 0x41e, 0x41f, 0xc1e])
                << 52) | rng.getrandbits(52)
    return rng.getrandbits(64)


def rand_dregs(rng):
    """d0-d31 as 64 little-endian words, each D register random as a
    double or as two singles."""
    words = []
    for _ in range(32):
        if rng.random() < 0.5:
            v = rand_f64(rng)
            words += [v & 0xffffffff, v >> 32]
        else:
            words += [rand_f32(rng), rand_f32(rng)]
    return words


def rand_fpscr(rng):
    """RMode, FZ, DN and sometimes the cumulative flags; NZCV random."""
    v = rng.getrandbits(4) << 28
    v |= rng.randrange(4) << 22          # RMode
    if rng.random() < 0.3:
        v |= 1 << 24                     # FZ
    if rng.random() < 0.3:
        v |= 1 << 25                     # DN
    if rng.random() < 0.3:
        v |= rng.getrandbits(5) | (rng.getrandbits(1) << 7)  # IOC..IXC, IDC
    return v


# --- immediates ------------------------------------------------------------

def arm_imm(rng):
    """An A32 modified immediate: 8 bits rotated right by an even amount."""
    v = rng.getrandbits(8)
    rot = rng.randrange(16) * 2
    return ((v >> rot) | (v << (32 - rot))) & 0xffffffff if rot else v


def thumb_imm(rng):
    """A T32 modified immediate (A6.3.2)."""
    b = rng.getrandbits(8)
    k = rng.randrange(5)
    if k == 0:
        return b
    if k == 1:
        return b | (b << 16)
    if k == 2:
        return (b << 8) | (b << 24)
    if k == 3:
        return b * 0x01010101
    v = 0x80 | (b & 0x7f)
    rot = rng.randrange(8, 32)
    return ((v >> rot) | (v << (32 - rot))) & 0xffffffff


def hexi(v):
    return "#0x%x" % v


class Ctx:
    """What a generator may use in one case."""

    def __init__(self, rng, thumb, base, index):
        self.rng = rng
        self.thumb = thumb
        self.B = base
        self.X = index
        self.boff = 0                      # B - (scratch + 128)
        self.dst = [r for r in GP if r not in (base, index)]
        self.src = GP[:]                   # reading B and X is fine
        self.labels = 0
        self.case = 0
        self.cond = False                  # generating a conditional insn

    def d(self):
        return self.rng.choice(self.dst)

    def s(self):
        return self.rng.choice(self.src)

    def dpair(self):
        a, b = self.rng.sample(self.dst, 2)
        return a, b

    def label(self):
        self.labels += 1
        return ".Lc%d_%d" % (self.case, self.labels)

    def imm(self):
        return thumb_imm(self.rng) if self.thumb else arm_imm(self.rng)


# --- integer instruction classes ------------------------------------------
# Each returns (mnemonic-without-condition, operand text, can_be_conditional)
# or None. The caller adds the condition (A32) or an IT block (T32).

DP3 = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
DP3_ARM = ["rsc"]
DP3_T32 = ["orn"]
DP2 = ["mov", "mvn"]
CMP = ["tst", "teq", "cmp", "cmn"]


def shifter(ctx, allow_reg_shift):
    rng = ctx.rng
    m = rname(ctx.s())
    k = rng.randrange(8)
    if k == 0:
        return m
    if k == 1:
        return "%s, lsl #%d" % (m, rng.randrange(1, 32))
    if k == 2:
        return "%s, lsr #%d" % (m, rng.randrange(1, 33))
    if k == 3:
        return "%s, asr #%d" % (m, rng.randrange(1, 33))
    if k == 4:
        return "%s, ror #%d" % (m, rng.randrange(1, 32))
    if k == 5:
        return "%s, rrx" % m
    if allow_reg_shift:
        return "%s, %s %s" % (m, rng.choice(["lsl", "lsr", "asr", "ror"]), rname(ctx.s()))
    return m


def g_dp(ctx):
    rng = ctx.rng
    s = rng.choice(["", "s"])
    ops = DP3 + (DP3_T32 if ctx.thumb else DP3_ARM)
    k = rng.random()
    if k < 0.55:
        op = rng.choice(ops)
        o2 = hexi(ctx.imm()) if rng.random() < 0.4 else shifter(ctx, not ctx.thumb)
        return op + s, "%s, %s, %s" % (rname(ctx.d()), rname(ctx.s()), o2)
    if k < 0.75:
        op = rng.choice(DP2)
        o2 = hexi(ctx.imm()) if rng.random() < 0.4 else shifter(ctx, not ctx.thumb)
        return op + s, "%s, %s" % (rname(ctx.d()), o2)
    op = rng.choice(CMP)
    o2 = hexi(ctx.imm()) if rng.random() < 0.4 else shifter(ctx, not ctx.thumb)
    return op, "%s, %s" % (rname(ctx.s()), o2)


def g_shift(ctx):
    """LSL/LSR/ASR/ROR/RRX as instructions (MOV aliases in A32)."""
    rng = ctx.rng
    s = rng.choice(["", "s"])
    op = rng.choice(["lsl", "lsr", "asr", "ror", "rrx"])
    d, m = rname(ctx.d()), rname(ctx.s())
    if op == "rrx":
        return "rrx" + s, "%s, %s" % (d, m)
    if rng.random() < 0.5:
        lo = {"lsl": 0, "lsr": 1, "asr": 1, "ror": 1}[op]
        hi = {"lsl": 31, "lsr": 32, "asr": 32, "ror": 31}[op]
        return op + s, "%s, %s, #%d" % (d, m, rng.randint(lo, hi))
    return op + s, "%s, %s, %s" % (d, m, rname(ctx.s()))


def g_movwt(ctx):
    return ctx.rng.choice(["movw", "movt"]), "%s, #0x%x" % (rname(ctx.d()), ctx.rng.getrandbits(16))


def g_addw(ctx):
    if not ctx.thumb:
        return None
    return ctx.rng.choice(["addw", "subw"]), "%s, %s, #%d" % (
        rname(ctx.d()), rname(ctx.s()), ctx.rng.randrange(4096))


def g_mul(ctx):
    rng = ctx.rng
    k = rng.randrange(9)
    d, n, m, a = rname(ctx.d()), rname(ctx.s()), rname(ctx.s()), rname(ctx.s())
    if k == 0:
        return rng.choice(["mul"] if ctx.thumb else ["mul", "muls"]), "%s, %s, %s" % (d, n, m)
    if k == 1:
        return rng.choice(["mla", "mls"] if ctx.thumb else ["mla", "mlas", "mls"]), \
            "%s, %s, %s, %s" % (d, n, m, a)
    if k == 2:
        lo, hi = ctx.dpair()
        op = rng.choice(["umull", "umlal", "smull", "smlal", "umaal"])
        if not ctx.thumb and op != "umaal" and rng.random() < 0.3:
            op += "s"
        return op, "%s, %s, %s, %s" % (rname(lo), rname(hi), n, m)
    if k == 3:
        op = "smul" + rng.choice("bt") + rng.choice("bt")
        return op, "%s, %s, %s" % (d, n, m)
    if k == 4:
        op = "smla" + rng.choice("bt") + rng.choice("bt")
        return op, "%s, %s, %s, %s" % (d, n, m, a)
    if k == 5:
        op = rng.choice(["smulwb", "smulwt", "smuad", "smuadx", "smusd", "smusdx",
                         "smmul", "smmulr", "sdiv", "udiv"])
        return op, "%s, %s, %s" % (d, n, m)
    if k == 6:
        op = rng.choice(["smlawb", "smlawt", "smlad", "smladx", "smlsd", "smlsdx",
                         "smmla", "smmlar", "smmls", "smmlsr", "usada8"])
        return op, "%s, %s, %s, %s" % (d, n, m, a)
    lo, hi = ctx.dpair()
    op = rng.choice(["smlalbb", "smlalbt", "smlaltb", "smlaltt", "smlald", "smlaldx",
                     "smlsld", "smlsldx"])
    return op, "%s, %s, %s, %s" % (rname(lo), rname(hi), n, m)


PARALLEL = [p + o for p in ["s", "q", "sh", "u", "uq", "uh"]
            for o in ["add16", "asx", "sax", "sub16", "add8", "sub8"]]


def g_media(ctx):
    rng = ctx.rng
    d, n, m = rname(ctx.d()), rname(ctx.s()), rname(ctx.s())
    k = rng.randrange(12)
    if k == 0:
        return rng.choice(PARALLEL), "%s, %s, %s" % (d, n, m)
    if k == 1:
        op = rng.choice(["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"])
        rot = rng.choice(["", ", ror #8", ", ror #16", ", ror #24"])
        return op, "%s, %s%s" % (d, m, rot)
    if k == 2:
        op = rng.choice(["sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"])
        rot = rng.choice(["", ", ror #8", ", ror #16", ", ror #24"])
        return op, "%s, %s, %s%s" % (d, n, m, rot)
    if k == 3:
        return rng.choice(["rev", "rev16", "revsh", "rbit", "clz"]), "%s, %s" % (d, m)
    if k == 4:
        lsb = rng.randrange(32)
        w = rng.randint(1, 32 - lsb)
        if rng.random() < 0.5:
            return "bfc", "%s, #%d, #%d" % (d, lsb, w)
        return "bfi", "%s, %s, #%d, #%d" % (d, n, lsb, w)
    if k == 5:
        lsb = rng.randrange(32)
        w = rng.randint(1, 32 - lsb)
        return rng.choice(["ubfx", "sbfx"]), "%s, %s, #%d, #%d" % (d, n, lsb, w)
    if k == 6:
        return rng.choice(["qadd", "qsub", "qdadd", "qdsub"]), "%s, %s, %s" % (d, m, n)
    if k == 7:
        op = rng.choice(["ssat", "usat"])
        sat = rng.randint(1, 32) if op == "ssat" else rng.randint(0, 31)
        sh = rng.choice(["", ", lsl #%d" % rng.randrange(1, 32), ", asr #%d" % rng.randrange(1, 32)])
        return op, "%s, #%d, %s%s" % (d, sat, n, sh)
    if k == 8:
        op = rng.choice(["ssat16", "usat16"])
        sat = rng.randint(1, 16) if op == "ssat16" else rng.randint(0, 15)
        return op, "%s, #%d, %s" % (d, sat, n)
    if k == 9:
        if rng.random() < 0.5:
            sh = "" if rng.random() < 0.3 else ", lsl #%d" % rng.randrange(1, 32)
            return "pkhbt", "%s, %s, %s%s" % (d, n, m, sh)
        return "pkhtb", "%s, %s, %s, asr #%d" % (d, n, m, rng.randrange(1, 33))
    if k == 10:
        return rng.choice(["sel", "usad8"]), "%s, %s, %s" % (d, n, m)
    # flags through MRS/MSR (APSR only: the mode stays SVC)
    if rng.random() < 0.5:
        return "mrs", "%s, apsr" % d
    if not ctx.thumb and rng.random() < 0.4:
        return "msr", "APSR_%s, %s" % (rng.choice(["nzcvq", "g", "nzcvqg"]), hexi(arm_imm(rng) & 0xf80f0000 or 0x80000000))
    return "msr", "APSR_%s, %s" % (rng.choice(["nzcvq", "g", "nzcvqg"]), rname(ctx.s()))


# --- loads and stores -----------------------------------------------------

def _fits(ctx, lo, hi):
    """B + [lo, hi) stays inside the 256-byte buffer, B being 128 + boff."""
    return -128 <= ctx.boff + lo and ctx.boff + hi <= 128


def g_ldst(ctx):
    rng = ctx.rng
    T = ctx.thumb
    B, X = rname(ctx.B), rname(ctx.X)
    size = rng.choice([4, 4, 1, 2, 2, 8])
    load = rng.random() < 0.6
    if size == 4:
        op = "ldr" if load else "str"
    elif size == 1:
        op = rng.choice(["ldrb", "ldrsb"]) if load else "strb"
    elif size == 2:
        op = rng.choice(["ldrh", "ldrsh"]) if load else "strh"
    else:
        op = "ldrd" if load else "strd"
    if size == 8:
        if T:
            t, t2 = ctx.dpair()
        else:
            evens = [r for r in (0, 2, 4, 6, 8, 10) if r not in (ctx.B, ctx.X) and r + 1 not in (ctx.B, ctx.X)]
            t = rng.choice(evens)
            t2 = t + 1
        if not load and T:
            t, t2 = rng.choice(ctx.src), rng.choice(ctx.src)
        rt = "%s, %s" % (rname(t), rname(t2))
    else:
        t = ctx.d() if load else ctx.s()
        rt = rname(t)
    stored = [t] if size != 8 else [t, t2]
    mode = rng.randrange(6)
    step = 4 if size == 8 else size
    # register-offset forms (ARM ARM: no register offset for T32 LDRD)
    if mode >= 4 and not (T and size == 8):
        xval = ctx.xval
        if T:
            sh = rng.randint(0, 3) if size != 1 else rng.randint(0, 1)
            if size == 4 and sh == 3:
                sh = 2
            off = xval << sh
            if not _fits(ctx, off, off + size):
                return None
            return op, "%s, [%s, %s%s]" % (rt, B, X, ", lsl #%d" % sh if sh else "")
        neg = rng.random() < 0.5
        sh = 0
        if op in ("ldr", "str", "ldrb", "strb") and rng.random() < 0.5:
            sh = 1
        off = (-xval if neg else xval) << sh
        wb = rng.randrange(3)      # 0 offset, 1 pre-index !, 2 post-index
        if ctx.cond or off % 4:
            wb = 0                 # B's offset must not depend on the flags,
                                   # and stays word aligned for LDM/LDRD
        if wb and not load and ctx.B in stored:
            wb = 0                 # Rn == Rt with writeback: UNPREDICTABLE
        shs = ", lsl #%d" % sh if sh else ""
        sign = "-" if neg else ""
        if wb == 2:
            if not _fits(ctx, 0, size) or not _fits(ctx, off, off):
                return None
            ctx.boff += off
            return op, "%s, [%s], %s%s%s" % (rt, B, sign, X, shs)
        if not _fits(ctx, off, off + size):
            return None
        if wb == 1:
            if not _fits(ctx, off, off):
                return None
            ctx.boff += off
            return op, "%s, [%s, %s%s%s]!" % (rt, B, sign, X, shs)
        return op, "%s, [%s, %s%s%s]" % (rt, B, sign, X, shs)
    # immediate forms
    off = rng.randrange(-32, 32) * step
    if mode == 0 or ctx.cond or off % 4 or not _fits(ctx, off, off):
        if not _fits(ctx, off, off + size):
            return None
        return op, "%s, [%s, #%d]" % (rt, B, off)
    if not load and ctx.B in stored:
        return None                # Rn == Rt with writeback: UNPREDICTABLE
    if mode in (1, 3):
        if not _fits(ctx, off, off + size):
            return None
        ctx.boff += off
        return op, "%s, [%s, #%d]!" % (rt, B, off)
    if not _fits(ctx, 0, size):
        return None
    ctx.boff += off
    return op, "%s, [%s], #%d" % (rt, B, off)


def g_ldm(ctx):
    rng = ctx.rng
    T = ctx.thumb
    load = rng.random() < 0.5
    n = rng.randint(2, 6)
    if load:
        regs = sorted(rng.sample(ctx.dst, n))
    else:
        regs = sorted(rng.sample([r for r in GP if r != ctx.B], n))
    kinds = ["ia", "db"] if T else ["ia", "ib", "da", "db"]
    k = rng.choice(kinds)
    size = 4 * n
    lo = {"ia": 0, "ib": 4, "da": -size + 4, "db": -size}[k]
    if not _fits(ctx, lo, lo + size):
        return None
    wb = rng.random() < 0.5 and not ctx.cond
    if wb:
        delta = size if k in ("ia", "ib") else -size
        if not _fits(ctx, delta, delta):
            wb = False
        else:
            ctx.boff += delta
    op = ("ldm" if load else "stm") + k
    return op, "%s%s, {%s}" % (rname(ctx.B), "!" if wb else "", ", ".join(rname(r) for r in regs))


def g_excl(ctx):
    """LDREX{B,H,D} ...(0-2 ALU ops)... STREX{B,H,D} on B: returns a unit."""
    rng = ctx.rng
    size = rng.choice([1, 2, 4, 4, 8])
    sfx = {1: "b", 2: "h", 4: "", 8: "d"}[size]
    if ctx.boff % 8:
        return None
    if not _fits(ctx, 0, size):
        return None
    B = rname(ctx.B)
    if size == 8:
        if ctx.thumb:
            t, t2 = ctx.dpair()
        else:
            evens = [r for r in (0, 2, 4, 6, 8, 10) if r not in (ctx.B, ctx.X) and r + 1 not in (ctx.B, ctx.X)]
            t = rng.choice(evens)
            t2 = t + 1
        rt = "%s, %s" % (rname(t), rname(t2))
        used = {t, t2}
    else:
        t = ctx.d()
        rt = rname(t)
        used = {t}
    lines = ["ldrex%s %s, [%s]" % (sfx, rt, B)]
    for _ in range(rng.randint(0, 2)):
        op, ops = g_dp(ctx)
        lines.append("%s %s" % (op, ops))
    # the status register: not B, not the stored registers
    cand = [r for r in ctx.dst if r not in used]
    sd = rng.choice(cand)
    if size == 8:
        if ctx.thumb:
            s1, s2 = rng.sample([r for r in GP if r != sd], 2)
        else:
            evens = [r for r in (0, 2, 4, 6, 8, 10) if sd not in (r, r + 1)]
            s1 = rng.choice(evens)
            s2 = s1 + 1
        src = "%s, %s" % (rname(s1), rname(s2))
    else:
        s1 = rng.choice([r for r in GP if r != sd])
        src = rname(s1)
    lines.append("strex%s %s, %s, [%s]" % (sfx, rname(sd), src, B))
    return lines


INT_CLASSES = [(g_dp, 30), (g_shift, 8), (g_movwt, 3), (g_addw, 2), (g_mul, 14),
               (g_media, 18), (g_ldst, 16), (g_ldm, 4)]


def pick(rng, classes):
    total = sum(w for _, w in classes)
    x = rng.uniform(0, total)
    for f, w in classes:
        x -= w
        if x <= 0:
            return f
    return classes[-1][0]


def one_insn(ctx, classes, cond=""):
    ctx.cond = bool(cond)
    try:
        for _ in range(20):
            r = pick(ctx.rng, classes)(ctx)
            if r is not None:
                op, ops = r
                return "%s%s %s" % (op, cond, ops)
        return "nop%s" % cond
    finally:
        ctx.cond = False


def gen_int_units(ctx, n, classes=None):
    """About n instructions as units (see the module's comment)."""
    rng = ctx.rng
    classes = classes or INT_CLASSES
    units = []
    count = 0
    while count < n:
        k = rng.random()
        if k < 0.06:
            lines = g_excl(ctx)
            if lines:
                units.append(lines)
                count += len(lines)
            continue
        if k < 0.14:
            # a conditional forward branch over 1-3 instructions
            lab = ctx.label()
            c = rng.choice(CONDS)
            body = []
            for _ in range(rng.randint(1, 3)):
                body.append(one_insn(ctx, [(g_dp, 3), (g_mul, 1), (g_media, 1), (g_shift, 1)]))
            if ctx.thumb and rng.random() < 0.3:
                lo = [r for r in range(8)]
                br = "%s %s, %s" % (rng.choice(["cbz", "cbnz"]), rname(rng.choice(lo)), lab)
            else:
                br = "b%s %s" % (c, lab)
            units.append([br] + body + [lab + ":"])
            count += 1 + len(body)
            continue
        if ctx.thumb and k < 0.35:
            # an IT block of 1-4 instructions
            c = rng.choice(CONDS)
            m = rng.randint(1, 4)
            pattern = "".join(rng.choice("te") for _ in range(m - 1))
            conds = [c] + [c if p == "t" else INV[c] for p in pattern]
            lines = ["it%s %s" % (pattern, c)]
            for cc in conds:
                lines.append(one_insn(ctx, INT_CLASSES, cc))
            units.append(lines)
            count += len(lines)
            continue
        if not ctx.thumb and rng.random() < 0.35:
            units.append([one_insn(ctx, classes, rng.choice(CONDS))])
        else:
            units.append([one_insn(ctx, classes)])
        count += 1
    return units


# --- VFP and Advanced SIMD ------------------------------------------------

def sreg(rng):
    return "s%d" % rng.randrange(32)


def dreg(rng):
    return "d%d" % rng.randrange(32)


def qreg(rng):
    return "q%d" % rng.randrange(16)


def g_vfp(ctx):
    rng = ctx.rng
    k = rng.randrange(14)
    dbl = rng.random() < 0.5
    R = dreg if dbl else sreg
    t = ".f64" if dbl else ".f32"
    if k <= 2:
        op = rng.choice(["vadd", "vsub", "vmul", "vdiv", "vnmul"])
        return op + t, "%s, %s, %s" % (R(rng), R(rng), R(rng))
    if k == 3:
        op = rng.choice(["vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"])
        return op + t, "%s, %s, %s" % (R(rng), R(rng), R(rng))
    if k == 4:
        op = rng.choice(["vabs", "vneg", "vsqrt", "vmov"])
        return op + t, "%s, %s" % (R(rng), R(rng))
    if k == 5:
        # compare, then the flags to the APSR
        op = rng.choice(["vcmp", "vcmpe"])
        b = "#0" if rng.random() < 0.3 else R(rng)
        return op + t, "%s, %s\n\tvmrs APSR_nzcv, fpscr" % (R(rng), b)
    if k == 6:
        # float <-> integer (VCVT: round to zero; VCVTR: FPSCR rounding)
        it = rng.choice([".s32", ".u32"])
        if rng.random() < 0.5:
            op = rng.choice(["vcvt", "vcvtr"])
            return op + it + t, "%s, %s" % (sreg(rng), R(rng))
        return "vcvt" + t + it, "%s, %s" % (R(rng), sreg(rng))
    if k == 7:
        # fixed point: source and destination are the same register
        it = rng.choice([".s32", ".u32", ".s16", ".u16"])
        fb = rng.randint(1, 16 if it.endswith("16") else 32)
        r = R(rng)
        if rng.random() < 0.5:
            return "vcvt" + it + t, "%s, %s, #%d" % (r, r, fb)
        return "vcvt" + t + it, "%s, %s, #%d" % (r, r, fb)
    if k == 8:
        if rng.random() < 0.5:
            return "vcvt.f64.f32", "%s, %s" % (dreg(rng), sreg(rng))
        return "vcvt.f32.f64", "%s, %s" % (sreg(rng), dreg(rng))
    if k == 9:
        # half precision (VFPv4)
        op = rng.choice(["vcvtb", "vcvtt"])
        if rng.random() < 0.5:
            return op + ".f16.f32", "%s, %s" % (sreg(rng), sreg(rng))
        return op + ".f32.f16", "%s, %s" % (sreg(rng), sreg(rng))
    if k == 10:
        # vmov immediate: +-n * 2^-r, n in 16..31, r in 0..7 (VFPExpandImm)
        v = rng.choice([1, -1]) * rng.randint(16, 31) / 16.0 * 2.0 ** rng.randint(-3, 4)
        return "vmov" + t, "%s, #%s" % (R(rng), repr(v))
    if k == 11:
        j = rng.randrange(4)
        if j == 0:
            return "vmov", "%s, %s" % (rname(ctx.d()), sreg(rng))
        if j == 1:
            return "vmov", "%s, %s" % (sreg(rng), rname(ctx.s()))
        if j == 2:
            a, b = ctx.dpair()
            return "vmov", "%s, %s, %s" % (rname(a), rname(b), dreg(rng))
        return "vmov", "%s, %s, %s" % (dreg(rng), rname(ctx.s()), rname(ctx.s()))
    if k == 12:
        # loads and stores through B
        size = 8 if dbl else 4
        off = rng.randrange(-16, 16) * 4
        if dbl:
            off &= ~7
        if not _fits(ctx, off, off + size):
            return None
        return rng.choice(["vldr", "vstr"]), "%s, [%s, #%d]" % (R(rng), rname(ctx.B), off)
    # FPSCR: read it, or change the rounding mode / FZ / DN. Non-zero
    # Len/Stride (bits 21:16) make the data-processing instructions
    # UNDEFINED on a cortex-a15 (no short vectors): rarely left set.
    if rng.random() < 0.5:
        return "vmrs", "%s, fpscr" % rname(ctx.d())
    if rng.random() < 0.1:
        return "vmsr", "fpscr, %s" % rname(ctx.s())
    t = ctx.d()
    return "bic", "%s, %s, #0x370000\n\tvmsr fpscr, %s" % (rname(t), rname(ctx.s()), rname(t))


NEON_INT3 = ["vadd", "vsub", "vqadd", "vqsub", "vhadd", "vhsub", "vrhadd", "vmax",
             "vmin", "vabd", "vaba", "vceq", "vcgt", "vcge", "vtst", "vmul", "vmla",
             "vmls", "vshl", "vqshl", "vrshl", "vqrshl", "vpadd", "vpmax", "vpmin",
             "vqdmulh", "vqrdmulh"]


def g_neon(ctx):
    rng = ctx.rng
    k = rng.randrange(12)
    q = rng.random() < 0.5
    V = qreg if q else dreg
    if k <= 2:
        op = rng.choice(NEON_INT3)
        if op in ("vpadd", "vpmax", "vpmin"):
            V = dreg
        if op in ("vqdmulh", "vqrdmulh"):
            ty = rng.choice([".s16", ".s32"])
        elif op in ("vceq", "vtst", "vmul", "vmla", "vmls", "vpadd"):
            ty = rng.choice([".i8", ".i16", ".i32"])
        elif op in ("vadd", "vsub"):
            ty = rng.choice([".i8", ".i16", ".i32", ".i64"])
        elif op in ("vshl", "vqshl", "vrshl", "vqrshl", "vqadd", "vqsub"):
            ty = rng.choice([".s8", ".u8", ".s16", ".u16", ".s32", ".u32", ".s64", ".u64"])
        else:
            ty = rng.choice([".s8", ".u8", ".s16", ".u16", ".s32", ".u32"])
        if op in ("vmul",) and rng.random() < 0.2:
            ty = ".p8"
        return op + ty, "%s, %s, %s" % (V(rng), V(rng), V(rng))
    if k == 3:
        op = rng.choice(["vand", "vorr", "veor", "vbic", "vorn", "vbsl", "vbit", "vbif"])
        return op, "%s, %s, %s" % (V(rng), V(rng), V(rng))
    if k == 4:
        op = rng.choice(["vadd", "vsub", "vmul", "vmla", "vmls", "vfma", "vfms", "vmax",
                         "vmin", "vabd", "vceq", "vcge", "vcgt", "vacge", "vacgt", "vrecps",
                         "vrsqrts", "vpadd"])
        if op == "vpadd":
            V = dreg
        return op + ".f32", "%s, %s, %s" % (V(rng), V(rng), V(rng))
    if k == 5:
        op = rng.choice(["vabs", "vneg", "vrecpe", "vrsqrte", "vcvt.s32", "vcvt.u32"])
        if op.startswith("vcvt"):
            return op + ".f32", "%s, %s" % (V(rng), V(rng))
        if op in ("vrecpe", "vrsqrte") and rng.random() < 0.5:
            return op + ".u32", "%s, %s" % (V(rng), V(rng))
        return op + ".f32", "%s, %s" % (V(rng), V(rng))
    if k == 6:
        if rng.random() < 0.5:
            return rng.choice(["vcvt.f32.s32", "vcvt.f32.u32"]), "%s, %s" % (V(rng), V(rng))
        op = rng.choice(["vcls.s8", "vcls.s16", "vcls.s32", "vclz.i8", "vclz.i16", "vclz.i32",
                         "vcnt.8", "vmvn", "vrev16.8", "vrev32.8", "vrev32.16", "vrev64.8",
                         "vrev64.16", "vrev64.32", "vabs.s8", "vabs.s16", "vneg.s32",
                         "vqabs.s8", "vqneg.s16", "vswp", "vtrn.8", "vtrn.16", "vtrn.32",
                         "vzip.8", "vzip.16", "vuzp.8", "vuzp.16", "vmov"])
        if op in ("vtrn.8", "vtrn.16", "vtrn.32", "vzip.8", "vzip.16", "vuzp.8", "vuzp.16", "vswp"):
            a = V(rng)
            b = V(rng)
            while b == a:
                b = V(rng)
            return op, "%s, %s" % (a, b)
        return op, "%s, %s" % (V(rng), V(rng))
    if k == 7:
        # shifts by immediate
        sz = rng.choice([8, 16, 32, 64])
        op = rng.choice(["vshr", "vrshr", "vsra", "vrsra", "vshl", "vqshl", "vsri", "vsli"])
        if op in ("vshl", "vsli"):
            ty = ".i%d" % sz
            sh = rng.randrange(sz)
        elif op == "vsri":
            ty = ".%d" % sz
            sh = rng.randint(1, sz)
        elif op == "vqshl":
            ty = rng.choice([".s", ".u"]) + str(sz)
            sh = rng.randrange(sz)
        else:
            ty = rng.choice([".s", ".u"]) + str(sz)
            sh = rng.randint(1, sz)
        if op == "vsli":
            ty = ".%d" % sz
        return op + ty, "%s, %s, #%d" % (V(rng), V(rng), sh)
    if k == 8:
        # long / narrow
        j = rng.randrange(5)
        if j == 0:
            return rng.choice(["vmovl.s8", "vmovl.u16", "vmovl.s32"]), "%s, %s" % (qreg(rng), dreg(rng))
        if j == 1:
            return rng.choice(["vmovn.i16", "vmovn.i32", "vqmovn.s16", "vqmovn.u32",
                               "vqmovun.s16", "vqmovn.s64"]), "%s, %s" % (dreg(rng), qreg(rng))
        if j == 2:
            op = rng.choice(["vaddl", "vsubl", "vmull", "vmlal", "vmlsl", "vabdl", "vabal"])
            return op + rng.choice([".s8", ".u16", ".s32", ".u8"]), "%s, %s, %s" % (qreg(rng), dreg(rng), dreg(rng))
        if j == 3:
            op = rng.choice(["vqdmull", "vqdmlal", "vqdmlsl"])
            return op + rng.choice([".s16", ".s32"]), "%s, %s, %s" % (qreg(rng), dreg(rng), dreg(rng))
        op = rng.choice(["vshrn.i16", "vrshrn.i32", "vqshrn.s16", "vqrshrun.s32", "vqshrn.u64"])
        sz = int(op.split(".")[1][1:]) // 2
        return op, "%s, %s, #%d" % (dreg(rng), qreg(rng), rng.randint(1, sz))
    if k == 9:
        j = rng.randrange(4)
        if j == 0:
            return "vdup." + rng.choice(["8", "16", "32"]), "%s, %s" % (V(rng), rname(ctx.s()))
        if j == 1:
            sz = rng.choice([8, 16, 32])
            return "vdup.%d" % sz, "%s, %s[%d]" % (V(rng), dreg(rng), rng.randrange(64 // sz))
        if j == 2:
            n = rng.randrange(16 if q else 8)
            return "vext.8", "%s, %s, %s, #%d" % (V(rng), V(rng), V(rng), n)
        n = rng.randint(1, 4)
        first = rng.randrange(32 - n + 1)
        lst = ", ".join("d%d" % (first + i) for i in range(n))
        return rng.choice(["vtbl.8", "vtbx.8"]), "%s, {%s}, %s" % (dreg(rng), lst, dreg(rng))
    if k == 10:
        # immediates and scalars
        j = rng.randrange(3)
        if j == 0:
            return rng.choice(["vmov.i32", "vmvn.i32", "vorr.i32", "vbic.i32"]), \
                "%s, #0x%x" % (V(rng), rng.getrandbits(8) << rng.choice([0, 8, 16, 24]))
        if j == 1:
            sz = rng.choice([8, 16, 32])
            if rng.random() < 0.5:
                return "vmov.%d" % sz, "%s[%d], %s" % (dreg(rng), rng.randrange(64 // sz), rname(ctx.s()))
            return "vmov.%s%d" % (rng.choice("su") if sz < 32 else "", sz), "%s, %s[%d]" % (
                rname(ctx.d()), dreg(rng), rng.randrange(64 // sz))
        op = rng.choice(["vmul.i16", "vmla.i32", "vmul.f32", "vmls.f32", "vqdmulh.s16"])
        m = "d%d[%d]" % (rng.randrange(8), rng.randrange(4)) if op.endswith("16") else \
            "d%d[%d]" % (rng.randrange(16), rng.randrange(2))
        return op, "%s, %s, %s" % (V(rng), V(rng), m)
    # vld1/vst1 through B (no writeback, aligned)
    n = rng.randint(1, 4)
    if not _fits(ctx, 0, 8 * n) or ctx.boff % 8:
        return None
    first = rng.randrange(32 - n + 1)
    lst = ", ".join("d%d" % (first + i) for i in range(n))
    return rng.choice(["vld1", "vst1"]) + rng.choice([".8", ".16", ".32", ".64"]), \
        "{%s}, [%s]" % (lst, rname(ctx.B))


def gen_fp_units(ctx, n, gfun):
    rng = ctx.rng
    units = []
    count = 0
    while count < n:
        r = None
        for _ in range(20):
            r = gfun(ctx)
            if r is not None:
                break
        if r is None:
            continue
        op, ops = r
        if ctx.thumb and rng.random() < 0.15 and gfun is g_vfp:
            c = rng.choice(CONDS)
            text = _cond_insert(op, c, ops)
            units.append(["it%s %s" % ("t" * text.count("\n"), c), text])
            count += 2
            continue
        if not ctx.thumb and gfun is g_vfp and rng.random() < 0.2:
            units.append([_cond_insert(op, rng.choice(CONDS), ops)])
        else:
            units.append(["%s %s" % (op, ops)])
        count += 1
        if rng.random() < 0.1:
            units.append([one_insn(ctx, [(g_dp, 1)])])
            count += 1
    return units


def _cond_insert(op, c, ops):
    """The instruction(s) with condition c: vadd.f32 -> vaddeq.f32; every
    line of a multi-line unit (vcmp + vmrs, bic + vmsr) gets it."""
    out = []
    for line in ("%s %s" % (op, ops)).split("\n"):
        mn, _, rest = line.strip().partition(" ")
        if "." in mn:
            base, ty = mn.split(".", 1)
            out.append("%s%s.%s %s" % (base, c, ty, rest))
        else:
            out.append("%s%s %s" % (mn, c, rest))
    return "\n\t".join(out)


def new_ctx(rng, thumb):
    base, index = rng.sample([r for r in range(13)] if not thumb else list(range(13)), 2)
    if thumb and rng.random() < 0.5:
        base, index = rng.sample(range(8), 2)
    ctx = Ctx(rng, thumb, base, index)
    ctx.xval = rng.randrange(-8, 9) * 4 if not thumb else rng.randrange(0, 9) * 4
    return ctx
