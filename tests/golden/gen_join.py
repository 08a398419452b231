#!/usr/bin/python3
"""Writes join.txt: PyTorch 1.13's cat, stack, vstack and hstack (values,
dtype, shape) or their errors. Run with /usr/bin/python3. Format:
golden_cases.py; the case is `case <op> <dim> <preps>`:
  op    cat | stack | vstack | hstack
  dim   an integer, or '_' for vstack and hstack (they take none)
  preps one token per input, joined by ',': how the stored input becomes the
        op's argument, so that views reach the op too:
          -     as stored
          t     transpose(0, -1) (a non-contiguous view)
          s     every other element along dim 0 (slice with step 2)
          b<n>  dim 0 (of size 1) expanded to n (stride 0)
          c     clone() (in kiln, a pending computation)
"""
import os
import random

import torch

from golden_cases import DTYPES, Cases

rng = random.Random(13)


def prepare(x, prep):
    if prep == "-":
        return x
    if prep == "t":
        return x.transpose(0, -1)
    if prep == "s":
        return x[::2]
    if prep.startswith("b"):
        return x.expand((int(prep[1:]),) + tuple(x.shape[1:]))
    if prep == "c":
        return x.clone()
    raise AssertionError(prep)


def stored_shape(shape, prep):
    """The shape to store so that `prepare` gives `shape`."""
    shape = list(shape)
    if prep == "t":
        shape[0], shape[-1] = shape[-1], shape[0]
    elif prep == "s":
        shape[0] = 2 * shape[0]
    elif prep.startswith("b"):
        shape[0] = 1
    return shape


