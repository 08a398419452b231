#!/usr/bin/python3
"""Writes sequences.txt: seeded random programs of views, in-place writes,
out-of-place computations and reads, with PyTorch 1.13's values at every
read and its error at every step that raises. kiln records lazily and
functionalizes writes, so these check its aliasing under laziness: a value
recorded before a write keeps the old values however late it is read, a
write through any view shows through the base and every other view,
realizing one tensor changes no other, and a call that throws changes
nothing. tests/unit/sequences_test.cpp runs each program against kiln.
Run with /usr/bin/python3 (Debian's torch).

The op language, one step a line; names are bound by `=` and live to the end:
  program <number> <eager|lazy>   lazy programs read nothing before the end
  new <name> <dtype> <shape> <bits>...   a fresh tensor (golden_cases.py's bits)
  <name> = <op> <tensor> <arg>...        a view or an out-of-place result
  do <op> <tensor> <arg>...              an in-place write
  read <name>                            realize it now
  readall <name>...                      realize them together (kiln::realize)
  = <dtype> <shape> <strides> <offset> <bits>...  after a read, per name
  err <Kind> <message>                   after a step that raised; it bound
                                         nothing and changed nothing
  end
Arguments: integers, '_' (none), lists [2,3] (no spaces), scalars i:3 f:1.5
b:1 (int, float, bool: they promote differently), tensor names, and for
`index`/`index_put_` one index token: items joined by ',' (an integer, N for
None, E for Ellipsis, start:stop[:step] with empty parts allowed, or a tensor
name: an int64 index or a boolean mask, which makes `index` a copy and
`index_put_` a scatter). `masked_fill`/`masked_fill_` take a mask name and a
value (scalar or tensor name); `cat`/`stack` the other tensors' names, then
the dim. sum and mean results are read approximately (the summation order is
free) and never used as operands. A new op is one entry in OPS
(sequence_ops.py: Python's meaning) plus a generator case here or in
sequence_advanced.py and a case in sequences_test.cpp's interpreter.
"""
import os
import random
import warnings

import torch

from golden_cases import bits, name
from sequence_advanced import AdvancedSteps, writes_then_raises
from sequence_ops import OPS, REDUCTIONS, operand, order_dependent, parse_index

torch.set_num_threads(1)
# PyTorch warns that writes into expanded tensors are deprecated; they still
# run, and the programs check them.
warnings.filterwarnings("ignore", "Use of .* on expanded tensors is deprecated")

PROGRAMS = 1000


# --- The generator -----------------------------------------------------------------

