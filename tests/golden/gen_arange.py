#!/usr/bin/python3
"""Writes arange.txt: torch.arange's exact values for a set of ranges.

PyTorch 1.13's CPU kernel computes float ranges block-wise (see
runtime/ramp.h), so values are compared bit for bit (as ramp_words.py spells
them). Run with Debian's torch: /usr/bin/python3 tests/golden/gen_arange.py
"""
import os

import torch

from ramp_words import words

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
    # float16 and bfloat16 accumulate in float, in vectors of 16.
    (0, 10, 0.7, torch.float16),
    (0.1, 100, 0.1, torch.float16),
    (-1, 1, 0.01, torch.float16),
    (5.0, -5.0, -0.7, torch.float16),
    (0, 16, 1, torch.float16),
    (0.5, 33.5, 1, torch.float16),
    (1e-3, 2.0, 1e-3, torch.float16),
    (-1000, 1000, 1.37, torch.float16),
    (0, 70000, 1, torch.float16),
    (0, 60000, 3.3, torch.float16),
    # distinguish a fused start + step * i (PyTorch's) from an unfused one
    (-35.5566216, -35.5566216 + 0.013188866 * 2788, 0.013188866, torch.float16),
    (-8.88495255, 20.0, 0.386635631, torch.float16),
    (-30.384388, 15.0, 0.402848661, torch.float16),
    (0, 10, 0.7, torch.bfloat16),
    (0.1, 100, 0.1, torch.bfloat16),
    (-3.7, 2.2, 0.37, torch.bfloat16),
    (0, 3000, 0.999, torch.bfloat16),
    (0, 5, 1, torch.bfloat16),
    (0, 70000, 1, torch.bfloat16),
    (-12.4614716, -12.4614716 + 0.00457282923 * 2820, 0.00457282923, torch.bfloat16),
]


with open(os.path.join(os.path.dirname(__file__), "arange.txt"), "w") as out:
    out.write("# start end step dtype length, then the values (floats as little-endian hex bytes)\n")
    for start, end, step, dtype in CASES:
        t = torch.arange(start, end, step, dtype=dtype)
        name = str(dtype).replace("torch.", "")
        out.write(f"{start!r} {end!r} {step!r} {name} {t.numel()}\n")
        out.write(" ".join(words(t)) + "\n")