def values(shape, dtype, seed):
    """Distinct values where the dtype allows (a wrong element shows), some
    past what float16 holds, so that promotion's casts are seen."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.float64) + seed
    if dtype == torch.bool:
        v = (i % 3) == 1
    elif dtype.is_floating_point:
        v = ((i - n // 2) * 0.75 + 0.1).to(dtype)
    elif dtype == torch.uint8:
        v = (i * 7 % 256).to(dtype)
    elif dtype == torch.int8:
        v = (i * 7 % 256 - 128).to(dtype)
    elif dtype == torch.int16:
        v = ((i - n // 2) * 1001).to(dtype)
    else:
        v = ((i - n // 2) * 70001 if seed % 2 else (i - n // 2)).to(dtype)
    return v.reshape(shape).clone()


cases = Cases()


def add(op, dim, specs):
    """specs: (shape the op sees, dtype, prep) per input."""
    inputs, preps = [], []
    for k, (shape, dtype, prep) in enumerate(specs):
        if prep != "-" and (len(shape) == 0 or (prep == "t" and len(shape) < 2) or
                            (prep.startswith("b") and int(prep[1:]) != shape[0])):
            prep = "-"
        inputs.append(values(stored_shape(shape, prep), dtype, len(cases.lines) + k))
        preps.append(prep)

    def compute(*xs):
        xs = [prepare(x, p) for x, p in zip(xs, preps)]
        if op == "cat":
            return torch.cat(xs, dim)
        if op == "stack":
            return torch.stack(xs, dim)
        return getattr(torch, op)(xs)

    cases.add(op, ["_" if dim is None else dim, ",".join(preps) if preps else "_"], inputs, compute)


F, L = torch.float32, torch.int64

# --- Every error, and the edge cases of PyTorch's checks ----------------------
for op in ("cat", "stack", "vstack", "hstack"):
    add(op, 0 if op in ("cat", "stack") else None, [])
add("cat", 0, [((2, 3), F, "-"), ((2, 4), F, "-")])
add("cat", 1, [((2, 3), F, "-"), ((2, 4), F, "-")])
add("cat", 1, [((2, 3), F, "-"), ((3, 4), F, "-")])
add("cat", 0, [((2, 3), F, "-"), ((2, 3), F, "-"), ((2, 4), F, "-")])
add("cat", 1, [((2, 3), F, "-"), ((3,), F, "-")])
add("cat", 1, [((3,), F, "-"), ((2, 3), F, "-")])
add("cat", 0, [((2, 3), F, "-"), ((2, 3, 4), F, "-")])
add("cat", 2, [((2, 3, 4), F, "-"), ((2, 3), F, "-")])
add("cat", 0, [((), F, "-"), ((2, 3), F, "-")])
add("cat", 0, [((2, 3), F, "-"), ((), F, "-")])
add("cat", 0, [((), F, "-")])
add("cat", 0, [((0,), F, "-"), ((), F, "-")])
add("cat", 5, [((), F, "-"), ((0,), F, "-")])
for dim in (2, -3, 7):
    add("cat", dim, [((2, 3), F, "-"), ((2, 3), F, "-")])
    add("cat", dim, [((2, 3), F, "-")])
# [0] is skipped wherever it is and whatever the dim: dtype only.
add("cat", 1, [((0,), F, "-"), ((2, 3), F, "-")])
add("cat", 1, [((2, 3), F, "-"), ((0,), L, "-")])
add("cat", 0, [((0,), torch.float64, "-"), ((2, 3), F, "-"), ((0,), F, "-"), ((1, 3), F, "-")])
add("cat", 1, [((2, 3), F, "-"), ((0,), F, "-"), ((3, 3), F, "-")])
add("cat", -1, [((0,), torch.int8, "-"), ((0,), torch.uint8, "-")])
add("cat", 0, [((0,), torch.float64, "-")])
add("cat", 5, [((0,), F, "-"), ((0,), torch.bool, "-")])
add("cat", 2, [((0,), F, "-"), ((0, 0), F, "-")])
add("cat", 2, [((0, 0), F, "-"), ((0,), F, "-")])
add("cat", 1, [((0,), F, "-"), ((0, 0), F, "-"), ((0,), F, "-"), ((0, 3), F, "-")])
add("cat", 0, [((0, 3), F, "-"), ((2, 3), F, "-")])
add("cat", 0, [((0, 4), F, "-"), ((2, 3), F, "-")])
add("cat", 1, [((2, 0), F, "-"), ((2, 3), L, "-"), ((2, 0), torch.int8, "-")])
add("cat", 0, [((1,), F, "-"), ((0,), F, "-"), ((2,), F, "-")])
add("stack", 0, [((2, 3), F, "-"), ((2, 4), F, "-")])
add("stack", 1, [((2, 3), F, "-"), ((2, 3), F, "-"), ((2, 4), F, "-")])
add("stack", 0, [((2, 3), F, "-"), ((3, 2), F, "t")])
add("stack", 2, [((2, 3), F, "-"), ((2, 4), F, "-")])
add("stack", -1, [((2, 3), F, "-"), ((2, 3, 1), F, "-")])
add("stack", 2, [((2, 3), F, "-"), ((2,), F, "-")])
add("stack", 1, [((2,), F, "-"), ((2, 3), F, "-")])
add("stack", 1, [((2,), F, "-"), ((3,), F, "-")])
for dim in (3, -4):
    add("stack", dim, [((2, 3), F, "-"), ((2, 3), F, "-")])
add("stack", 0, [((), L, "-"), ((), F, "-")])
add("stack", 0, [((), L, "-"), ((2,), F, "-")])
add("stack", -1, [((2, 3), F, "-"), ((2, 3), F, "-"), ((3,), F, "-")])
add("stack", -1, [((), L, "-"), ((), torch.bool, "-"), ((), torch.int8, "-")])
add("stack", 1, [((), L, "-"), ((), F, "-")])
add("stack", 0, [((0,), F, "-"), ((0,), L, "-")])
add("stack", 1, [((0,), F, "-"), ((0,), F, "-"), ((0,), F, "-")])
add("stack", 1, [((2, 0), F, "-"), ((2, 0), F, "-")])
add("stack", 0, [((2, 3), F, "-")])
add("vstack", None, [((), F, "-"), ((3,), F, "-")])
add("vstack", None, [((), F, "-"), ((), L, "-")])
add("vstack", None, [((2,), F, "-"), ((3,), F, "-")])
add("vstack", None, [((3,), F, "-"), ((2, 3), torch.int16, "-"), ((), F, "-")])
add("vstack", None, [((2, 3), F, "-"), ((3, 4), F, "-")])
add("vstack", None, [((2, 3, 4), F, "-"), ((3, 4), F, "-")])
add("vstack", None, [((2, 3, 4), F, "-"), ((1, 3, 4), L, "-")])
add("vstack", None, [((0,), F, "-"), ((2, 3), F, "-")])
add("vstack", None, [((0,), F, "-"), ((2, 0), F, "-")])
add("hstack", None, [((2,), F, "-"), ((3,), F, "-")])
add("hstack", None, [((2,), F, "-"), ((3, 1), F, "-")])
add("hstack", None, [((3, 1), F, "-"), ((2,), F, "-")])
add("hstack", None, [((), F, "-"), ((3,), F, "-")])
add("hstack", None, [((), F, "-"), ((), L, "-"), ((), torch.bool, "-")])
add("hstack", None, [((2, 3), F, "-"), ((3, 3), F, "-")])
add("hstack", None, [((2, 3), F, "-"), ((2, 1), torch.uint8, "-"), ((2, 0), F, "-")])
add("hstack", None, [((0,), F, "-"), ((2, 3), F, "-")])
add("hstack", None, [((2, 3, 4), F, "-"), ((2, 5, 4), F, "s"), ((2, 3, 4), F, "-")])
add("hstack", None, [((2, 3, 4), F, "-"), ((2, 3, 5), F, "-")])

# --- Every promotion pair -------------------------------------------------------
for a in DTYPES:
    for b in DTYPES:
        add("cat", 0, [((2, 2), a, "-"), ((1, 2), b, "-")])

# --- Random joins: ranks 1-4, every dim, 1-4 inputs, views, some dtypes mixed ---
PREPS = ["-", "-", "-", "t", "s", "c", "b"]


def random_specs(shape, count, dim_varies):
    dtype = rng.choice(DTYPES)
    specs = []
    for _ in range(count):
        s = list(shape)
        if dim_varies is not None:
            s[dim_varies] = rng.choice([0, 1, 2, 3])
        prep = rng.choice(PREPS)
        if prep == "b":
            prep = "b" + str(s[0])
        d = dtype if rng.random() < 0.7 else rng.choice(DTYPES)
        specs.append((tuple(s), d, prep))
    return specs


for _ in range(260):
    rank = rng.randint(1, 4)
    shape = [rng.randint(1, 3) for _ in range(rank)]
    op = rng.choice(["cat", "cat", "stack", "vstack", "hstack"])
    count = rng.randint(1, 4)
    if op == "cat":
        dim = rng.randint(-rank, rank - 1)
        add(op, dim, random_specs(shape, count, dim % rank))
    elif op == "stack":
        dim = rng.randint(-rank - 1, rank)
        add(op, dim, random_specs(shape, count, None))
    else:
        join = 0 if op == "vstack" or rank == 1 else 1
        add(op, None, random_specs(shape, count, join))

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "join.txt"))
print(cases.count, "cases")
