#!/usr/bin/python3
"""Writes advanced_indexing.txt: PyTorch 1.13's advanced indexing (tensor
indices, boolean masks), index_put_ with tensor indices, and masked_fill.
Run with /usr/bin/python3. Format: golden_cases.py (reads with `meta` lines).

  case index <token> [perm=...]       x[token]; inputs: x, then index tensors
  case index_put <token> [perm=...] [scalar=v]
                                      x[token] = value (the last input, or
                                      the scalar); output: x after the write
  case masked_fill <value> / masked_fill_ <value>
                                      inputs: self, mask[, 0-d value when
                                      <value> is 'tensor']

A token is basic indexing's (gen_indexing.py) plus 'T<k>': index tensor k
(input k + 1). perm=2,0,1 permutes x first, so the index applies to a
non-contiguous view (writes then show in x itself).
"""
import os
import random
import warnings

import torch

from golden_cases import Cases, parse_index

warnings.filterwarnings("ignore")
rng = random.Random(11)


def view_of(x, perm):
    return x.permute(*perm) if perm else x


def perm_arg(perm):
    return ["perm=" + ",".join(str(p) for p in perm)] if perm else []


cases = Cases()


def add_read(x, token, tensors, perm=None):
    cases.add("index", [token] + perm_arg(perm), [x] + tensors,
              lambda x, *ts: view_of(x, perm)[parse_index(token, ts)], layout=True)


def add_write(x, token, tensors, value, perm=None):
    """value: a tensor (last input) or a Python number."""
    scalar = not isinstance(value, torch.Tensor)
    args = [token] + perm_arg(perm) + (["scalar=" + repr(value)] if scalar else [])
    inputs = [x] + tensors + ([] if scalar else [value])

    def run(x, *rest):
        y = x.clone()
        ts = rest if scalar else rest[:-1]
        view_of(y, perm)[parse_index(token, ts)] = value if scalar else rest[-1]
        return y
    cases.add("index_put", args, inputs, run)


def arange(shape, dtype=torch.float32):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(n).reshape(shape).to(dtype)


L = lambda *v: torch.tensor(v, dtype=torch.long)
B = lambda *v: torch.tensor(v, dtype=torch.bool)

# Hand-written reads on a 2x3x4 tensor: PyTorch's layout rules, masks,
# bools, 0-d tensors, and every error.
x = arange((2, 3, 4), torch.int64)
HAND = [
    ("T0", [L(1, 0)]), ("T0", [L(-1, -2, 0)]), ("T0", [L(2)]), ("T0", [L(-3)]),
    (":,T0", [L(2, 0, 1)]), (":,:,T0", [L(3, 3)]), (":,:,T0", [L(4)]),
    ("T0,T1", [L(0, 1), L(2, 0)]), ("T0,:,T1", [L(0, 1), L(1, 3)]), ("T0,:,T1", [L(0, 1), L(7)]),
    (":,T0,T1", [L(0, 2), L(1, 3)]), ("T0,1,T1", [L(0, 1), L(1, 3)]), ("1,T0,1:3", [L(0, 1)]),
    (":,1,T0", [torch.tensor([[0], [1]])]), ("T0,T1,T2", [L(1), L(0, 1), torch.tensor([[0], [1]])]),
    ("T0,T1,T2", [L(1), L(0, 1, 2), torch.tensor([[0], [1]])]), ("T0,T1", [L(0, 1), L(0, 1, 2)]),
    ("T0,T1", [L(9), L(7)]), ("T0,T1", [L(0), L(7)]), ("None,T0", [L(0, 1)]), ("...,T0", [L(0, 1)]),
    ("T0,...,T1", [torch.tensor([[0, 1]]), L(0, 1)]), ("T0,None,T1", [L(1), L(1, 2)]),
    ("T0,1:,T1", [L(1), L(1, 2)]), ("T0", [torch.tensor([], dtype=torch.long)]),
    ("T0", [torch.zeros(0, 2, dtype=torch.long)]), ("T0", [torch.tensor([[1, 0], [0, 1]])]),
    ("T0", [torch.tensor(1)]), ("T0", [torch.tensor(-1)]), ("T0", [torch.tensor(5)]),
    ("T0,T1", [torch.tensor(1), torch.tensor(2)]), ("T0,T1", [L(1), torch.tensor(2)]),
    ("T0", [torch.tensor(1, dtype=torch.int32)]),
    ("T0", [torch.tensor([0, 1], dtype=torch.int32)]), ("T0", [torch.tensor([0., 1.])]),
    ("T0", [torch.tensor([0, 1], dtype=torch.int16)]), ("T0", [torch.tensor(1.5)]),
    ("T0,T1", [L(9), torch.tensor([0.5])]), ("T0", [torch.tensor([1, 0], dtype=torch.uint8)]),
    ("T0", [B(True, False)]), ("T0", [B(False, False)]), ("T0", [B(True, False, True)]),
    (":,T0", [B(True, False)]), (":,T0", [B(True, False, True)]), ("T0", [x > 5]), ("T0", [x > 100]),
    ("T0", [torch.tensor([[True, False, True], [False, False, True]])]),
    ("T0", [torch.ones(2, 3, 4, dtype=torch.bool)]), ("T0,0", [torch.ones(2, 3, dtype=torch.bool)]),
    ("T0,0", [torch.ones(2, 4, dtype=torch.bool)]), ("0,T0", [torch.ones(3, 4, dtype=torch.bool)]),
    ("T0,T1", [L(1, 0), B(True, False, True)]), ("T0,T1", [torch.tensor([[True, False, True]]), L(1, 0)]),
    ("T0,T1", [B(True, False), L(5)]), ("T0,T1", [B(True, True), L(0, 1, 2)]),
    ("T0", [torch.tensor(True)]), ("T0", [torch.tensor(False)]), ("T0,T1", [torch.tensor(True), L(1, 0)]),
    ("True,T0", [L(1, 0)]), ("False,T0", [L(1, 0)]), ("T0,True", [L(1, 0)]),
    ("T0,T1,T2,T3", [L(0), L(0), L(0), L(0)]),
]
for token, ts in HAND:
    add_read(x, token, ts)
