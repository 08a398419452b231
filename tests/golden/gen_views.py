#!/usr/bin/python3
"""Writes views.txt: PyTorch 1.13's results (or errors) for chains of view
ops applied to a base tensor: sizes, strides, storage offset,
is_contiguous, whether the result shares the base's memory, and values.
Hand-written cases cover every op and error path; a seeded random walk adds
chains of valid ops (and a few invalid ones). Run with /usr/bin/python3
(Debian's torch). Format: golden_cases.py, with a `meta` line after each
`out` line; the case is `case views <chain>`.

Chain grammar (one token, no spaces):
  chain := step ('|' step)*           steps apply left to right
  step  := name [':' arg (',' arg)*]  omitted args take the C++ defaults
  arg   := integer | '_' (std::nullopt) | '[' [integer (',' integer)*] ']' (a list)
Steps: view:[sizes] reshape:[shape] flatten[:start[,end]] permute:[dims]
transpose:d0,d1 t mT squeeze[:dim] unsqueeze:dim expand:[sizes][,implicit 0|1]
expand_as:[other's sizes] narrow:dim,start,length select:dim,index
subscript:index (operator[]) slice[:dim[,start[,end[,step]]]]
chunk:chunks[,dim] split:size[,dim] split:[sizes][,dim] contiguous.
chunk and split return lists and come last in a chain.
"""
import os
import random

import torch

from golden_cases import DTYPES, Cases

LIST_OPS = ("chunk", "split")


# --- The grammar: tokens to steps and back ------------------------------------

def split_args(text):
    """Splits at the commas outside brackets."""
    args, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            args.append(cur)
            cur = ""
        else:
            cur += ch
    return args + [cur]


def parse_arg(a):
    if a == "_":
        return None
    if a.startswith("["):
        assert a.endswith("]"), a
        return [int(v) for v in a[1:-1].split(",")] if len(a) > 2 else []
    return int(a)


def parse(chain):
    steps = []
    for text in chain.split("|"):
        name, _, rest = text.partition(":")
        steps.append((name, [parse_arg(a) for a in split_args(rest)] if rest else []))
    for name, _ in steps[:-1]:
        assert name not in LIST_OPS, chain
    return steps


def fmt_arg(a):
    if a is None:
        return "_"
    if isinstance(a, list):
        return "[" + ",".join(str(v) for v in a) + "]"
    return str(a)


def token(steps):
    return "|".join(n + (":" + ",".join(fmt_arg(a) for a in args) if args else "") for n, args in steps)


# --- Applying steps the way the C++ API calls them ---------------------------

def apply(name, args, x):
    if name == "view":
        return x.view(args[0])
    if name == "reshape":
        return x.reshape(args[0])
    if name == "flatten":
        return x.flatten(*args)
    if name == "permute":
        return x.permute(args[0])
    if name == "transpose":
        return x.transpose(*args)
    if name == "t":
        return x.t()
    if name == "mT":
        return x.mT
    if name == "squeeze":
        return x.squeeze(*args)
    if name == "unsqueeze":
        return x.unsqueeze(*args)
    if name == "expand":
        return x.expand(args[0], implicit=bool(args[1]) if len(args) > 1 else False)
    if name == "expand_as":
        return x.expand_as(torch.empty(args[0], dtype=x.dtype))
    if name == "narrow":
        return x.narrow(*args)
    if name == "select":
        return x.select(*args)
    if name == "subscript":  # libtorch's operator[](i) is select(0, i), errors included
        return x.select(0, args[0])
    if name == "slice":  # the ATen op itself: Python's x[a:b] checks differently
        return torch.ops.aten.slice(x, *args)
    if name == "chunk":
        return tuple(x.chunk(*args))
    if name == "split":  # an int or a list (split_with_sizes), as torch.split
        return tuple(x.split(*args))
    if name == "contiguous":
        return x.contiguous()
    raise AssertionError("unknown step " + name)


