#!/usr/bin/python3
"""Writes elementwise.txt: what PyTorch 1.13 on this x86-64 CPU gives for the
elementwise ops of step 2 (exp log log2 sin cos tanh sigmoid, pow, remainder,
bitwise and logical ops, where, clamp, and arithmetic with bool results), over
all 10 dtypes, 0-d, empty, broadcast and odd-sized operands and special
values; and the exact error for the calls PyTorch rejects. Run with
/usr/bin/python3 (Debian's torch).

Format, one record per line:
  case <op> <tol>          starts a case; tol: the ULPs a float32/float64 result
                           may differ by (at most 1 for float16/bfloat16)
  T <dtype> <shape> <elements...>   a tensor argument (shape "1,2", "-" for 0-d)
  S <b|i|f> <value>        a number argument (f: hex of the double's bits)
  N                        an absent optional argument (clamp)
  out <dtype> <shape> <elements...>
  err <message>            PyTorch raised RuntimeError with this message
Elements: floats as the hex of their bits; ints in decimal; bool 0/1.
"""
import os

import torch

from golden_cases import DTYPES, name
from golden_cases import bits as elements

FLOATS = [torch.float16, torch.bfloat16, torch.float32, torch.float64]
inf, nan = float("inf"), float("nan")
gen = torch.Generator().manual_seed(13)


def tensor_line(tag, t):
    shape = ",".join(str(s) for s in t.shape) if t.dim() else "-"
    return f"{tag} {name(t.dtype)} {shape} {' '.join(elements(t))}".rstrip()


def arg_line(a):
    if a is None:
        return "N"
    if isinstance(a, torch.Tensor):
        return tensor_line("T", a)
    if isinstance(a, bool):
        return f"S b {int(a)}"
    if isinstance(a, int):
        return f"S i {a}"
    return "S f " + format(torch.tensor([a], dtype=torch.float64).view(torch.int64).item() & 0xFFFFFFFFFFFFFFFF, "016x")


lines = []


def case(op, fn, *args, tol=0):
    lines.append(f"case {op} {tol}")
    lines.extend(arg_line(a) for a in args)
    try:
        out = fn(*args)
        lines.append(tensor_line("out", out))
    except RuntimeError as e:
        lines.append("err " + str(e).split("\n")[0])


def values(d):
    """Special values of dtype d, as a 1-d tensor."""
    if d == torch.bool:
        return torch.tensor([True, False, True])
    if d.is_floating_point:
        v = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 100.0, -100.0, 1e-30, 1e30, 88.7, -104.0, inf, -inf, nan,
             0.1, 2.0, 1e-45, 710.0, -1e-3, 20.0, 1e-8, 1.5707963]
        return torch.tensor(v, dtype=torch.float64).to(d)
    info = torch.iinfo(d)
    return torch.tensor([v for v in [0, 1, -1, 2, -3, 7, 100, -100, info.max, info.min] if info.min <= v <= info.max],
                        dtype=d)


def random(d, shape, scale=3.0):
    if d == torch.bool:
        return torch.rand(shape, generator=gen) > 0.5
    if d.is_floating_point:
        return (torch.randn(shape, generator=gen, dtype=torch.float64) * scale).to(d)
    lo = 0 if d == torch.uint8 else -9
    return torch.randint(lo, 10, shape, generator=gen, dtype=d)


def grid(a, b):
    """Every pair of elements of two 1-d tensors: (a[i], b[j]) as two [n*m] tensors."""
    return a.repeat_interleave(b.numel()), b.repeat(a.numel())


# Unary transcendental math: libm (kiln) against Sleef/std (PyTorch).
UNARY = {"exp": torch.exp, "log": torch.log, "log2": torch.log2, "sin": torch.sin, "cos": torch.cos,
         "tanh": torch.tanh, "sigmoid": torch.sigmoid}
for op, fn in UNARY.items():
    for d in DTYPES:
        case(op, fn, values(d), tol=2)
        case(op, fn, random(d, [5, 7]), tol=2)
        case(op, fn, random(d, []), tol=2)
        case(op, fn, random(d, [0, 3]), tol=2)
    case(op, fn, random(torch.float32, [67], scale=30.0), tol=2)

