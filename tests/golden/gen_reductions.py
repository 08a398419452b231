#!/usr/bin/python3
"""Writes reductions.txt: PyTorch 1.13's results (or errors) for sum mean
prod max min amax amin argmax argmin all any over every dtype, shapes from
0-d and empty to 3-d, whole-tensor and per-dim, with keepdim and dtype
arguments; values with ties, NaN and infinities. Run with /usr/bin/python3
(Debian's torch). Format: golden_cases.py.

Arguments: dim=<d>[,<d>...] (dim=none: no dim argument; dim=: an empty
list), keepdim=0|1, dtype=<name>.
"""
import os

import torch

from golden_cases import DTYPES, Cases, name

gen = torch.Generator().manual_seed(1234)
SHAPES = [(), (0,), (5,), (2, 3), (2, 0), (3, 1, 4)]


def values(shape, dtype, special):
    """Values with many ties (small integers), and NaN/inf when `special`."""
    if dtype == torch.bool:
        return torch.randint(0, 2, shape, generator=gen).bool()
    if not dtype.is_floating_point:
        low = 0 if dtype == torch.uint8 else -4
        return torch.randint(low, 5, shape, generator=gen).to(dtype)
    x = torch.randint(-6, 7, shape, generator=gen).double() / 2
    x = torch.where(torch.rand(shape, generator=gen) < 0.5, torch.randn(shape, generator=gen, dtype=torch.float64), x)
    if special and x.numel() >= 3:
        flat = x.reshape(-1)
        flat[1] = float("nan")
        flat[-1] = float("inf")
        flat[0] = float("-inf")
    return x.to(dtype)


def call(op, dim, keepdim, dtype):
    def f(x):
        kw = {}
        if keepdim is not None:
            kw["keepdim"] = keepdim
        if dtype is not None:
            kw["dtype"] = dtype
        fn = getattr(x, op)
        if dim is None:
            return fn(**kw)
        return fn(dim, **kw)
    return f


def args(dim, keepdim, dtype):
    out = []
    if dim is None:
        out.append("dim=none")
    elif isinstance(dim, tuple):
        out.append("dim=" + ",".join(str(d) for d in dim))
    else:
        out.append("dim=" + str(dim))
    if keepdim is not None:
        out.append("keepdim=" + str(int(keepdim)))
    if dtype is not None:
        out.append("dtype=" + name(dtype))
    return out


cases = Cases()
MULTI_DIM_OPS = ["sum", "mean", "amax", "amin"]   # dim may be a list
ONE_DIM_OPS = ["prod", "max", "min", "argmax", "argmin", "all", "any"]
for dtype in DTYPES:
    for shape in SHAPES:
        for special in ([False, True] if dtype.is_floating_point and len(shape) in (1, 2) else [False]):
            x = values(shape, dtype, special)
            rank = len(shape)
            # Every dim once (negative for the last), and keepdim on the last.
            dims = [None] + list(range(rank - 1)) + [-1]
            for op in MULTI_DIM_OPS + ONE_DIM_OPS:
                for dim in dims:
                    keepdim = None if dim is None and op not in ("argmax", "argmin") else False
                    cases.add(op, args(dim, keepdim, None), [x], call(op, dim, keepdim, None))
                cases.add(op, args(-1, True, None), [x], call(op, -1, True, None))
                if op in MULTI_DIM_OPS and rank >= 2 and not special:
                    for dim in [(-1, 0), ()]:
                        cases.add(op, args(dim, False, None), [x], call(op, dim, False, None))
                    cases.add(op, args((0, -1), True, None), [x], call(op, (0, -1), True, None))
                    if dtype == torch.float32:
                        cases.add(op, args((0, 1, 0), False, None), [x], call(op, (0, 1, 0), False, None))
# dtype arguments.
for dtype in DTYPES:
    x = values((2, 3), dtype, False)
    for out in [torch.int32, torch.float16, torch.float64]:
        cases.add("sum", args(None, None, out), [x], call("sum", None, None, out))
        cases.add("sum", args(1, True, out), [x], call("sum", 1, True, out))
        cases.add("mean", args(None, None, out), [x], call("mean", None, None, out))
        cases.add("mean", args(0, False, out), [x], call("mean", 0, False, out))
        cases.add("prod", args(None, None, out), [x], call("prod", None, None, out))
# Long inputs: float accumulation, and the vector paths.
for dtype in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int32]:
    x = values((300,), dtype, False)
    y = values((7, 130), dtype, False)
    for op in ["sum", "mean", "argmin", "max"]:
        cases.add(op, args(None, None, None) if op not in ("argmin",) else args(None, False, None), [x],
                  call(op, None, None if op != "argmin" else False, None))
        cases.add(op, args(1, False, None), [y], call(op, 1, False, None))
        cases.add(op, args(0, True, None), [y], call(op, 0, True, None))
x = torch.full((40,), 1.1)
cases.add("prod", args(None, None, None), [x], call("prod", None, None, None))
cases.add("prod", args(None, None, None), [torch.tensor([1e30, 1e30, 1e-30])], call("prod", None, None, None))
cases.add("prod", args(None, None, None), [torch.full((100,), 3)], call("prod", None, None, None))

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "reductions.txt"))
print(cases.count, "cases")
