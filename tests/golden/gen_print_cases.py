#!/usr/bin/python3
"""Generate tests/golden/print_cases.txt: tensors and PyTorch's repr of them.

Run with the Python that has PyTorch (Debian: /usr/bin/python3, torch 1.13):
    /usr/bin/python3 tests/golden/gen_print_cases.py
The output is checked in, so the C++ test (tests/unit/format_test.cpp) needs
no torch. File format, line based, '#' lines at the top are comments:

    case <index> <name>
    dtype <torch dtype name without "torch.">
    shape <rank> <d0> <d1> ...
    data <numel>
    <values, whitespace separated, row-major, any number per line>
    repr <number of lines>
    <that many lines of repr(tensor)>

Values are exact: floating dtypes as the lowercase hex of their stored bit
pattern (float16/bfloat16: 4 digits, float32: 8, float64: 16), integers in
decimal, bool as 0/1.
"""

import os

import torch

# Defaults are what the C++ formatter reproduces; set them explicitly so a
# changed environment cannot leak into the golden file.
torch.set_printoptions(profile="default", sci_mode=None)

BITS_VIEW = {
    torch.float16: (torch.int16, 4),
    torch.bfloat16: (torch.int16, 4),
    torch.float32: (torch.int32, 8),
    torch.float64: (torch.int64, 16),
}

CASES = []


def add(name, t):
    CASES.append((name, t))


def value_tokens(t):
    flat = t.reshape(-1)
    if t.dtype in BITS_VIEW:
        int_dtype, digits = BITS_VIEW[t.dtype]
        mask = (1 << (4 * digits)) - 1
        return ["{:0{}x}".format(v & mask, digits) for v in flat.view(int_dtype).tolist()]
    if t.dtype == torch.bool:
        return ["1" if v else "0" for v in flat.tolist()]
    return [str(v) for v in flat.tolist()]


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


def f64(values):
    return torch.tensor(values, dtype=torch.float64)


def from_bits(bits, dtype):
    int_dtype, digits = BITS_VIEW[dtype]
    width = 4 * digits
    # torch has only signed integer views: map unsigned bit patterns onto them.
    signed = [b - (1 << width) if b >> (width - 1) else b for b in bits]
    return torch.tensor(signed, dtype=int_dtype).view(dtype)


nan, inf = float("nan"), float("inf")

# --- 0-d tensors, every dtype -------------------------------------------------
add("0d bool true", torch.tensor(True))
add("0d bool false", torch.tensor(False))
add("0d uint8", torch.tensor(200, dtype=torch.uint8))
add("0d int8", torch.tensor(-128, dtype=torch.int8))
add("0d int16", torch.tensor(-32768, dtype=torch.int16))
add("0d int32", torch.tensor(123456, dtype=torch.int32))
add("0d int64", torch.tensor(-7))
add("0d int64 min", torch.tensor(-(1 << 63)))
add("0d float16", torch.tensor(1.5, dtype=torch.float16))
add("0d bfloat16", torch.tensor(3.140625, dtype=torch.bfloat16))
add("0d float32 integral", torch.tensor(3.0))
add("0d float32 fraction", torch.tensor(0.1))
add("0d float32 zero", torch.tensor(0.0))
add("0d float32 neg zero", torch.tensor(-0.0))
add("0d float32 nan", torch.tensor(nan))
add("0d float32 -inf", torch.tensor(-inf))
add("0d float32 tiny", torch.tensor(1e-5))
add("0d float32 huge", torch.tensor(1e10))
add("0d float64", torch.tensor(2.5, dtype=torch.float64))
add("0d float64 integral huge", torch.tensor(123456789012.0, dtype=torch.float64))

# --- empty tensors -------------------------------------------------------------
add("empty float32 (0,)", torch.zeros(0))
add("empty float32 (2,0)", torch.zeros(2, 0))
add("empty float32 (0,3,4)", torch.zeros(0, 3, 4))
add("empty int64 (0,)", torch.zeros(0, dtype=torch.int64))
add("empty int64 (2,0)", torch.zeros(2, 0, dtype=torch.int64))
add("empty bool (0,)", torch.zeros(0, dtype=torch.bool))
add("empty float64 (3,0)", torch.zeros(3, 0, dtype=torch.float64))
add("empty uint8 (0,2)", torch.zeros(0, 2, dtype=torch.uint8))
add("empty float16 (0,)", torch.zeros(0, dtype=torch.float16))
add("empty bfloat16 (1,0,1,1)", torch.zeros(1, 0, 1, 1, dtype=torch.bfloat16))