# The unary ops with bool results or errors on bool, and bitwise/logical not.
for op, fn in {"bitwise_not": torch.bitwise_not, "logical_not": torch.logical_not, "sign": torch.sign,
               "abs": torch.abs, "relu": torch.relu, "floor": torch.floor, "sqrt": torch.sqrt}.items():
    for d in DTYPES:
        case(op, fn, values(d))

# Binary ops over every pair of special values, same dtype; then mixed
# dtypes, numbers on either side, broadcasting, 0-d and empty.
def binary_cases(op, fn, tol=0, pick=values):
    for d in DTYPES:
        a, b = grid(pick(d), pick(d))
        case(op, fn, a, b, tol=tol)
        case(op, fn, random(d, [3, 1]), random(d, [4]), tol=tol)
        case(op, fn, random(d, []), random(d, [0]), tol=tol)
    mixed = [(torch.int32, torch.float32), (torch.uint8, torch.int8), (torch.bool, torch.int64),
             (torch.float16, torch.bfloat16), (torch.int16, torch.float64), (torch.bool, torch.float16)]
    for da, db in mixed:
        case(op, fn, random(da, [2, 5]), random(db, [5]), tol=tol)
        case(op, fn, random(db, [5]), random(da, []), tol=tol)


def small(d):
    """Values whose integer powers stay interesting (and wrap)."""
    if d == torch.bool:
        return torch.tensor([True, False])
    if d.is_floating_point:
        return torch.tensor([0.0, -0.0, 1.0, -1.0, 2.0, -2.5, 0.5, 3.0, inf, -inf, nan, 1e-3], dtype=d)
    lo = 0 if d == torch.uint8 else -3
    return torch.arange(lo, 8, dtype=d)


# pow: libm's powf/pow against Sleef's (PyTorch's vector path).
binary_cases("pow", torch.pow, 2, small)
for d in DTYPES:
    base = small(d) if d != torch.bool else torch.tensor([True, False])
    for e in [0, 1, 2, 3, -1, -2, 0.5, -0.5, 2.5, 1.5, -1.0, 2.001, 0.1, True, False, 63, 300, -3.0, 0.0]:
        case("pow", torch.pow, base, e, tol=2)
    for s in [2, 1, -1, 2.5, 0, True, 1.0]:
        case("pow", torch.pow, s, base, tol=2)
    case("pow", torch.pow, random(d, [0]), -1)


def dividends(d):
    """Values for remainder. PyTorch's vectorized float remainder (Sleef's
    fmod) gives NaN where |a / b| overflows, its scalar path (and kiln) the
    exact remainder: the values keep every quotient in range."""
    if d.is_floating_point:
        v = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 100.0, -100.0, 5.3, -7.25, inf, -inf, nan, 0.1, 2.0, 1e-3, 1e4]
        return torch.tensor(v, dtype=torch.float64).to(d)
    return values(d)


def divisors(d):
    v = dividends(d)
    if d.is_floating_point or d == torch.bool:
        return v
    info = torch.iinfo(d)
    return v[(v != 0) & (v != info.min)]  # PyTorch itself traps on INT_MIN % -1


binary_cases("remainder", torch.remainder, 0, divisors)
for d in DTYPES:
    for s in [3, -3, 2.5, -0.0, 0, 256, 300, True, inf, -inf]:
        case("remainder", torch.remainder, dividends(d), s)
    case("remainder", torch.remainder, 7, divisors(d))
    case("remainder", torch.remainder, -7.5, dividends(d))
    case("remainder", torch.remainder, random(d, [2, 3]), torch.zeros(3, dtype=d))
    case("remainder", torch.remainder, random(d, [0]), torch.zeros([], dtype=d))
    case("remainder", torch.remainder, random(d, [0]), 0)

