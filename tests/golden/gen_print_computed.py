#!/usr/bin/python3
"""Writes print_computed.txt: PyTorch's repr of tensors computed by ops.

Each case is built by the same ops, in the same order, as its namesake in
tests/unit/print_computed_test.cpp (keep the two lists side by side when
adding one). File format: "case <name>", "repr <n>", then n lines of repr.
Run with Debian's torch: /usr/bin/python3 tests/golden/gen_print_computed.py
"""
import os

import torch as T

T.set_printoptions(profile="default", sci_mode=None)
T.set_num_threads(1)  # linspace's values depend on the thread count
f16, bf16, f32, f64 = T.float16, T.bfloat16, T.float32, T.float64
i8, i16, i32, u8 = T.int8, T.int16, T.int32, T.uint8


def seeded(seed, make):
    T.manual_seed(seed)
    return make()


CASES = [
    # integers: padding, negatives, wrapping
    ("int add", lambda: T.arange(5) + T.arange(5) * 10),
    ("int mul padding", lambda: T.arange(-5, 6) * 123),
    ("int64 large", lambda: T.arange(5) * 1000000007 * 1000000007),
    ("int64 lowest", lambda: T.full([2], -(2**62)) * 2),
    ("int32 affine", lambda: T.arange(-3, 4, dtype=i32) * 7 - 2),
    ("int16 wraps", lambda: T.arange(0, 30000, 7000, dtype=i16) * 2),
    ("int8 scaled", lambda: T.arange(-5, 5, dtype=i8) * 13),
    ("uint8 wraps", lambda: T.arange(250, 256, dtype=u8) + 10),
    ("int alpha add", lambda: T.arange(4).add(T.arange(4), alpha=3)),
    ("int full times row", lambda: T.full([2, 3], 7) * T.arange(3)),
    # divisions and long decimals
    ("int div sevenths", lambda: T.arange(1, 8) / 7),
    ("f64 div thirds", lambda: T.arange(1, 6, dtype=f64) / 3),
    ("ones div three", lambda: T.ones(4) / 3),
    ("f64 sevenths scaled", lambda: T.arange(1, 4, dtype=f64) / 7 * 100000),
    ("tenths plus tiny", lambda: T.arange(1, 5) * 0.1 + 1e-7),
    ("int to f64 div", lambda: (T.arange(5) * 3).to(f64) / 7),
    # magnitudes: scientific notation or not
    ("large magnitudes", lambda: T.arange(1, 6) * 1e10),
    ("small magnitudes", lambda: T.arange(1, 6) / 1e6),
    ("wide ratio", lambda: (T.arange(4) * 1000.0 + 0.001) / 3),
    ("integral floats below 1e8", lambda: T.arange(5) * 1e7),
    ("integral floats above 1e8", lambda: T.arange(5) * 1e9),
    ("linspace tiny", lambda: T.linspace(0, 1, 5) * 1e-8),
    # signed zeros, nan and inf from arithmetic
    ("neg zeros", lambda: T.zeros(3) * -1),
    ("zero times signs", lambda: (T.arange(3) - 1.0) * 0),
    ("zero over zero", lambda: T.zeros(3) / T.zeros(3)),
    ("one over zero", lambda: T.ones(2) / T.zeros(2)),
    ("signs over zero", lambda: T.arange(-1, 2) / 0),
    ("nan inf and finite", lambda: (T.arange(4) - 1.0) / T.arange(4)),
    ("int over int zero", lambda: T.arange(3) / T.zeros(3, dtype=T.int64)),
    ("nan ne nan", lambda: (T.zeros(2) / 0) != (T.zeros(2) / 0)),
    # summarized (more than 1000 elements)
    ("summarized f32", lambda: T.arange(2000) * 1.5),
    ("summarized 2d", lambda: T.arange(50) * 1.5 + T.zeros(40, 1)),
    ("summarized int", lambda: T.arange(1500) * 3 - 7),
    ("summarized bool", lambda: (T.arange(1200) * 0.5).round() == T.arange(1200) * 0.5),
    ("summarized linspace", lambda: T.linspace(-5, 5, 3001)),
    ("summarized rand", lambda: seeded(1, lambda: T.rand(1500))),
    # float16 and bfloat16 results
    ("f16 thirds", lambda: T.arange(10, dtype=f16) / 3),
    ("bf16 thirds", lambda: T.arange(10, dtype=bf16) / 3),
    ("f16 overflow", lambda: T.full([3], 300.0, dtype=f16) * 300),
    ("f16 small", lambda: T.ones(3, dtype=f16) / 3000),
    ("bf16 huge", lambda: T.full([2], 3e38, dtype=bf16) * T.tensor([1.0, -1.5], dtype=bf16)),
    ("f16 arange steps", lambda: T.arange(0, 2, 0.25, dtype=f16) * 3),
    ("bf16 plus f32", lambda: T.arange(4, dtype=bf16) + T.arange(4, dtype=f32) * 0.1),
    # 0-d results of sum()
    ("sum f32", lambda: (T.arange(10) * 0.5).sum()),
    ("sum int", lambda: T.arange(100).sum()),
    ("sum f16", lambda: T.ones(10, dtype=f16).sum()),
    ("sum bool", lambda: (T.arange(10) > 4).sum()),
    ("sum empty", lambda: T.zeros(0).sum()),
    ("sum thirds f64", lambda: (T.ones(3, dtype=f64) / 3).sum()),
    # empty results
    ("empty times two", lambda: T.zeros(0) * 2),
    ("empty 2d plus one", lambda: T.zeros(2, 0) + 1),
    ("empty int arange", lambda: T.arange(0) + 1),
    # bool results of comparisons
    ("gt scalar", lambda: T.arange(5) > 2),
    ("eq computed", lambda: T.arange(6) * 0.5 == T.arange(6) / 2),
    ("le broadcast", lambda: T.arange(3) <= T.tensor([[0], [1], [2]])),
    # unary math and maximum
    ("sqrt int", lambda: T.arange(6).sqrt()),
    ("sqrt negative", lambda: (T.arange(3) - 1.0).sqrt()),
    ("rsqrt f64", lambda: T.arange(4, dtype=f64).rsqrt()),
    ("round half even", lambda: (T.arange(-6, 7) * 0.5).round()),
    ("sign float", lambda: (T.arange(-2, 3) * 1.5).sign()),
    ("sign int", lambda: T.arange(-2, 3).sign()),
    ("abs of negated", lambda: (T.arange(-3, 3) * -0.5).abs()),
    ("floor halves", lambda: (T.arange(-3, 3) / 2).floor()),
    ("ceil halves", lambda: (T.arange(-3, 3) / 2).ceil()),
    ("relu", lambda: (T.arange(-3, 3) * 0.7).relu()),
    ("maximum", lambda: T.maximum(T.arange(5) * 1.0, T.full([5], 2.5))),
    ("minimum nan", lambda: T.minimum(T.arange(3) / T.zeros(3), T.ones(3))),
    # conversions
    ("float to int32", lambda: (T.arange(6) * 1.7).to(i32)),
    ("negative to uint8", lambda: (T.arange(5) * -1.0).to(u8)),
    ("eye affine", lambda: T.eye(3) * 2 - 1),
    # random numbers with seeds
    ("rand seed 0", lambda: seeded(0, lambda: T.rand(5))),
    ("randn 3x4", lambda: seeded(42, lambda: T.randn(3, 4))),
    ("randn f64 scaled", lambda: seeded(7, lambda: T.randn(4, dtype=f64) * 100)),
    ("randint", lambda: seeded(3, lambda: T.randint(-100, 100, (3, 5)))),
    ("randn f16", lambda: seeded(5, lambda: T.randn(6, dtype=f16))),
    ("rand affine", lambda: seeded(9, lambda: T.rand(2, 3) * 2 - 1)),
    # linspace
    ("linspace tenths", lambda: T.linspace(0, 1, 11)),
    ("linspace f64", lambda: T.linspace(-1, 1, 7, dtype=f64)),
    ("linspace int32", lambda: T.linspace(0, 100, 9, dtype=i32)),
    ("linspace bf16", lambda: T.linspace(-3, 3, 9, dtype=bf16)),
    ("linspace grid", lambda: T.linspace(0, 1, 4) * T.ones(3, 1)),
]

with open(os.path.join(os.path.dirname(__file__), "print_computed.txt"), "w") as out:
    out.write(f"# Generated by gen_print_computed.py with torch {T.__version__}; do not edit.\n")
    for name, make in CASES:
        lines = repr(make()).split("\n")
        out.write(f"case {name}\nrepr {len(lines)}\n" + "\n".join(lines) + "\n")
