#!/usr/bin/python3
"""Writes arange.txt: torch.arange's exact values for a set of ranges.

PyTorch 1.13's CPU kernel computes float ranges block-wise (see
runtime/arange.h), so values are compared bit for bit. Run with Debian's
torch: /usr/bin/python3 tests/golden/gen_arange.py
"""
import os
import struct

import torch

torch.set_num_threads(1)
CASES = [
    # (start, end, step, dtype)
    (0.1, 100, 0.1, torch.float32),
    (0.0, 1.0, 1.0 / 3, torch.float32),
    (-1.0, 1.0, 0.1, torch.float32),
    (-3.7, 2.2, 0.37, torch.float32),
    (5.0, -5.0, -0.7, torch.float32),
    (0, 15, 1, torch.float32),
    (0, 16, 1, torch.float32),
    (0.5, 17.5, 1, torch.float32),
    (0.0, 3.3, 0.1, torch.float32),
    (1e-3, 2.0, 1e-3, torch.float32),
    (100.0, 101.0, 0.013, torch.float32),
    (0.1, 100, 0.1, torch.float64),
    (0.0, 1.0, 1.0 / 3, torch.float64),
    (-2.5, 3.1, 0.07, torch.float64),
    (0, 10, 1, torch.int64),
    (5, -7, -3, torch.int64),
    (0, 2**60 + 1, 2**60, torch.int64),
    (-(2**40), 2**40, 2**39 + 7, torch.int64),
    (0, 10, 3, torch.int32),
    (0, 200, 7, torch.uint8),
    (-100, 100, 9, torch.int8),
    (0, 10.5, 1.5, torch.int64),
]

FORMAT = {torch.float32: "<f", torch.float64: "<d"}


def bits(v, dtype):
    if dtype in FORMAT:
        return struct.pack(FORMAT[dtype], v).hex()
    return str(int(v))


with open(os.path.join(os.path.dirname(__file__), "arange.txt"), "w") as out:
    out.write("# start end step dtype length, then the values (floats as little-endian hex bytes)\n")
    for start, end, step, dtype in CASES:
        t = torch.arange(start, end, step, dtype=dtype)
        name = str(dtype).replace("torch.", "")
        out.write(f"{start!r} {end!r} {step!r} {name} {t.numel()}\n")
        out.write(" ".join(bits(v, dtype) for v in t.tolist()) + "\n")
