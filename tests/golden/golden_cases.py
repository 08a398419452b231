"""Writes golden op cases that tests/unit/golden_cases.{h,cpp} read.

One case per block of lines:
  case <op> <arg>...          the op and its arguments (tokens, no spaces)
  in <dtype> <shape> <bits>...   each input tensor, in order
  out <dtype> <shape> <bits>...  each result tensor, in order
  err <Kind> <message>        or the error PyTorch raises (Kind: RuntimeError,
                              IndexError, ValueError, TypeError, NotImplementedError)
Shapes are sizes joined by 'x' ("2x3", "0x3"), or '-' for 0-d. Bits: floats
as the hex of their little-endian bytes, integers in decimal, bool 0/1, so
every value (NaN payloads and signed zeros included) is exact.
"""
import torch

torch.set_num_threads(1)

DTYPES = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
          torch.float16, torch.bfloat16, torch.float32, torch.float64]


def name(d):
    return str(d).replace("torch.", "")


def bits(t):
    t = t.contiguous().reshape(-1)
    if t.dtype in (torch.float16, torch.bfloat16):
        return [format(v & 0xFFFF, "04x") for v in t.view(torch.int16).tolist()]
    if t.dtype == torch.float32:
        return [format(v & 0xFFFFFFFF, "08x") for v in t.view(torch.int32).tolist()]
    if t.dtype == torch.float64:
        return [format(v & 0xFFFFFFFFFFFFFFFF, "016x") for v in t.view(torch.int64).tolist()]
    return [str(int(v)) for v in t.tolist()]


def shape(t):
    return "x".join(str(s) for s in t.shape) if t.dim() else "-"


def tensor_line(kind, t):
    return " ".join([kind, name(t.dtype), shape(t)] + bits(t))


class Cases:
    def __init__(self):
        self.lines = []
        self.count = 0

    def add(self, op, args, inputs, compute):
        """Records `compute(*inputs)` (a tensor, a tuple of tensors or an error)."""
        self.lines.append(" ".join(["case", op] + [str(a) for a in args]))
        for t in inputs:
            self.lines.append(tensor_line("in", t))
        try:
            result = compute(*inputs)
        except Exception as e:  # PyTorch's error is the expected result
            msg = str(e).replace("\n", " ")
            self.lines.append("err " + type(e).__name__ + " " + msg)
        else:
            for r in (result if isinstance(result, tuple) else (result,)):
                self.lines.append(tensor_line("out", r))
        self.count += 1

    def write(self, path):
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")
