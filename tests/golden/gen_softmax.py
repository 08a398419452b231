#!/usr/bin/python3
"""Writes softmax.txt: PyTorch 1.13's softmax and log_softmax (or their
errors) over every dtype, every dim of shapes from 0-d to 3-d, with and
without a dtype argument, and with infinities, NaN and large values. Run
with /usr/bin/python3 (Debian's torch). Format: golden_cases.py.
"""
import os

import torch

from golden_cases import DTYPES, Cases, name

gen = torch.Generator().manual_seed(7)
SHAPES = [(), (0, 3), (5,), (2, 3), (3, 1, 4), (4, 37)]


def values(shape, dtype):
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=gen).bool()
    if not dtype.is_floating_point:
        return torch.randint(-5, 6, shape, generator=gen).to(dtype)
    return (torch.randn(shape, generator=gen, dtype=torch.float64) * 3).to(dtype)


cases = Cases()
for op in ["softmax", "log_softmax"]:
    fn = getattr(torch, op)
    for dtype in DTYPES:
        for shape in SHAPES:
            x = values(shape, dtype)
            for dim in list(range(-len(shape), len(shape))) or [0, -1]:
                cases.add(op, ["dim=%d" % dim], [x], lambda x, d=dim: fn(x, d))
        cases.add(op, ["dim=2"], [values((2, 3), dtype)], lambda x: fn(x, 2))
        for out in [torch.float64, torch.float32, torch.int64]:
            cases.add(op, ["dim=1", "dtype=" + name(out)], [values((2, 3), dtype)], lambda x, o=out: fn(x, 1, dtype=o))
    inf, nan = float("inf"), float("nan")
    for row in [[1000.0, 0.0, -1000.0], [1.0, inf, 2.0], [-inf, -inf, -inf], [1.0, nan, 0.0], [-inf, 0.0, 1.0],
                [88.0, 89.0, 90.0], [-1e30, 1e30, 0.0]]:
        for dtype in [torch.float32, torch.float64, torch.bfloat16]:
            cases.add(op, ["dim=0"], [torch.tensor(row, dtype=dtype)], lambda x: fn(x, 0))

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "softmax.txt"))
print(cases.count, "cases")
