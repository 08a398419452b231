#!/usr/bin/python3
"""Writes linspace.txt: torch.linspace's exact values for a set of cases.

PyTorch 1.13's CPU kernel computes the first half up from start and the
second half down from end, in vector blocks (see runtime/ramp.h), so values
are compared bit for bit (as ramp_words.py spells them). kiln is
single-threaded: this runs torch with one thread too (with more, torch splits
long ranges between threads and their vector blocks move). Run with Debian's
torch: /usr/bin/python3 tests/golden/gen_linspace.py
"""
import os

import torch

from ramp_words import words

torch.set_num_threads(1)

# Odd and even counts on both sides of the vector sizes (4, 8, 16, 32
# elements: blocks of two vectors) and long ones.
STEPS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 1001, 100003]
FLOAT_RANGES = [
    (0, 1), (-3.3, 7.7), (10, -10), (0.1, 0.7), (-1e3, 1e-3), (1, 1), (3.14159, 2.71828),
    (-5, 5), (0, 100), (1e-7, 3e-7), (123.456, -654.321),
]
INT_RANGES = [(0, 10), (5, 0), (0, 100), (-100, 100), (3, 120), (0, 1), (7, 7), (100, 3), (-128, 127), (0.9, 10.9),
              (-2.5, -0.5)]
CASES = []
for dtype in [torch.float32, torch.float64, torch.float16, torch.bfloat16]:
    CASES += [(start, end, steps, dtype) for start, end in FLOAT_RANGES for steps in STEPS]
for dtype in [torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8]:
    for start, end in INT_RANGES:
        if dtype == torch.uint8 and min(start, end) < 0:
            continue
        CASES += [(start, end, steps, dtype) for steps in STEPS]
CASES += [
    # float16 steps past 65504: the step, (end - start) / Half(steps - 1), is 0
    (0, 1, 70000, torch.float16),
    (-2, 3, 65519, torch.float16),
    # integers whose double bounds do not fit back: the hardware's lowest value
    (-2**63, 2**63 - 1, 3, torch.int64),
    (-2**31, 2**31 - 1, 5, torch.int32),
    (-1, 5, 4, torch.uint8),  # -1 wraps to 255 before the kernel sees it
    (0, float("inf"), 5, torch.float32),
    (float("-inf"), float("inf"), 4, torch.float64),
    (0, float("nan"), 3, torch.float32),
    (True, False, 3, torch.float32),
    (2.5, 7, 1, torch.int64),
    (1, 0, 1, torch.bool),
    (0, 0, 0, torch.bool),
]

with open(os.path.join(os.path.dirname(__file__), "linspace.txt"), "w") as out:
    out.write("# start end steps dtype, then the values (ramp_words.py)\n")
    for start, end, steps, dtype in CASES:
        t = torch.linspace(start, end, steps, dtype=dtype)
        name = str(dtype).replace("torch.", "")
        out.write(f"{start!r} {end!r} {steps} {name}\n")
        out.write(" ".join(words(t)) + "\n")