for op, fn in {"bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or, "bitwise_xor": torch.bitwise_xor,
               "logical_and": torch.logical_and, "logical_or": torch.logical_or,
               "logical_xor": torch.logical_xor}.items():
    binary_cases(op, fn)
    if op.startswith("bitwise"):
        for d in DTYPES:
            for s in [3, -1, True, 1.5]:
                case(op, fn, values(d), s)
                case(op, fn, s, values(d))
    case(op, fn, torch.zeros(2, dtype=torch.int32), torch.zeros(3, dtype=torch.int32))

# Arithmetic with bool results.
for op, fn in {"add": torch.add, "mul": torch.mul, "div": torch.div, "maximum": torch.maximum,
               "minimum": torch.minimum}.items():
    a, b = grid(values(torch.bool), values(torch.bool))
    case(op, fn, a, b)
    case(op, fn, random(torch.bool, [3, 1]), random(torch.bool, [4]))
    if op != "maximum" and op != "minimum":
        case(op, fn, a, True)
        case(op, fn, a, False)

# where: the dtype of a and b promoted; cond broadcast with both.
for d in DTYPES:
    for e in [torch.float32, torch.int32, torch.bool, torch.float16, torch.uint8, d]:
        case("where", torch.where, random(torch.bool, [3, 1]), random(d, [4]), random(e, [3, 4]))
    case("where", torch.where, random(torch.bool, [5]), values(d)[:5], 2.5)
    case("where", torch.where, random(torch.bool, [5]), 7, values(d)[:5])
    case("where", torch.where, random(torch.bool, [2, 5]), random(d, []), True)
    case("where", torch.where, random(d, [4]), random(d, [4]), random(d, [4]))  # non-bool conditions
for a, b in [(1, 2), (1.5, 2), (True, False), (True, 3)]:
    case("where", torch.where, random(torch.bool, [6]), a, b)
case("where", torch.where, random(torch.bool, [0, 2]), random(torch.float32, [2]), 1)
case("where", torch.where, random(torch.bool, [2]), random(torch.float32, [3]), 1)
case("where", torch.where, random(torch.bool, [3]), random(torch.float32, [2]), random(torch.float32, [3]))
case("where", torch.where, random(torch.bool, [3]), random(torch.float32, [3]), random(torch.float32, [2]))

# clamp with number bounds (N: absent), tensor bounds, clamp_min/clamp_max.
for d in DTYPES:
    v = values(d)
    for lo, hi in [(0, 2), (-1.5, 2.5), (None, 3), (-3, None), (2, 1), (nan, 1), (0, nan), (nan, None), (None, nan),
                   (True, None), (-1, None), (300, None), (None, None), (-inf, inf)]:
        case("clamp", torch.clamp, v, lo, hi)
    for s in [1, -2.5, nan, True]:
        case("clamp_min", torch.clamp_min, v, s)
        case("clamp_max", torch.clamp_max, v, s)
    lo = random(d, [3, 1])
    hi = random(d, [4])
    x = random(d, [3, 4])
    case("clamp", torch.clamp, x, lo, hi)
    case("clamp", torch.clamp, x, lo, None)
    case("clamp", torch.clamp, x, None, hi)
    case("clamp_min", torch.clamp_min, x, hi)
    case("clamp_max", torch.clamp_max, x, lo)
    case("clamp", torch.clamp, x, random(torch.float32, [4]), random(torch.int64, []))
    case("clamp", torch.clamp, x, hi, lo)  # min > max in places
fl = torch.tensor([1.0, nan, 2.0, -0.0, 0.0])
case("clamp", torch.clamp, fl, torch.tensor([nan, 0.0, 0.0, 0.0, -0.0]), torch.tensor([3.0, 3.0, nan, 1.0, 1.0]))
case("clamp", torch.clamp, fl, torch.tensor([nan, 0.0, 0.0, 0.0, -0.0]), None)
case("clamp", torch.clamp, fl, None, torch.tensor([nan, 0.0, 0.0, -0.0, 0.0]))
case("clamp", torch.clamp, torch.zeros(2), torch.zeros(3), None)
case("clamp", torch.clamp, torch.zeros(2, 1), torch.zeros(3), torch.zeros(4, 1, 1))

with open(os.path.join(os.path.dirname(__file__), "elementwise.txt"), "w") as out:
    out.write("\n".join(lines) + "\n")