for token, ts in [("T0", [L(1, 3)]), ("T0,T1", [L(1, 0), L(2)]), (":,T0", [L(0, 1, 0)]), ("T0", [B(True, False, True, True)])]:
    add_read(x, token, ts, perm=(2, 0, 1))
for token, ts in [(":,T0", [L(5)]), ("T0", [L(5)]), ("T0", [torch.tensor([], dtype=torch.long)])]:
    add_read(torch.zeros(0, 3), token, ts)
add_read(torch.zeros(3, 0), "T0", [L(5)])
for token, ts in [("T0", [L(0)]), ("T0", [torch.tensor(True)]), ("T0", [torch.tensor(False)])]:
    add_read(torch.tensor(5.), token, ts)
for dtype in [torch.bool, torch.uint8, torch.float16, torch.bfloat16, torch.float64, torch.int8]:
    add_read(arange((3, 4), dtype), "T0,T1", [L(2, 0), L(-1, 1)])
    add_read(arange((3, 4), dtype), "T0", [B(False, True, True)])


def random_index_tensor(size):
    kind = rng.choice(["long", "long", "long", "mask", "0d"])
    if kind == "mask":
        return torch.tensor([rng.random() < 0.5 for _ in range(size)], dtype=torch.bool)
    if kind == "0d":
        return torch.tensor(rng.randint(-size, size - 1) if size else 0)
    shape = rng.choice([(rng.randint(0, 3),), (rng.randint(1, 2), rng.randint(1, 3)), (1,)])
    hi = max(size, 1)
    vals = [rng.randint(-hi, hi - 1) if rng.random() > 0.03 else hi + 1 for _ in range(int(torch.tensor(shape).prod()))]
    return torch.tensor(vals, dtype=torch.long).reshape(shape)


def random_token(shape):
    parts, tensors, d = [], [], 0
    count = rng.randint(1, len(shape))
    forced = rng.randrange(count)  # at least one tensor index
    for i in range(count):
        size = shape[min(d, len(shape) - 1)]
        kind = "T" if i == forced else rng.choice(["T", "T", "slice", "int", "None"])
        if kind == "T":
            parts.append("T%d" % len(tensors))
            tensors.append(random_index_tensor(size))
        elif kind == "slice":
            parts.append(rng.choice([":", "1:", "::2", ":-1"]))
        elif kind == "int":
            parts.append(str(rng.randint(-size, size - 1) if size else 0))
        else:
            parts.append("None")
            continue
        d += 1
    return ",".join(parts), tensors


for _ in range(240):
    shape = tuple(rng.randint(1, 4) for _ in range(rng.randint(1, 4)))
    base = arange(shape, rng.choice([torch.float32, torch.int64]))
    token, ts = random_token(shape)
    perm = None
    if len(shape) > 1 and rng.random() < 0.25:
        perm = tuple(rng.sample(range(len(shape)), len(shape)))
        token, ts = random_token(tuple(shape[p] for p in perm))
    add_read(base, token, ts, perm)

