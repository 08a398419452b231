#!/usr/bin/python3
"""Writes random.txt: what PyTorch's CPU generator draws after manual_seed.

Each sequence seeds the default generator once, then makes its calls in
order, so the file also records how consecutive calls advance the generator
(and randn's cached second Box-Muller value). Values are compared bit for
bit: floats as little-endian hex bytes, integers in decimal. Run with
Debian's torch: /usr/bin/python3 tests/golden/gen_random.py
"""
import os
import warnings

import torch

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # randint's precision warnings for float dtypes

F16, BF16, F32, F64, I64 = torch.float16, torch.bfloat16, torch.float32, torch.float64, torch.int64
SEEDS = [0, 42, 123]
SIZES = [1, 5, 15, 16, 17, 100, 1000]  # randn switches to its vectorized path at 16

# A call: (op, dtype, sizes) or ("randint", dtype, sizes, low, high).
SEQUENCES = []
for seed in SEEDS:
    for dtype in (F32, F64):
        for size in SIZES:
            SEQUENCES.append((seed, [("rand", dtype, (size,))]))
            SEQUENCES.append((seed, [("randn", dtype, (size,))]))
    for dtype in (F16, BF16):
        for size in (5, 16, 17, 100):
            SEQUENCES.append((seed, [("rand", dtype, (size,))]))
            SEQUENCES.append((seed, [("randn", dtype, (size,))]))
    for size in SIZES:
        SEQUENCES.append((seed, [("randint", I64, (size,), 0, 10)]))
        SEQUENCES.append((seed, [("randint", I64, (size,), -(2**40), 2**40)]))
    # Consecutive calls share the generator; randn's odd scalar-path counts
    # leave a cached value that the next scalar-path randn returns first,
    # whatever its dtype, while rand, randint and the >= 16 path skip it.
    SEQUENCES.append((seed, [
        ("rand", F32, (3, 4)), ("rand", F32, (3, 4)), ("randn", F32, (5,)), ("rand", F32, (2,)),
        ("randn", F64, (3,)), ("randint", I64, (7,), 0, 10), ("randn", F32, (17,)), ("randn", F32, (1,)),
        ("randn", F64, (4, 5)), ("rand", F64, (5,)), ("randint", I64, (5,), -(2**40), 2**40),
        ("randn", F32, ()), ("rand", F32, (0,)), ("randn", F32, (2, 0)), ("randn", F64, (15,)),
        ("randint", F32, (6,), -50, 50), ("randn", F32, (2, 3, 4)), ("rand", F32, ()),
        ("randn", F16, (3,)), ("randn", BF16, (2,)), ("randn", F64, (1,)),
    ]))

# randint: every dtype, small and huge ranges. 64-bit draws are used only for
# int64, bfloat16, float32 and float64, and ranges of 2^32 or more. Floating
# dtypes first move the bounds to values they hold (2**63 - 2 even rounds
# past int64).
RANDINT = [
    (I64, 0, 2), (I64, -5, 5), (I64, 0, 2**32 - 1), (I64, 0, 2**32), (I64, 0, 2**32 + 1),
    (I64, -(2**62), 2**62), (I64, -(2**63), 2**63 - 1), (I64, 2**63 - 3, 2**63 - 1),
    (torch.int32, -(2**31), 2**31), (torch.int32, -7, 1000), (torch.int16, -300, 300),
    (torch.int8, -128, 128), (torch.uint8, 0, 256), (torch.uint8, 3, 4), (torch.bool, 0, 2),
    (F32, 0, 10), (F32, -(2**40), 2**40), (F32, 0, 2**25), (F32, 2**25 + 1, 2**25 + 5),
    (F32, 2**63 - 2, 2**63 - 1), (F64, 0, 10), (F64, -(2**60), 2**60), (F64, 0, 2**32),
    (F64, -3, 2**63 - 1), (F16, 0, 10), (F16, 2049, 2051), (F16, -65504, 65505), (BF16, -300, 300),
    (BF16, 0, 2**40),
]
for seed in SEEDS:
    for dtype, low, high in RANDINT:
        SEQUENCES.append((seed, [("randint", dtype, (17,), low, high), ("randint", dtype, (3,), low, high)]))

# Seeds are 64-bit; the engine uses the low 32 bits.
SEQUENCES.append((2**32 + 5, [("rand", F32, (3,)), ("randn", F64, (3,))]))
SEQUENCES.append((2**64 - 1, [("rand", F64, (3,)), ("randn", F32, (20,))]))

NAMES = {F16: "float16", BF16: "bfloat16", F32: "float32", F64: "float64", I64: "int64", torch.int32: "int32",
         torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool"}


def draw(op, dtype, sizes, *bounds):
    if op == "randint":
        return torch.randint(bounds[0], bounds[1], sizes, dtype=dtype)
    return getattr(torch, op)(sizes, dtype=dtype)


def values(t):
    t = t.flatten()
    if t.is_floating_point():
        raw = t.view(torch.uint8).numpy().tobytes()
        size = t.element_size()
        return [raw[i:i + size].hex() for i in range(0, len(raw), size)]
    return [str(int(v)) for v in t.tolist()]


with open(os.path.join(os.path.dirname(__file__), "random.txt"), "w") as out:
    out.write("# seed S starts a sequence; then per call: op dtype sizes [low high], then its values\n")
    out.write("# (sizes comma-separated, '-' for 0-d; floats as little-endian hex bytes)\n")
    for seed, calls in SEQUENCES:
        torch.manual_seed(seed)
        out.write(f"seed {seed}\n")
        for op, dtype, sizes, *bounds in calls:
            t = draw(op, dtype, sizes, *bounds)
            shape = ",".join(str(s) for s in sizes) or "-"
            out.write(" ".join([op, NAMES[dtype], shape] + [str(b) for b in bounds]) + "\n")
            out.write(" ".join(values(t)) + "\n")
