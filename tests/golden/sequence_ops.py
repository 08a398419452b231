"""The op language of gen_sequences.py's programs: its arguments and what
each op means in PyTorch (OPS), and which writes PyTorch computes in an order
kiln does not (order_dependent). See gen_sequences.py for the grammar.
"""
import torch

# --- Arguments -----------------------------------------------------------------

def parse_list(tok):
    return [int(v) for v in tok[1:-1].split(",")] if len(tok) > 2 else []


def opt(tok):
    return None if tok == "_" else int(tok)


def scalar(tok):
    kind, value = tok.split(":", 1)
    return {"i": int, "f": float, "b": lambda v: bool(int(v))}[kind](value)


def parse_index(tok, env):
    items = []
    for item in tok.split(","):
        if item in env:
            items.append(env[item])  # an index tensor (advanced indexing)
        elif item == "N":
            items.append(None)
        elif item == "E":
            items.append(Ellipsis)
        elif ":" in item:
            parts = [int(p) if p else None for p in item.split(":")]
            items.append(slice(*parts))
        else:
            items.append(int(item))
    return tuple(items)


def operand(tok, env):
    return env[tok] if tok in env else scalar(tok)


def rowmajor(t):
    """kiln lays out every computed result (and clone) row-major; PyTorch
    follows its inputs' layout (TensorIterator's permutation, clone's
    preserve_format). The values agree; strides and so view()'s errors would
    not, so the programs compare computed results laid out row-major."""
    return t.clone(memory_format=torch.contiguous_format)


def advanced(index):
    return any(isinstance(i, torch.Tensor) for i in index)


def getitem(x, tok, env):
    """x[index]: a view, or with tensor items a copy (laid out row-major)."""
    index = parse_index(tok, env)
    return rowmajor(x[index]) if advanced(index) else x[index]


def setitem(x, index, value):
    x[index] = value


def join(op, x, a, e):
    """cat or stack of x and the tensors named in a[:-1], along dim a[-1]."""
    return rowmajor(getattr(torch, op)([x] + [e[n] for n in a[:-1]], int(a[-1])))


# --- What each op means in PyTorch ----------------------------------------------
# Each takes the first tensor, the other argument tokens and the environment.

OPS = {
    # views and copies
    "view": lambda x, a, e: x.view(parse_list(a[0])),
    "reshape": lambda x, a, e: x.reshape(parse_list(a[0])),
    "flatten": lambda x, a, e: x.flatten(int(a[0]), int(a[1])),
    "permute": lambda x, a, e: x.permute(parse_list(a[0])),
    "transpose": lambda x, a, e: x.transpose(int(a[0]), int(a[1])),
    "t": lambda x, a, e: x.t(),
    "squeeze": lambda x, a, e: x.squeeze(int(a[0])) if a else x.squeeze(),
    "unsqueeze": lambda x, a, e: x.unsqueeze(int(a[0])),
    "expand": lambda x, a, e: x.expand(parse_list(a[0])),
    "narrow": lambda x, a, e: x.narrow(int(a[0]), int(a[1]), int(a[2])),
    "select": lambda x, a, e: x.select(int(a[0]), int(a[1])),
    "slice": lambda x, a, e: x[(slice(None),) * int(a[0]) + (slice(opt(a[1]), opt(a[2]), int(a[3])),)],
    "chunk": lambda x, a, e: x.chunk(int(a[0]), int(a[1]))[int(a[2])],
    "split": lambda x, a, e: x.split(int(a[0]), int(a[1]))[int(a[2])],
    "index": lambda x, a, e: getitem(x, a[0], e),
    "contiguous": lambda x, a, e: x.contiguous(),
    "clone": lambda x, a, e: rowmajor(x.clone()),
    "detach": lambda x, a, e: x.detach(),
    # out-of-place computations
    "add": lambda x, a, e: rowmajor(x + operand(a[0], e)),
    "sub": lambda x, a, e: rowmajor(x - operand(a[0], e)),
    "mul": lambda x, a, e: rowmajor(x * operand(a[0], e)),
    "div": lambda x, a, e: rowmajor(x / operand(a[0], e)),
    "neg": lambda x, a, e: rowmajor(-x),
    "abs": lambda x, a, e: rowmajor(x.abs()),
    "relu": lambda x, a, e: rowmajor(x.relu()),
    "sum": lambda x, a, e: x.sum(),
    "mean": lambda x, a, e: x.mean(),
    "gt": lambda x, a, e: rowmajor(x > scalar(a[0])),
    "lt": lambda x, a, e: rowmajor(x < scalar(a[0])),
    "masked_fill": lambda x, a, e: rowmajor(x.masked_fill(e[a[0]], operand(a[1], e))),
    "cat": lambda x, a, e: join("cat", x, a, e),
    "stack": lambda x, a, e: join("stack", x, a, e),
    # in-place writes
    "add_": lambda x, a, e: x.add_(operand(a[0], e)),
    "sub_": lambda x, a, e: x.sub_(operand(a[0], e)),
    "mul_": lambda x, a, e: x.mul_(operand(a[0], e)),
    "div_": lambda x, a, e: x.div_(operand(a[0], e)),
    "pow_": lambda x, a, e: x.pow_(operand(a[0], e)),
    "relu_": lambda x, a, e: x.relu_(),
    "clamp_": lambda x, a, e: x.clamp_(None if a[0] == "_" else scalar(a[0]), None if a[1] == "_" else scalar(a[1])),
    "fill_": lambda x, a, e: x.fill_(operand(a[0], e)),
    "zero_": lambda x, a, e: x.zero_(),
    "copy_": lambda x, a, e: x.copy_(e[a[0]]),
    "index_put_": lambda x, a, e: setitem(x, parse_index(a[0], e), operand(a[1], e)),
    "masked_fill_": lambda x, a, e: x.masked_fill_(e[a[0]], operand(a[1], e)),
}

def dense(t):
    """PyTorch's is_non_overlapping_and_dense."""
    dims = sorted((st, sz) for st, sz in zip(t.stride(), t.shape) if sz != 1)
    expected = 1
    for st, sz in dims:
        if st != expected:
            return False
        expected *= sz
    return True


def order_dependent(dst, src):
    """Whether PyTorch's result of writing `dst` from `src` would depend on
    its loop order: some element reads a location that another element
    writes, and PyTorch's overlap check cannot see it (one side is not dense,
    "too hard"); when both are dense, PyTorch raises instead. kiln computes
    every write from the old values, PyTorch element by element."""
    if dst.numel() == 0 or src.numel() == 0 or dst.storage().data_ptr() != src.storage().data_ptr():
        return False
    try:
        expanded = src.expand(dst.shape)
    except RuntimeError:
        return False
    memory = torch.arange(dst.storage().size())
    # Copies: isin cannot take some strided inputs (a view() inside it).
    written = memory.as_strided(dst.shape, dst.stride(), dst.storage_offset()).contiguous()
    read = memory.as_strided(expanded.shape, expanded.stride(), expanded.storage_offset()).contiguous()
    clash = (read != written) & torch.isin(read, written)
    return bool(clash.any()) and not (dense(dst) and dense(src))


# Results read approximately.
REDUCTIONS = ("sum", "mean")