# --- integers ------------------------------------------------------------------
add("int64 2x2", torch.tensor([[7, 8], [9, 10]]))
add("int64 negatives mixed widths", torch.tensor([-1, 22, -333, 4444, 5, -66666]))
add("int64 extremes", torch.tensor([-(1 << 63), (1 << 63) - 1, 0, 1]))
add("int32 3x4", torch.arange(-6, 6, dtype=torch.int32).reshape(3, 4) * 1000)
add("int16 full range sample", torch.tensor([-32768, -1, 0, 1, 32767], dtype=torch.int16))
add("int8 all values", torch.arange(-128, 128, dtype=torch.int8))
add("uint8 all values", torch.arange(0, 256, dtype=torch.uint8))
g = torch.Generator().manual_seed(1)
add("int64 random 3d", torch.randint(-1000, 1000, (2, 3, 4), generator=g))
add("int32 random 4d", torch.randint(-50, 50, (2, 2, 2, 3), generator=g, dtype=torch.int32))
add("int32 2x2x2", torch.tensor([[[1, -2], [3, 4]], [[5, 6], [7, -80]]], dtype=torch.int32))
add("int64 long row wraps", torch.randint(-10**9, 10**9, (40,), generator=g))
add("int64 1001 summarized", torch.arange(1001))
add("int16 2000x3 summarized", torch.arange(6000, dtype=torch.int16).reshape(2000, 3) - 3000)
add("uint8 40x40x3 summarized", torch.randint(0, 256, (40, 40, 3), generator=g, dtype=torch.uint8))
add("int64 1x1001 summarized", torch.arange(1001).reshape(1, 1001) * -3)
add("int8 1001x1 summarized", (torch.arange(1001) % 200 - 100).to(torch.int8).reshape(1001, 1))
add("int64 7x7x7x7 summarized", torch.arange(2401).reshape(7, 7, 7, 7))

# --- bool ----------------------------------------------------------------------
add("bool 1d", torch.tensor([True, False, True]))
add("bool all true", torch.tensor([True, True]))
add("bool 2x3", torch.tensor([[True, False, False], [False, True, True]]))
add("bool 3d", torch.arange(12).reshape(2, 3, 2) % 5 == 1)
add("bool 30 wraps", torch.arange(30) % 3 == 0)
add("bool 1001 summarized", torch.arange(1001) % 2 == 0)

# --- float32: the formatter's modes ----------------------------------------------
add("f32 integral", f32([1.0, 2.0, 3.0]))
add("f32 integral negative", f32([-1.0, 100.0, 7.0]))
add("f32 all zero", f32([0.0, 0.0]))
add("f32 zero and neg zero", f32([0.0, -0.0]))
add("f32 nonfinite only", f32([nan, inf, -inf]))
add("f32 nonfinite and zeros", f32([0.0, -0.0, nan]))
add("f32 integral with nan", f32([1.0, nan, 2.0]))
add("f32 integral with inf", f32([-inf, 10.0, inf]))
add("f32 fraction with nonfinite", f32([1.5, nan, inf, -inf]))
add("f32 neg zero fraction", f32([-0.0, 1.5]))
add("f32 fraction", f32([0.1, 0.25, -3.75]))
add("f32 tiny triggers sci", f32([1e-5, 1.0]))
add("f32 min just below 1e-4", f32([1e-4, 0.5]))
add("f32 min 1.0001e-4", f32([1.0001e-4, 0.5]))
add("f32 huge triggers sci", f32([1e9, 1.0]))
add("f32 integral ratio 1001 sci", f32([1.0, 1001.0]))
add("f32 integral ratio 1000 not sci", f32([1.0, 1000.0]))
add("f32 integral 1e8 not sci", f32([1e8, 3.0e7]))
add("f32 integral above 1e8 sci", f32([123456792.0]))
add("f32 fraction ratio sci", f32([0.1, 100.5]))
add("f32 sci with nan and zero", f32([nan, 1e10, 1.5, 0.0, -inf]))
add("f32 rounding ties", f32([0.00005, 1.00005, 2.5, 0.125]))
add("f32 subnormal", from_bits([0x00000001, 0x3f800000], torch.float32))
add("f32 negative nan bits", from_bits([0xffc00000, 0x7fc00001, 0x3fc00000], torch.float32))
add("f32 max", f32([3.4028234663852886e38, -1.0]))
g = torch.Generator().manual_seed(2)
add("f32 randn 5x5", torch.randn(5, 5, generator=g))
add("f32 randn 30 wraps", torch.randn(30, generator=g))
add("f32 randn 3x20 wraps", torch.randn(3, 20, generator=g))
add("f32 randn 2x3x4", torch.randn(2, 3, 4, generator=g))
add("f32 randn 2x2x2x2", torch.randn(2, 2, 2, 2, generator=g))
add("f32 randn*1e5 sci wraps", torch.randn(4, 9, generator=g) * 1e5)
add("f32 integral wraps", torch.randint(-99999, 99999, (25,), generator=g).float())
add("f32 1001 summarized", torch.randn(1001, generator=g))
add("f32 2000x3 summarized", torch.randn(2000, 3, generator=g))
add("f32 40x40x3 summarized", torch.randn(40, 40, 3, generator=g))
add("f32 10x10x10x2 summarized", torch.randn(10, 10, 10, 2, generator=g))
add("f32 1x1001 summarized", torch.randn(1, 1001, generator=g))
sum_hidden = torch.ones(1001)
sum_hidden[500] = 1e-7  # hidden by summarization: must not affect the format
add("f32 summarized hidden tiny", sum_hidden)
sum_hidden_nan = torch.full((50, 50), 0.5)
sum_hidden_nan[3:47, :] = 12345.678
add("f32 50x50 summarized hidden rows", sum_hidden_nan)
add("f32 deep 4d narrow wraps", torch.randn(1, 1, 2, 30, generator=g))