# Writes.
y = arange((3, 4))
WRITES = [
    ("T0", [L(0, 2)], torch.tensor([1., 2, 3, 4])), ("T0", [L(0, 2)], torch.tensor([[1.], [2.]])),
    ("T0", [L(0, 2)], torch.tensor([1., 2, 3])), ("T0", [L(0, 2)], torch.tensor([1, 2, 3, 4])),
    ("T0", [L(9)], torch.tensor([1., 2, 3])), ("T0", [L(9)], torch.tensor([1, 2, 3])), ("T0", [L(9)], 1.0),
    ("T0", [L(0, 0)], torch.tensor([[1.], [2.]])), ("T0,T1", [L(0, 1, 2), L(3, 2, 1)], torch.tensor([7., 8, 9])),
    (":,T0", [L(-1)], 5.5), ("T0,1:", [L(2, 1)], torch.tensor(6.)), ("T0", [L(1)], torch.tensor(3)),
    ("T0", [y > 5], 0.0), ("T0", [y > 5], torch.tensor(3)), ("T0", [y > 5], torch.tensor([3.])),
    ("T0", [y > 5], torch.tensor([7., 8, 9, 10, 11, 12])), ("T0", [y > 5], torch.tensor([7., 8])),
    ("T0", [B(True, False)], 9.0), ("T0", [B(True, False, True)], torch.tensor([5., 6])),
    ("T0", [B(True, False, True)], torch.tensor([[5.], [6.]])), (":,T0", [B(True, False, True, False)], -1.0),
    ("T0", [torch.tensor([1, 0, 1], dtype=torch.uint8)], 4.0), ("T0", [torch.tensor(True)], 2.0),
    ("T0", [torch.tensor([0.5])], 1.0), ("T0,T1", [L(0, 1), L(0, 1, 2)], 1.0), ("T0", [L(1)], float("nan")),
]
for token, ts, value in WRITES:
    add_write(y, token, ts, value)
for dtype, value in [(torch.uint8, 300), (torch.uint8, -1), (torch.int32, 3.7), (torch.bool, 2), (torch.float16, 1e6),
                     (torch.int64, True), (torch.int8, -128)]:
    add_write(arange((3, 4), dtype), "T0", [L(1)], value)
    add_write(arange((3, 4), dtype), "T0", [B(False, True, True)], value)
add_write(arange((2, 3, 4)), "T0", [L(1, 3)], torch.tensor([[5.], [6.]]), perm=(2, 0, 1))
add_write(arange((2, 3, 4)), ":,T0", [B(True, False)], 0.5, perm=(2, 0, 1))
for _ in range(120):
    shape = tuple(rng.randint(1, 4) for _ in range(rng.randint(1, 3)))
    dtype = rng.choice([torch.float32, torch.int64])
    base = arange(shape, dtype)
    token, ts = random_token(shape)
    try:
        result_shape = base[parse_index(token, ts)].shape
    except Exception:
        result_shape = (2,)
    pick = rng.random()
    if pick < 0.4:
        value = rng.choice([-1, 7, 0.5])
    elif pick < 0.9:
        value = (torch.arange(1, 1 + int(torch.tensor(result_shape).prod())).reshape(result_shape) * 10).to(dtype)
        if len(result_shape) and rng.random() < 0.4:
            value = value.reshape(result_shape)[..., :1].clone()
    else:
        value = torch.tensor(3.0)
    add_write(base, token, ts, value)

# masked_fill.
m = B(True, False, True, False)
MF = [
    (torch.zeros(3, 4), m, 5), (torch.zeros(3, 4), m, 5.5), (torch.zeros(4, dtype=torch.long), m, 5.5),
    (torch.zeros(4, dtype=torch.long), m, True), (torch.zeros(4, dtype=torch.bool), m, 2),
    (torch.zeros(4, dtype=torch.uint8), m, -1), (torch.zeros(4, dtype=torch.uint8), m, 300),
    (torch.zeros(4, dtype=torch.int8), m, 300), (torch.zeros(4, dtype=torch.float16), m, 1e6),
    (torch.zeros(4, dtype=torch.int32), m, float("nan")), (torch.zeros(4), m, float("nan")),
    (torch.zeros(4), m.long(), 2), (torch.zeros(4), m.to(torch.uint8), 2), (torch.zeros(4), L(1, 0, 2, 0), 2),
    (torch.zeros(4), torch.tensor([2, 0, 1, 0], dtype=torch.uint8), 2),
    (torch.zeros(4), torch.tensor([1, 0, 1, 0], dtype=torch.int32), 2),
    (torch.zeros(4), torch.tensor([[True], [False]]), 2), (torch.zeros(1, 4), torch.tensor([[True], [False]]), 2),
    (torch.zeros(3), m, 2), (arange((2, 4)), m, -3), (arange((2, 4)).bfloat16(), m, 0.1),
    (torch.zeros(4), m, torch.tensor(2)), (torch.zeros(4), m, torch.tensor([2.])),
    (torch.zeros(4), m, torch.tensor(2, dtype=torch.float64)), (torch.zeros(4, dtype=torch.long), m, torch.tensor(2.5)),
    (torch.zeros(4, dtype=torch.uint8), m, torch.tensor(300)), (torch.zeros(4), m, torch.tensor(True)),
    (torch.zeros(3), torch.tensor([[True], [False]]), 1),
]
for self_, mask, value in MF:
    for op in ["masked_fill", "masked_fill_"]:
        tensor_value = isinstance(value, torch.Tensor)
        inputs = [self_, mask] + ([value] if tensor_value else [])

        def run(s, mk, *v, op=op, value=value):
            s = s.clone()
            r = getattr(s, op)(mk, v[0] if v else value)
            return r
        cases.add(op, ["tensor" if tensor_value else repr(value)], inputs, run)

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "advanced_indexing.txt"))
print(cases.count, "cases")