def run(steps):
    def f(x):
        for name, args in steps:
            x = apply(name, args, x)
        return x
    return f


# --- Bases --------------------------------------------------------------------

def base(shape, dtype):
    """Distinct values (as far as the dtype allows) so that a wrong element
    shows; a fresh tensor, not a view, so that views of it name it _base."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.float64)
    if dtype == torch.bool:
        v = (i % 3) == 1
    elif dtype.is_floating_point:
        v = ((i - n // 2) * 0.5).to(dtype)
    elif dtype == torch.uint8:
        v = i.to(dtype)
    else:
        v = (i - n // 2).to(dtype)
    return v.reshape(shape).clone()


cases = Cases()
ERROR_KINDS = ("RuntimeError", "IndexError", "ValueError")


def add(chain, shape, dtype=torch.float32):
    steps = parse(chain)
    assert token(steps) == chain, (chain, token(steps))
    x = base(shape, dtype)
    cases.add("views", [chain], [x], run(steps), layout=True)
    if cases.lines[-1].startswith("err "):
        assert cases.lines[-1].split()[1] in ERROR_KINDS, cases.lines[-1]


# --- Hand-written cases: every op, every error path ----------------------------

S0, V5, E0, M23, M31, M14, Z203, C234, B213, Q = (
    (), (5,), (0,), (2, 3), (3, 1), (1, 4), (2, 0, 3), (2, 3, 4), (2, 1, 3), (2, 1, 3, 2))

HAND = {
    S0: ["view:[]", "view:[1]", "view:[-1]", "view:[1,1,1]", "view:[2]", "reshape:[]", "reshape:[1,1]",
         "flatten", "flatten:0,0", "flatten:-1,-1", "flatten:1", "permute:[]", "permute:[0]",
         "transpose:0,0", "transpose:0,-1", "transpose:0,1", "t", "mT", "squeeze", "squeeze:0", "squeeze:-1",
         "squeeze:1", "unsqueeze:0", "unsqueeze:-1", "unsqueeze:1", "unsqueeze:-2", "expand:[]", "expand:[1]",
         "expand:[3]", "expand:[2,1]", "expand:[1,1]", "expand:[-1]", "expand_as:[2,2]", "narrow:0,0,1",
         "select:0,0", "subscript:0", "slice", "slice:0,0,1", "chunk:1", "split:1", "split:[1]",
         "contiguous", "unsqueeze:0|expand:[4]|contiguous", "expand:[3,1]|t|contiguous"],
    V5: ["view:[5,1]", "view:[-1,5]", "t", "mT", "flatten", "unsqueeze:1|expand:[5,2]|flatten",
         "slice:0,1,_,2", "slice:0,_,_,3|contiguous", "slice:-1", "select:0,-5", "select:0,5", "subscript:4",
         "subscript:-6", "narrow:0,5,0", "narrow:0,-5,5", "narrow:0,6,0", "narrow:0,-6,1", "chunk:2",
         "chunk:5", "chunk:6", "split:2", "split:5", "split:6", "split:0", "split:[2,3]", "split:[5,0]",
         "split:[0,5,0]", "split:[2,2]", "split:[6,-1]", "split:[]", "chunk:2,-1", "chunk:1,1", "split:1,1"],
    E0: ["view:[0,2]", "view:[-1]", "view:[0,-1]", "view:[2,-1,0]", "reshape:[3,0]", "flatten", "t",
         "transpose:0,0", "squeeze", "unsqueeze:1", "expand:[2,0]", "expand:[1]", "narrow:0,0,0",
         "narrow:0,0,1", "select:0,0", "subscript:0", "slice:0,1,2", "chunk:2", "chunk:3", "split:0",
         "split:2", "split:[0,0]", "split:[]", "split:[1]", "contiguous"],
    M23: ["view:[6]", "view:[3,2]", "view:[-1]", "view:[3,-1]", "view:[1,6,1]", "view:[2,1,3]",
          "view:[-1,-1]", "view:[4]", "view:[-1,4]", "view:[-2,3]", "view:[2,-3]", "view:[0,-1]",
          "transpose:0,1|view:[6]", "transpose:0,1|view:[3,2,1]", "transpose:0,1|view:[3,1,2]",
          "transpose:0,1|view:[1,3,2]", "transpose:0,1|view:[3,2]", "transpose:0,1|view:[-1,2]",
          "reshape:[3,2]", "reshape:[-1]", "reshape:[4]", "reshape:[-1,-1]", "transpose:0,1|reshape:[6]",
          "transpose:0,1|reshape:[2,3]", "transpose:0,1|reshape:[3,1,2]", "transpose:0,1|reshape:[-1]|view:[3,2]",
          "flatten", "flatten:1", "flatten:0,0", "flatten:1,1", "flatten:-2,-1", "flatten:1,0", "flatten:0,2",
          "flatten:-3", "t|flatten", "t|flatten:0,0", "t|flatten:1",
          "permute:[1,0]", "permute:[-1,0]", "permute:[0,1]", "permute:[0,0]", "permute:[1,-1]", "permute:[0]",
          "permute:[0,1,2]", "permute:[0,2]", "permute:[]",
          "transpose:0,1", "transpose:1,0", "transpose:1,1", "transpose:-1,-2", "transpose:0,2",
          "transpose:-3,0", "t", "t|t", "mT", "mT|mT",
          "squeeze", "squeeze:0", "squeeze:1", "squeeze:2", "squeeze:-3",
          "unsqueeze:0", "unsqueeze:1", "unsqueeze:2", "unsqueeze:-1", "unsqueeze:-3", "unsqueeze:3",
          "unsqueeze:-4", "t|unsqueeze:0", "t|unsqueeze:1", "t|unsqueeze:2",
          "expand:[2,3]", "expand:[-1,-1]", "expand:[1,-1,-1]", "expand:[4,2,3]", "expand:[0,2,3]",
          "expand:[3]", "expand:[4,3]", "expand:[2,4]", "expand:[-1,2,3]", "expand:[-2,3]", "expand:[0,3]",
          "expand:[2,3],1", "expand:[3],1", "expand_as:[4,2,3]", "expand_as:[4]", "expand_as:[2,4]",
          "narrow:1,1,2", "narrow:1,-1,1", "narrow:1,3,0", "narrow:0,1,1", "narrow:-1,0,3", "narrow:1,2,2",
          "narrow:1,-4,1", "narrow:1,4,0", "narrow:1,0,-1", "narrow:2,0,1",
          "select:1,2", "select:1,-3", "select:0,1", "select:-1,0", "select:1,3", "select:1,-4", "select:2,0",
          "select:-3,0", "subscript:1", "subscript:-1", "subscript:2", "subscript:-3",
          "slice", "slice:1", "slice:1,1", "slice:1,_,2", "slice:1,-2,_", "slice:1,_,-5", "slice:1,5,1",
          "slice:1,1,_,5", "slice:1,-10,10", "slice:1,0,3,2", "slice:0,_,_,2", "slice:1,2,1", "slice:-1,_,-1",
          "slice:1,0,3,0", "slice:1,0,3,-1", "slice:2", "slice:-3,0,1",
          "chunk:2", "chunk:1", "chunk:3,1", "chunk:2,1", "chunk:5,1", "chunk:0", "chunk:-1", "chunk:2,2",
          "t|chunk:2", "t|chunk:2,1",
          "split:1", "split:2,1", "split:5,1", "split:0", "split:-1", "split:2,2", "split:[1,1],1",
          "split:[1,2],1", "split:[0,3],1", "split:[1,-1,3],1", "split:[4,-1],1", "split:[3],2", "split:[1,1]",
          "t|split:2", "t|split:[1,2]",
          "contiguous", "t|contiguous", "narrow:1,1,2|contiguous", "slice:1,_,_,2|contiguous",
          "select:1,1|contiguous", "select:0,1|contiguous", "t|contiguous|view:[6]", "t|contiguous|t",
          "slice:0,1,2|contiguous", "expand:[2,2,3]|contiguous", "unsqueeze:1|expand:[2,4,3]|reshape:[8,3]",
          "unsqueeze:1|expand:[2,4,3]|reshape:[2,12]", "unsqueeze:1|expand:[2,4,3]|view:[2,4,3,1]",
          "unsqueeze:1|expand:[2,4,3]|flatten:0,1"],
    M31: ["expand:[3,4]", "expand:[2,3,4]", "expand:[-1,4]", "expand:[3,1]", "expand:[1,3,1]",
          "expand:[1,1,3,4]", "expand:[4]", "expand:[3,4]|view:[12]", "expand:[3,4]|view:[3,2,2]",
          "expand:[3,4]|view:[1,3,4]", "expand:[3,4]|view:[3,4,1]", "expand:[3,4]|reshape:[12]",
          "expand:[3,4]|reshape:[3,2,2]", "expand:[3,4]|t", "expand:[3,4]|contiguous", "expand:[3,4]|select:1,2",
          "expand:[3,4]|narrow:1,1,2", "expand:[3,4]|slice:1,_,_,2", "expand:[3,4]|chunk:2,1",
          "expand:[2,3,4]|permute:[2,0,1]|contiguous", "expand_as:[3,4]", "expand_as:[2,3,4]", "expand:[3,0]",
          "t", "t|contiguous", "squeeze", "squeeze:1", "unsqueeze:0", "unsqueeze:2", "t|unsqueeze:0",
          "t|unsqueeze:1", "t|unsqueeze:2", "transpose:0,1|view:[3]", "view:[1,3]", "mT|view:[3,1]"],
    M14: ["slice:1,1,3", "slice:1,1,3|contiguous", "slice:1,1,3|t", "slice:1,1,3|t|contiguous",
          "narrow:1,3,1|squeeze", "narrow:1,3,1|view:[]", "narrow:1,3,1|reshape:[1,1,1]", "select:0,0",
          "select:1,2|unsqueeze:0", "t|view:[4]", "t|expand:[4,2]", "expand:[3,4]|chunk:3", "squeeze:0|chunk:2"],
    Z203: ["view:[0,5]", "view:[-1,3]", "view:[-1]", "view:[0,-1]", "view:[3,0,2]", "transpose:0,2",
           "transpose:0,2|view:[3,0,2]", "transpose:0,2|view:[0,6]", "transpose:0,2|reshape:[6,0]",
           "transpose:0,2|contiguous", "flatten", "squeeze", "unsqueeze:1", "expand:[4,2,0,3]", "select:0,1",
           "select:1,0", "narrow:2,1,2", "chunk:2,1", "split:0,1", "split:2,1", "split:[0,0],1", "t",
           "mT", "permute:[2,0,1]"],
    C234: ["view:[6,4]", "view:[2,12]", "view:[4,6]", "view:[-1,3,2,2]", "transpose:1,2|view:[2,12]",
           "transpose:1,2|view:[8,3]", "transpose:1,2|view:[2,4,3,1]", "transpose:0,1|view:[3,8]",
           "transpose:0,1|view:[6,4]", "permute:[1,0,2]|view:[3,2,2,2]", "narrow:2,0,2|view:[6,2]",
           "narrow:2,0,2|view:[12]", "narrow:2,0,2|reshape:[12]", "narrow:1,1,1|view:[2,4]",
           "narrow:1,1,1|view:[8]", "select:1,1|view:[8]", "select:2,1|view:[6]", "select:2,1|reshape:[6]",
           "flatten:1", "flatten:0,1", "flatten:1,2", "transpose:0,1|flatten", "transpose:1,2|flatten:0,1",
           "transpose:0,1|flatten:1", "permute:[2,0,1]", "permute:[1,2,0]", "permute:[2,1,0]",
           "permute:[0,2,1]|contiguous", "permute:[2,0,1]|permute:[1,2,0]", "permute:[0,1]", "t", "mT",
           "mT|mT", "transpose:0,2|mT", "squeeze", "unsqueeze:3", "unsqueeze:1|mT", "subscript:1|subscript:2",
           "subscript:1|subscript:2|subscript:3", "select:-1,-1", "slice:2,1,_,2|slice:1,_,_,2",
           "slice:2,1,_,2|slice:1,_,_,2|contiguous", "chunk:2,2", "chunk:3,-1", "split:3,2", "split:[1,2],1",
           "expand:[2,2,3,4]|select:0,1", "narrow:1,1,2|chunk:2,1", "transpose:0,2|split:1,2"],
    B213: ["squeeze", "squeeze:1", "squeeze:0", "squeeze:-2", "squeeze:3", "unsqueeze:3", "expand:[2,4,3]",
           "expand:[2,4,3]|flatten:0,1", "narrow:2,1,1|squeeze", "narrow:2,1,1|squeeze:2", "slice:2,_,_,2|squeeze",
           "transpose:0,1", "transpose:0,1|contiguous", "transpose:0,1|view:[6]", "transpose:1,2|view:[6]",
           "permute:[1,2,0]|view:[3,2]"],
    Q: ["squeeze", "squeeze:1", "view:[2,3,2]", "mT", "mT|contiguous", "transpose:0,3|flatten:1,2",
        "permute:[3,2,1,0]", "permute:[3,2,1,0]|contiguous", "permute:[3,2,1,0]|reshape:[12]",
        "permute:[0,2,1,3]|view:[2,3,2]", "permute:[0,2,1,3]|view:[12]", "unsqueeze:4", "unsqueeze:-5",
        "narrow:2,1,2|flatten:1", "select:2,1|select:0,1", "expand:[3,2,1,3,2]", "expand:[2,4,3,2]|view:[2,4,6]",
        "chunk:2,3", "split:[2,1],2", "t"],
    (1, 1): ["squeeze", "view:[]", "t", "t|contiguous", "mT", "expand:[3,3]", "unsqueeze:0", "unsqueeze:2",
             "select:1,0", "flatten"],
    (1,): ["squeeze", "view:[]", "expand:[4]", "expand:[2,4]", "unsqueeze:0|expand:[3,1]"],
    (5, 3): ["chunk:3", "chunk:4", "chunk:2,1", "split:2", "split:[1,4]", "t|chunk:2,1"],
    (2, 0, 1, 2): ["squeeze", "squeeze:2", "view:[0]", "permute:[3,2,1,0]", "unsqueeze:4",
                   "expand:[2,0,3,2]", "select:3,1"],
    (3, 4): ["slice:1,1,2", "slice:1,1,2|contiguous", "slice:1,1,2|squeeze", "slice:1,1,2|t",
             "slice:1,1,2|t|contiguous", "slice:0,1,2|contiguous", "narrow:0,1,1|t|contiguous"],
}
for shape, chains in HAND.items():
    for chain in chains:
        add(chain, shape)

# Every dtype: the type name in expand's message, and values moved bit for bit.
for dtype in DTYPES:
    for chain in ["t|contiguous", "expand:[3]", "select:1,1", "unsqueeze:0|expand:[2,2,3]|contiguous",
                  "split:[2,1],1"]:
        add(chain, M23, dtype)
    add("permute:[2,0,1]|reshape:[-1]", C234, dtype)


# --- Random chains --------------------------------------------------------------

rng = random.Random(20240613)
RANDOM_SHAPES = [(), (1,), (4,), (6,), (0,), (2, 3), (3, 1), (1, 4), (4, 3), (0, 2), (2, 1, 3), (3, 2, 2),
                 (1, 2, 1), (2, 0, 2), (2, 3, 2), (2, 1, 3, 2), (1, 2, 2, 3), (2, 2, 1, 1), (3, 1, 2, 1)]
RANDOM_DTYPES = [torch.float32] * 4 + [torch.int64] * 3 + [torch.bool] * 2 + [torch.float16] * 2 + DTYPES
MAX_NUMEL = 48


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def some_dim(ndim, extra=0):
    """A dim of a tensor of `ndim` dims (`extra` more for unsqueeze), often negative."""
    n = max(ndim + extra, 1)
    d = rng.randrange(n)
    return d - n if rng.random() < 0.3 else d


def factor_shape(n):
    """A random shape of 0 to 4 dims with `n` elements."""
    if n == 0:
        shape = [rng.choice([1, 2, 3]) for _ in range(rng.randrange(0, 3))]
        shape.insert(rng.randrange(len(shape) + 1), 0)
        return shape
    primes, p, m = [], 2, n
    while m > 1:
        while m % p == 0:
            primes.append(p)
            m //= p
        p += 1
    rank = rng.randrange(0 if n == 1 else 1, 5)
    shape = [1] * rank
    for q in primes:
        shape[rng.randrange(rank)] *= q
    return shape


def with_inferred(shape):
    """`shape` with one size replaced by -1 sometimes, where that is unambiguous."""
    if shape and rng.random() < 0.35:
        i = rng.randrange(len(shape))
        if numel(shape[:i] + shape[i + 1:]) != 0:
            return shape[:i] + [-1] + shape[i + 1:]
    return shape


def expand_sizes(x):
    new = [rng.choice([1, 2, 3]) for _ in range(rng.choice([0, 0, 1, 2]))]
    sizes = [rng.choice([1, 2, 3, 4, -1]) if s == 1 else rng.choice([s, -1]) for s in x.shape]
    return new + sizes


def valid_step(x, last):
    """A step with arguments valid for `x` (view may still fail on strides)."""
    nd, shape = x.dim(), list(x.shape)
    names = ["view", "reshape", "flatten", "permute", "transpose", "squeeze", "unsqueeze", "expand",
             "expand_as", "narrow", "slice", "contiguous"] * 2 + ["t", "mT", "select", "subscript"]
    if last:
        names += ["chunk", "split", "split"]
    name = rng.choice(names)
    if name in ("view", "reshape"):
        return name, [with_inferred(factor_shape(x.numel()))]
    if name == "flatten":
        n = max(nd, 1)
        a, b = sorted(rng.randrange(n) for _ in range(2))
        args = [a - n if rng.random() < 0.3 else a, b - n if rng.random() < 0.3 else b]
        # Leaves out what equals the defaults (start 0, end -1) sometimes.
        if b == n - 1 and rng.random() < 0.5:
            args = args[:1] if a else []
        return name, args
    if name == "permute":
        dims = list(range(nd))
        rng.shuffle(dims)
        return name, [[d - nd if rng.random() < 0.2 else d for d in dims]]
    if name == "transpose":
        return name, [some_dim(nd), some_dim(nd)]
    if name == "t" and nd > 2 or name == "mT" and nd == 1:
        return "transpose", [some_dim(nd), some_dim(nd)]
    if name in ("t", "mT", "contiguous"):
        return name, []
    if name == "squeeze":
        return name, [] if rng.random() < 0.4 else [some_dim(nd)]
    if name == "unsqueeze":
        return name, [some_dim(nd, extra=1)]
    if name in ("expand", "expand_as"):
        sizes = expand_sizes(x)
        concrete = [s if s != -1 else x.shape[i - (len(sizes) - nd)] for i, s in enumerate(sizes)]
        if numel(concrete) > MAX_NUMEL:
            return "contiguous", []
        if name == "expand_as":
            return name, [concrete]
        return name, [sizes] + ([1] if rng.random() < 0.1 else [])
    if name in ("narrow", "select", "subscript", "slice", "chunk", "split") and nd == 0:
        return "unsqueeze", [0]
    d = some_dim(nd)
    size = shape[d]
    if name == "narrow":
        start = rng.randrange(size + 1)
        length = rng.randrange(size - start + 1)
        return name, [d, start - size if start < size and rng.random() < 0.3 else start, length]
    if name in ("select", "subscript"):
        if name == "subscript":
            d, size = 0, shape[0]
        if size == 0:
            return "squeeze", []
        i = rng.randrange(-size, size)
        return name, [i] if name == "subscript" else [d, i]
    if name == "slice":
        bound = lambda: None if rng.random() < 0.25 else rng.randrange(-size - 2, size + 3)
        args = [d, bound(), bound(), rng.choice([1, 1, 2, 3])]
        while len(args) > 1 and (args[-1] is None or len(args) == 4 and args[-1] == 1) and rng.random() < 0.7:
            args.pop()
        return name, args
    if name == "chunk":
        return name, [rng.randrange(1, size + 3), d]
    if name == "split":
        if rng.random() < 0.5:
            return name, [rng.randrange(0 if size == 0 else 1, size + 2), d]
        parts, left = [], size
        while left > 0:
            parts.append(rng.randrange(0, left + 1))
            left -= parts[-1]
        return name, [parts + [0] * rng.choice([0, 0, 1]), d]


def invalid_step(x):
    """A step that PyTorch rejects for `x`, or None when the pick happens to be valid."""
    nd, shape = x.dim(), list(x.shape)
    far = nd + rng.randrange(0, 2) if rng.random() < 0.5 else -nd - 1 - rng.randrange(0, 2)
    d = rng.randrange(max(nd, 1))
    size = shape[d] if nd else 1
    choices = [
        ("select", [far, 0]), ("select", [d, size + rng.randrange(0, 2)]), ("select", [d, -size - 1]),
        ("subscript", [size]), ("view", [x.numel() + 1]), ("view", [-1, -1]), ("reshape", [x.numel() + 2]),
        ("narrow", [d, 0, size + 1]), ("narrow", [d, size + 1, 0]), ("narrow", [far, 0, 0]),
        ("unsqueeze", [nd + 1 if far >= 0 else -nd - 2]), ("squeeze", [far]), ("transpose", [0, far]),
        ("permute", [[0] * nd]), ("permute", [list(range(nd + 1))]), ("flatten", [far]),
        ("flatten", [nd - 1, 0]), ("t", []), ("mT", []), ("expand", [[s + 1 for s in shape]]),
        ("expand", [shape[1:]]), ("expand", [[-1] + shape]), ("chunk", [0, d]), ("chunk", [2, far]),
        ("split", [-1, d]), ("split", [[size + 1], d]), ("split", [[size + 1, -1], d]), ("split", [0, d]),
        ("slice", [d, 0, 1, 0]), ("slice", [far]), ("expand_as", [[s + 1 for s in shape]]),
    ]
    step = rng.choice(choices)
    try:
        apply(*step, x)
    except (RuntimeError, IndexError):
        return step
    return None


def random_chain():
    shape = rng.choice(RANDOM_SHAPES)
    dtype = rng.choice(RANDOM_DTYPES)
    x = base(shape, dtype)
    length = rng.choice([1, 2, 2, 3, 3, 4, 4])
    want_error = rng.random() < 0.12
    steps = []
    while len(steps) < length:
        last = len(steps) == length - 1
        step = invalid_step(x) if want_error and last else valid_step(x, last)
        if step is None:
            continue
        try:
            y = apply(*step, x)
        except (RuntimeError, IndexError):
            if want_error and last or rng.random() < 0.1:  # kept: a view that strides forbid
                steps.append(step)
                break
            continue
        steps.append(step)
        x = y
    return token(steps), shape, dtype


for _ in range(600):
    add(*random_chain())

here = os.path.dirname(os.path.abspath(__file__))
cases.write(os.path.join(here, "views.txt"))
print(cases.count, "cases")