class Program(AdvancedSteps):
    def __init__(self, rng, number):
        self.rng = rng
        self.env = {}        # name -> torch tensor
        self.terminal = set()  # reduction results: read, never used
        self.lines = []
        self.count = 0
        self.reads = 0
        self.errors = 0
        self.lazy = rng.random() < 0.35
        # Programs mixing in advanced indexing, masked_fill and cat/stack
        # (sequence_advanced.py); their index tensors and masks:
        self.advanced = rng.random() < 0.4
        self.indices = set()
        self.lines.append(f"program {number} {'lazy' if self.lazy else 'eager'}")

    def fresh(self):
        n = f"t{self.count}"
        self.count += 1
        return n

    def usable(self):
        return [n for n in self.env if n not in self.terminal]

    def value_line(self, t):
        strides = ",".join(str(s) for s in t.stride()) if t.dim() else "-"
        shape = "x".join(str(s) for s in t.shape) if t.dim() else "-"
        return " ".join(["=", name(t.dtype), shape, strides, str(t.storage_offset())] + bits(t))

    def run(self, text, fn):
        """Appends step `text`, runs `fn` (which returns the tensor to bind, or
        None) and records PyTorch's error, if any."""
        self.lines.append(text)
        try:
            return fn()
        except Exception as ex:  # PyTorch's error is the expected result
            self.lines.append("err " + type(ex).__name__ + " " + str(ex).replace("\n", " "))
            self.errors += 1
            return None

    def bind(self, op, src, args):
        dst = self.fresh()
        t = self.run(" ".join([dst, "=", op, src] + args), lambda: OPS[op](self.env[src], args, self.env))
        if t is None:
            self.count -= 1
        else:
            self.env[dst] = t
            if op in REDUCTIONS:
                self.terminal.add(dst)
        return t is not None and dst

    def write(self, op, target, args):
        x = self.env[target]
        try:
            if op in ("add_", "sub_", "mul_", "div_", "pow_", "copy_") and args[0] in self.env:
                if order_dependent(x, self.env[args[0]]):
                    return
            if op == "index_put_" and args[1] in self.env:
                value = self.env[args[1]]
                while value.dim() and value.shape[0] == 1:
                    value = value[0]
                view = x[parse_index(args[0], self.env)]
                if order_dependent(view, value.expand(view.shape)):
                    return
        except (RuntimeError, IndexError):
            pass  # the step raises: nothing is written
        if op == "index_put_" and writes_then_raises(x, parse_index(args[0], self.env), operand(args[1], self.env)):
            return
        self.run(" ".join(["do", op, target] + args), lambda: OPS[op](self.env[target], args, self.env))

    def read(self, names):
        self.lines.append(("read " if len(names) == 1 else "readall ") + " ".join(names))
        for n in names:
            self.lines.append(self.value_line(self.env[n]))
            self.reads += 1

    # --- creating ---

    def new(self):
        r = self.rng
        dims = r.choice([1, 1, 2, 2, 2, 3, 3, 4])
        shape = [r.choice([0, 1, 1, 2, 2, 3, 3, 4, 5]) if r.random() < 0.9 else 0 for _ in range(dims)]
        while torch.Size(shape).numel() > 60:
            shape[r.randrange(dims)] = 1
        if r.random() < 0.1:
            shape = [r.randint(1, 4)]
        dtype = r.choices([torch.float32, torch.int64, torch.bool, torch.float16, torch.int32, torch.float64],
                          [10, 4, 1.5, 1.5, 1, 1])[0]
        n = torch.Size(shape).numel()
        ramp = torch.arange(n, dtype=torch.float64)
        if dtype.is_floating_point:
            t = ((ramp - n // 2) * r.choice([0.5, 0.25, 1.0])).to(dtype)
        elif dtype == torch.bool:
            t = (ramp.long() % r.choice([2, 3]) == 0)
        else:
            t = (ramp - r.randint(0, 3)).to(dtype)
        self.add_new(t.reshape(shape))

    def add_new(self, t):
        """Binds a fresh tensor with t's values; returns its name."""
        dst = self.fresh()
        shape_text = "x".join(str(s) for s in t.shape) if t.dim() else "-"
        self.lines.append(" ".join(["new", dst, name(t.dtype), shape_text] + bits(t)))
        self.env[dst] = t.clone(memory_format=torch.contiguous_format)  # as kiln makes it
        return dst

    # --- argument choices ---

    def dim_of(self, t, extra=0):
        d = t.dim() + extra
        if d == 0:
            return self.rng.choice([0, -1])
        return self.rng.randrange(-d, d)

    def factor_shape(self, t):
        r = self.rng
        n = t.numel()
        if r.random() < 0.1:
            return [n + 1]  # invalid
        shape = []
        while n > 1:
            f = r.choice([d for d in range(1, n + 1) if n % d == 0])
            shape.append(f)
            n //= f
        if n == 0:
            shape = [r.choice([0, 1, 2]), 0] if r.random() < 0.5 else [0]
        if r.random() < 0.3:
            shape.insert(r.randrange(len(shape) + 1), 1)
        r.shuffle(shape)
        if shape and r.random() < 0.3 and n != 0:
            shape[r.randrange(len(shape))] = -1
        return shape

    def index_token(self, t):
        r = self.rng
        items = []
        d = 0
        for _ in range(r.randint(1, max(1, t.dim()))):
            k = r.random()
            if k < 0.3 and d < t.dim():
                size = t.shape[d]
                items.append(str(r.randint(-size, size - 1) if size else 0))
                d += 1
            elif k < 0.8 or d >= t.dim():
                start = r.choice(["", "", "0", "1", "-1", "-2", "2"])
                stop = r.choice(["", "", "1", "2", "-1", "4"])
                step = r.choice(["", "", "", "2", "3"])
                items.append(f"{start}:{stop}" + (f":{step}" if step else ""))
                d += 1
            elif k < 0.9:
                items.append("N")
            else:
                items.append("E")
        # Several ellipses are kept only where they stand for no dims: else
        # PyTorch's applySlicing moves past the last dim and reads sizes
        # out of bounds (undefined values in its errors).
        specified = sum(1 for i in items if i not in ("N", "E"))
        if items.count("E") > 1 and (r.random() < 0.8 or specified != t.dim()):
            items = [i for i in items if i != "E"] + ["E"]
        return ",".join(items)

    def scalar_for(self, t, op):
        r = self.rng
        if op == "pow_":
            return r.choice(["i:2", "i:1", "i:0", "f:2.0", "f:0.5", "i:3", "f:-1.0"])
        if t.dtype == torch.bool:
            return r.choice(["b:1", "b:0", "i:1", "f:1.5"])
        if t.dtype.is_floating_point or r.random() < 0.15:
            return r.choice(["f:0.5", "f:-1.5", "f:2.0", "f:0.25", "f:-3.0", "i:2", "i:-1"])
        return r.choice(["i:2", "i:-1", "i:3", "i:0"])

    def tensor_for(self, target, same_storage=False):
        """A live tensor that broadcasts to `target`'s shape, preferring ones
        over the same memory (the aliasing cases); sometimes any tensor."""
        r = self.rng
        names = self.usable()
        if r.random() < 0.1:
            return r.choice(names)
        def fits(n):
            try:
                return torch.broadcast_shapes(self.env[n].shape, target.shape) == target.shape
            except RuntimeError:
                return False
        fitting = [n for n in names if fits(n)]
        shared = [n for n in fitting if self.env[n].storage().data_ptr() == target.storage().data_ptr()]
        if shared and (same_storage or r.random() < 0.6):
            return r.choice(shared)
        return r.choice(fitting) if fitting else r.choice(names)

    # --- steps ---

    def view_step(self):
        r = self.rng
        src = r.choice(self.usable())
        x = self.env[src]
        op = r.choice(["view", "view", "reshape", "reshape", "flatten", "permute", "transpose", "transpose", "t",
                       "squeeze", "unsqueeze", "expand", "narrow", "select", "select", "slice", "slice", "chunk",
                       "split", "index", "index", "index", "contiguous", "clone", "detach"])
        d = max(x.dim(), 1)
        if op == "slice" and x.dim() == 0:
            op = "index"
        if op in ("view", "reshape"):
            args = ["[" + ",".join(str(s) for s in self.factor_shape(x)) + "]"]
        elif op == "flatten":
            a, b = sorted([self.dim_of(x) % d, self.dim_of(x) % d])
            args = [str(a), str(b)]
        elif op == "permute":
            p = list(range(x.dim()))
            r.shuffle(p)
            args = ["[" + ",".join(str(v) for v in p) + "]"]
        elif op == "transpose":
            args = [str(self.dim_of(x)), str(self.dim_of(x))]
        elif op == "squeeze":
            args = [str(self.dim_of(x))] if r.random() < 0.5 else []
        elif op == "unsqueeze":
            args = [str(self.dim_of(x, 1))]
        elif op == "expand":
            sizes = [r.choice([2, 3]) if s == 1 and r.random() < 0.7 else (-1 if r.random() < 0.3 else s)
                     for s in x.shape]
            if r.random() < 0.3:
                sizes.insert(0, r.choice([1, 2]))
            args = ["[" + ",".join(str(s) for s in sizes) + "]"]
        elif op == "narrow":
            dim = self.dim_of(x)
            size = x.shape[dim] if x.dim() else 1
            start = r.randint(0, size)
            args = [str(dim), str(start), str(r.randint(0, size - start + (r.random() < 0.1)))]
        elif op == "select":
            dim = self.dim_of(x)
            size = x.shape[dim] if x.dim() else 1
            args = [str(dim), str(r.randint(-size, size - 1 + (r.random() < 0.1 or size == 0)))]
        elif op == "slice":
            start = r.choice(["_", "0", "1", "-2", "2"])
            end = r.choice(["_", "_", "3", "-1", "5"])
            args = [str(self.dim_of(x) % d), start, end, str(r.choice([1, 1, 2, 3]))]
        elif op in ("chunk", "split"):
            dim = self.dim_of(x)
            count = r.randint(1, 3)
            try:
                pieces = len(getattr(x, op)(count, dim))
            except (RuntimeError, IndexError):
                pieces = 1
            args = [str(count), str(dim), str(r.randrange(max(pieces, 1)))]
        elif op == "index":
            args = [self.index_token(x)]
        else:
            args = []
        self.bind(op, src, args)

    def calc_step(self):
        r = self.rng
        src = r.choice(self.usable())
        x = self.env[src]
        op = r.choice(["add", "add", "sub", "mul", "mul", "div", "neg", "abs", "relu", "sum", "mean"])
        if op in ("add", "sub", "mul", "div"):
            other = self.scalar_for(x, op) if r.random() < 0.5 else self.tensor_for(x)
            if op == "div" and other.startswith("i:0"):
                other = "i:2"
            args = [other]
        else:
            args = []
        self.bind(op, src, args)

    def write_step(self):
        r = self.rng
        target = r.choice(self.usable())
        x = self.env[target]
        op = r.choice(["add_", "add_", "sub_", "mul_", "mul_", "div_", "pow_", "relu_", "clamp_", "fill_", "zero_",
                       "copy_", "copy_", "copy_", "index_put_", "index_put_", "index_put_"])
        if op in ("add_", "sub_", "mul_", "div_", "pow_"):
            if op == "pow_" and (not x.dtype.is_floating_point or r.random() < 0.6):
                args = [self.scalar_for(x, op)]
            elif op in ("div_",) or r.random() < 0.5:
                args = [r.choice(["f:2.0", "f:0.5", "f:-4.0", "i:2"]) if op == "div_" else self.scalar_for(x, op)]
            else:
                args = [self.tensor_for(x)]
        elif op == "clamp_":
            lo, hi = r.choice([("f:-1.0", "f:1.5"), ("i:0", "_"), ("_", "i:2"), ("f:0.5", "f:-0.5")])
            args = [lo, hi]
        elif op == "fill_":
            zero_d = [n for n in self.usable() if self.env[n].dim() == 0]
            args = [r.choice(zero_d)] if zero_d and r.random() < 0.3 else [self.scalar_for(x, op)]
        elif op == "copy_":
            args = [self.tensor_for(x, same_storage=r.random() < 0.5)]
        elif op == "index_put_":
            index = self.index_token(x)
            try:
                view = x[parse_index(index, self.env)]
                value = self.tensor_for(view) if r.random() < 0.6 else self.scalar_for(x, op)
            except IndexError:
                value = self.scalar_for(x, op)
            args = [index, value]
        else:
            args = []
        self.write(op, target, args)

    def shift_step(self):
        """x[1:] = x[:-1] along some dim, or its .clone() variant."""
        r = self.rng
        fits = [n for n in self.usable() if self.env[n].dim() >= 1]
        if not fits:
            return self.view_step()
        target = r.choice(fits)
        x = self.env[target]
        lead = ":," * r.randrange(x.dim())
        src = self.bind("index", target, [lead + ":-1"])
        if src and r.random() < 0.4:
            src = self.bind("clone", src, [])
        if src:
            self.write("index_put_", target, [lead + "1:", src])

    def step(self):
        r = self.rng
        if self.advanced and r.random() < 0.3:
            return self.advanced_step()
        k = r.random()
        if k < 0.33:
            self.view_step()
        elif k < 0.48:
            self.calc_step()
        elif k < 0.83:
            self.write_step()
        elif k < 0.88:
            self.shift_step()
        elif not self.lazy:
            self.read([r.choice(list(self.env))])
        else:
            self.write_step()

    def generate(self):
        r = self.rng
        self.new()
        if r.random() < 0.5:
            self.new()
        for _ in range(r.randint(5, 15)):
            self.step()
        names = list(self.env)
        r.shuffle(names)
        if r.random() < 0.4:
            self.read(names)
        else:
            for n in names:
                self.read([n])
        self.lines.append("end")


def uses(p):
    """The advanced ops a program uses (to report their share)."""
    out = set()
    for line in p.lines:
        w = line.split()
        op = w[2] if len(w) > 2 and w[1] == "=" else w[1] if w[0] == "do" else None
        token = w[-2] if op == "index_put_" else w[-1]
        if op in ("index", "index_put_") and any(i.startswith("t") for i in token.split(",")):  # a tensor name
            out.add(op + "[tensor]")
        elif op in ("gt", "lt", "masked_fill", "masked_fill_", "cat", "stack"):
            out.add(op)
    return out


def main():
    rng = random.Random(20240613)
    lines, steps, reads, errors = [], 0, 0, 0
    used = {}
    for number in range(PROGRAMS):
        p = Program(rng, number)
        p.generate()
        lines += p.lines
        for op in uses(p) | ({"any"} if uses(p) else set()):
            used[op] = used.get(op, 0) + 1
        steps += sum(1 for l in p.lines if not l.startswith(("=", "err", "program", "end", "read")))
        reads += p.reads
        errors += p.errors
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sequences.txt")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{PROGRAMS} programs, {steps} steps, {reads} reads, {errors} errors -> {out}")
    print("programs using:", ", ".join(f"{op} {n}" for op, n in sorted(used.items())))


if __name__ == "__main__":
    main()
