#!/usr/bin/python3
"""Writes linalg.txt: PyTorch 1.13's results (or errors) for dot mv mm bmm
matmul over every dtype and over the rank combinations of matmul (1-d to
4-d, broadcast batch dims, empty dims), including every shape and dtype
error. Run with /usr/bin/python3 (Debian's torch). Format: golden_cases.py.
"""
import os

import torch

from golden_cases import DTYPES, Cases

gen = torch.Generator().manual_seed(99)


def values(shape, dtype, exact=True):
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=gen).bool()
    if not dtype.is_floating_point:
        low = 0 if dtype == torch.uint8 else -9
        return torch.randint(low, 10, shape, generator=gen).to(dtype)
    if exact:
        return (torch.randint(-8, 9, shape, generator=gen).double() / 4).to(dtype)
    return torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)


cases = Cases()
OPS = {
    "dot": torch.dot, "mv": torch.mv, "mm": torch.mm, "bmm": torch.bmm, "matmul": torch.matmul,
}
VALID = {
    "dot": [((5,), (5,)), ((0,), (0,)), ((1,), (1,))],
    "mv": [((3, 4), (4,)), ((0, 2), (2,)), ((3, 0), (0,))],
    "mm": [((3, 4), (4, 5)), ((1, 1), (1, 1)), ((0, 3), (3, 2)), ((2, 0), (0, 3)), ((7, 33), (33, 9))],
    "bmm": [((2, 3, 4), (2, 4, 5)), ((0, 2, 2), (0, 2, 2)), ((3, 1, 2), (3, 2, 1))],
    "matmul": [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (3, 4)), ((2, 2, 3), (3,)),
               ((4,), (2, 4, 3)), ((2, 2, 3), (3, 4)), ((2, 3), (2, 3, 4)), ((2, 2, 3), (2, 3, 2)),
               ((2, 1, 2, 3), (5, 3, 2)), ((4, 1, 2, 3), (3, 5)), ((3, 2, 3), (1, 3, 4)), ((2, 0, 3), (2, 3, 0)),
               ((1, 4), (2, 4, 2)), ((5,), (2, 5, 2))],
}
INVALID = {
    "dot": [((3,), (4,)), ((3,), (3, 1)), ((2, 3), (3,))],
    "mv": [((3, 2), (3,)), ((3, 2), (2, 1)), ((2,), (2,))],
    "mm": [((3, 2), (3, 2)), ((3, 2), (2,)), ((2,), (2, 3)), ((0, 3), (4, 2))],
    "bmm": [((3, 2), (3, 2)), ((2, 3, 4), (2, 5, 4)), ((2, 3, 4), (3, 4, 5)), ((2, 3, 4), (2, 4))],
    "matmul": [((), (2,)), ((2,), ()), ((3,), (4,)), ((3,), (4, 2)), ((2, 3), (4,)), ((2, 2, 3), (4,)),
               ((4,), (2, 3, 2)), ((2, 2, 3), (4, 3, 2)), ((2, 2, 3), (2, 4, 2)), ((2, 3), (2, 4, 2)),
               ((3, 2, 3), (2, 4)), ((3, 2, 3), (3, 2, 4)), ((3, 2, 3), (5, 3, 4)), ((3, 4), (2, 3, 2)),
               ((2, 0, 3), (2, 4, 0))],
}


def shape_arg(a, b):
    return "x".join(map(str, a)) + "@" + "x".join(map(str, b))


for op, fn in OPS.items():
    for dtype in DTYPES:
        for a, b in VALID[op] + INVALID[op]:
            cases.add(op, [shape_arg(a, b)], [values(a, dtype), values(b, dtype)], fn)
    # Floats that do not multiply exactly.
    for dtype in [torch.float32, torch.float64, torch.bfloat16]:
        for a, b in VALID[op]:
            cases.add(op, ["inexact"], [values(a, dtype, False), values(b, dtype, False)], fn)
    # Mixed dtypes: no promotion.
    for da, db in [(torch.float32, torch.float64), (torch.int64, torch.float32), (torch.float64, torch.float32),
                   (torch.bool, torch.float32), (torch.int32, torch.int64)]:
        for a, b in VALID[op][:2] + INVALID[op][:1]:
            cases.add(op, ["mixed"], [values(a, da), values(b, db)], fn)

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "linalg.txt"))
print(cases.count, "cases")