# --- float64 -------------------------------------------------------------------
add("f64 fraction", f64([0.1, 0.2, 0.30000000000000004]))
add("f64 integral", f64([1.0, -2.0, 3.0]))
add("f64 randn 2x8 dtype suffix wraps", torch.randn(2, 8, generator=g, dtype=torch.float64))
add("f64 sci 25", torch.randn(25, generator=g, dtype=torch.float64) * 1e-7)
add("f64 exact ties fixed", f64([0.03125, 0.09375, 0.15625, 1.03125]))
add("f64 exact ties sci", f64([1.03125, 1e-5, 9.99995e-5]))
add("f64 fixed rounds up to wider", f64([9.99996, 0.5]))
add("f64 huge exponents", f64([1e100, -1e-100, 5e-324]))
add("f64 nonfinite only", f64([nan, -inf]))
add("f64 zeros 2x2", torch.zeros(2, 2, dtype=torch.float64))
add("f64 1001 summarized", torch.linspace(-5, 5, 1001, dtype=torch.float64))
add("f64 9 elem suffix", f64([1.5] * 9))
add("f64 11 elem suffix", f64([-1.5] * 11))

# --- float16 / bfloat16 --------------------------------------------------------
add("f16 rounding", f32([0.1, 1.0 / 3.0, 2.0 / 3.0, 1000.7]).half())
add("f16 extremes", from_bits([0x7bff, 0xfbff, 0x0001, 0x0400, 0x3c00], torch.float16))
add("f16 nonfinite", from_bits([0x7c00, 0xfc00, 0x7e00, 0x8000], torch.float16))
add("f16 integral", f32([1.0, 2048.0, -3.0]).half())
add("f16 randn 3x4", torch.randn(3, 4, generator=g).half())
add("f16 1200 summarized", torch.randn(1200, generator=g).half())
add("bf16 rounding", f32([0.1, 1.0 / 3.0, 3.14159265, 1000.7]).bfloat16())
add("bf16 large", f32([1e30, -3e38, 1.0]).bfloat16())
add("bf16 integral", f32([256.0, -1.0, 7.0]).bfloat16())
add("bf16 randn 4x3", torch.randn(4, 3, generator=g).bfloat16())
add("bf16 nan inf", from_bits([0x7fc0, 0xff80, 0x3f80], torch.bfloat16))
add("bf16 2000x1 summarized", torch.randn(2000, 1, generator=g).bfloat16())


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "print_cases.txt")
    with open(out_path, "w") as out:
        out.write("# Generated by gen_print_cases.py with torch {}; do not edit.\n"
                  .format(torch.__version__))
        for index, (name, t) in enumerate(CASES):
            text = repr(t)
            lines = text.split("\n")
            tokens = value_tokens(t)
            out.write("case {} {}\n".format(index, name))
            out.write("dtype {}\n".format(str(t.dtype)[len("torch."):]))
            out.write("shape {}{}\n".format(t.dim(), "".join(" {}".format(d) for d in t.shape)))
            out.write("data {}\n".format(len(tokens)))
            for i in range(0, len(tokens), 16):
                out.write(" ".join(tokens[i:i + 16]) + "\n")
            out.write("repr {}\n".format(len(lines)))
            for line in lines:
                out.write(line + "\n")
    print("wrote {} cases to {}".format(len(CASES), out_path))


if __name__ == "__main__":
    main()
