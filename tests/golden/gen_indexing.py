#!/usr/bin/python3
"""Writes indexing.txt: PyTorch 1.13's basic indexing (t[...] with integers,
slices, None, Ellipsis and bools): sizes, strides, storage offset and values
of the view, or the error. Run with /usr/bin/python3. Format: golden_cases.py
(with `meta` lines); the index is one token of comma-separated parts:
an integer, start:stop:step (parts may be empty), None, ..., True, False.
"""
import os
import random

import torch

from golden_cases import Cases, parse_index

rng = random.Random(5)


HAND = ["0", "-1", "1", "...,1", "None,:,1", "1,...,None,2", "1:,::2,-1", ":,None,:,None", "True",
        "0,0,0,0", "5", ":,7", "-3", "::3", "-2:", ":-1", "10:20", "...", "None", "0,None", ":,:,:",
        "0,:,1:3", "None,...,None", "1:1", "...,::2", "0:2,1,2:4:2", "True,0", "...,None,2", "0,True,..."]
# (False makes an empty copy whose strides PyTorch derives from its
# advanced-indexing machinery; kiln gives fresh strides. Shapes only.)
SHAPES = [(2, 3, 4), (5,), (0, 3), (3, 1, 2)]

cases = Cases()
for shape in SHAPES:
    base = torch.arange(int(torch.tensor(shape).prod())).reshape(shape).clone()
    for token in HAND:
        cases.add("index", [token], [base], lambda x, t=token: x[parse_index(t)], layout=True)
zero_d = torch.tensor(5)
for token in ["None", "...", "0", "True", "None,None", ":"]:
    cases.add("index", [token], [zero_d], lambda x, t=token: x[parse_index(t)], layout=True)


def random_part(size):
    kind = rng.choice(["int", "slice", "slice", "None", "..."])
    if kind == "int":
        return str(rng.randint(-size, size - 1)) if size else "0"
    if kind == "slice":
        lo = rng.choice(["", str(rng.randint(-size - 1, size + 1))])
        hi = rng.choice(["", str(rng.randint(-size - 1, size + 1))])
        st = rng.choice(["", "1", "2", "3"])
        return lo + ":" + hi + (":" + st if st else "")
    return kind


for _ in range(200):
    shape = tuple(rng.randint(1, 4) for _ in range(rng.randint(1, 4)))
    base = torch.arange(int(torch.tensor(shape).prod())).reshape(shape).to(rng.choice([torch.float32, torch.int64])).clone()
    parts, d = [], 0
    for _ in range(rng.randint(1, len(shape) + 1)):
        p = random_part(shape[min(d, len(shape) - 1)])
        if p == "..." and "..." in parts:
            p = "None"
        parts.append(p)
        d += p not in ("None", "...")
    token = ",".join(parts)
    cases.add("index", [token], [base], lambda x, t=token: x[parse_index(t)], layout=True)

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "indexing.txt"))
print(cases.count, "cases")
