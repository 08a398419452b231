"""Writes golden op cases that tests/unit/golden_cases.{h,cpp} read.

One case per block of lines:
  case <op> <arg>...          the op and its arguments (tokens, no spaces)
  in <dtype> <shape> <bits>...   each input tensor, in order
  out <dtype> <shape> <bits>...  each result tensor, in order
  meta <strides> <offset> <contiguous> <aliases>
                              after an `out` line, for ops whose results are views:
                              its strides (joined by ',', '-' for 0-d), storage
                              offset, is_contiguous() 0/1, and 1 when it shares the
                              first input's memory (a view), 0 when it is a copy
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


def parse_index(token, tensors=()):
    """An index token of gen_indexing.py / gen_advanced_indexing.py as a
    Python index: comma-separated integers, start:stop:step (parts may be
    empty), None, ..., True, False, and T<k> for tensors[k]."""
    parts = []
    for p in token.split(","):
        if p == "None":
            parts.append(None)
        elif p == "...":
            parts.append(Ellipsis)
        elif p in ("True", "False"):
            parts.append(p == "True")
        elif p.startswith("T"):
            parts.append(tensors[int(p[1:])])
        elif ":" in p:
            b = [int(v) if v else None for v in p.split(":")]
            parts.append(slice(*b))
        else:
            parts.append(int(p))
    return tuple(parts)


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


def layout_line(t, base):
    """The `meta` line of `t`, computed from `base` (an input that is no view
    itself, so that every view of it has it as its _base)."""
    strides = ",".join(str(s) for s in t.stride()) if t.dim() else "-"
    aliases = t is base or t._base is base
    return " ".join(["meta", strides, str(t.storage_offset()), str(int(t.is_contiguous())), str(int(aliases))])


class Cases:
    def __init__(self):
        self.lines = []
        self.count = 0

    def add(self, op, args, inputs, compute, layout=False):
        """Records `compute(*inputs)` (a tensor, a tuple of tensors or an error);
        with `layout`, each result's `meta` line too."""
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
                if layout:
                    self.lines.append(layout_line(r, inputs[0]))
        self.count += 1

    def write(self, path):
        with open(path, "w") as f:
            f.write("\n".join(self.lines) + "\n")
