#!/usr/bin/python3
"""Writes casts.txt: what PyTorch 1.13 on this x86-64 CPU gives for
tensor.to(dtype) over values that stress every conversion (NaN, infinities,
out-of-range, negative into unsigned, rounding ties, subnormals), and for
float16/bfloat16 arithmetic. Run with /usr/bin/python3 (Debian's torch).

Format, one case per line:
  cast <from> <to> <n> <input bits...> -> <output bits...>
  binop <dtype> <op> <n> <a bits...> ; <b bits...> -> <out bits...>
  sum <dtype> <n> <bits...> -> <bits>
Bits: floats as the hex of their little-endian bytes; ints in decimal; bool 0/1.
"""
import os

import torch

from golden_cases import DTYPES, bits, name


inf, nan = float("inf"), float("nan")
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 127.0, 128.0, 255.0, 256.0, -129.0, -255.0,
          -256.0, 300.7, -300.7, 32767.0, 32768.0, 65504.0, 65520.0, 70000.0, 2147483647.0, 2147483648.0,
          -2147483649.0, 1e10, -1e10, 9.3e18, -9.3e18, 1e20, 1e-8, 6e-8, 1e-40, 3.4e38, 1e300, inf, -inf, nan,
          0.1, 1.0 / 3, 1.00048828125, 1.0009765625, 1.001953125, 1.0078125, 1.00390625, 65519.0]
INTS = [0, 1, -1, 2, 127, 128, 255, 256, -128, -129, 32767, 32768, -32769, 65535, 2**31 - 1, 2**31, -2**31 - 1,
        2**53 + 1, 2**62, -2**63, 2**63 - 1, 16777217, 2049, 4097]

lines = []
for src in DTYPES:
    if src.is_floating_point:
        base = torch.tensor(FLOATS, dtype=torch.float64).to(src)
    elif src == torch.bool:
        base = torch.tensor([True, False])
    else:
        info = torch.iinfo(src)
        base = torch.tensor([v for v in INTS if info.min <= v <= info.max], dtype=src)
    for dst in DTYPES:
        out = base.to(dst)
        lines.append(f"cast {name(src)} {name(dst)} {base.numel()} {' '.join(bits(base))} -> {' '.join(bits(out))}")

gen = torch.Generator().manual_seed(7)
for d in (torch.float16, torch.bfloat16):
    a = (torch.randn(64, generator=gen) * 30).to(d)
    b = (torch.randn(64, generator=gen) * 3).to(d)
    a = torch.cat([a, torch.tensor([65504.0, -65504.0, 1e-7, 0.0, inf, nan], dtype=d)])
    b = torch.cat([b, torch.tensor([2.0, 2.0, 1e-7, -0.0, inf, 1.0], dtype=d)])
    for op, f in (("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div)):
        out = f(a, b)
        lines.append(f"binop {name(d)} {op} {a.numel()} {' '.join(bits(a))} ; {' '.join(bits(b))} -> {' '.join(bits(out))}")
    for n in (10, 100, 5000):
        x = (torch.rand(n, generator=gen) * 4).to(d)
        lines.append(f"sum {name(d)} {n} {' '.join(bits(x))} -> {' '.join(bits(x.sum().reshape(1)))}")

with open(os.path.join(os.path.dirname(__file__), "casts.txt"), "w") as out:
    out.write("\n".join(lines) + "\n")
