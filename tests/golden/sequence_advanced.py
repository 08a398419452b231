"""Steps of gen_sequences.py's programs with the ops that read an operand's
values at the call or make a fresh storage: advanced indexing (reads
x[idx] and writes x[idx] = v with int64 index tensors and boolean masks,
mixed with basic indices), masked_fill/masked_fill_, and cat/stack.
Program mixes them in; they bind and write through its bind, write and
add_new, so PyTorch's values and errors are recorded as for any step.
"""
import torch

from sequence_ops import parse_index


def values(rng, dtype, shape):
    """A fresh tensor of small random values (halves for floating dtypes)."""
    raw = [rng.randint(-6, 6) for _ in range(torch.Size(shape).numel())]
    t = torch.tensor(raw, dtype=torch.float64).reshape(shape)
    if dtype == torch.bool:
        return t > 0
    return (t * 0.5 if dtype.is_floating_point else t).to(dtype)


def conflicting(x, index, value):
    """Whether x[index] = value writes different values to one location
    (repeated indices, or an expanded x). PyTorch's order among them is its
    kernel's business; kiln's is row-major, the last one winning."""
    if not isinstance(value, torch.Tensor):
        return False
    try:
        memory = torch.arange(x.storage().size())
        offsets = memory.as_strided(x.shape, x.stride(), x.storage_offset())[index]
        while value.dim() and value.shape[0] == 1:  # as set_item drops them
            value = value[0]
        value = value.expand(offsets.shape)
    except (RuntimeError, IndexError):
        return False  # the write raises: nothing is written
    seen = {}
    for offset, v in zip(offsets.flatten().tolist(), value.flatten().tolist()):
        if seen.setdefault(offset, v) != v:  # NaN counts as a conflict: safe
            return True
    return False


def writes_then_raises(x, index, value):
    """Whether PyTorch's x[index] = value raises after writing some elements:
    its kernel checks each index's bounds as it writes. A kiln call that
    throws changes nothing, so such steps are left out. Tried on a copy of
    x's storage."""
    flat = torch.tensor([], dtype=x.dtype).set_(x.storage())
    copy = flat.clone()
    try:
        copy.as_strided(x.shape, x.stride(), x.storage_offset())[index] = value
    except (RuntimeError, IndexError):
        return not torch.equal(copy, flat)  # NaN counts as a change: safe
    return False


class AdvancedSteps:
    def advanced_step(self):
        k = self.rng.random()
        if k < 0.3:
            self.advanced_read()
        elif k < 0.6:
            self.advanced_write()
        elif k < 0.8:
            self.masked_fill_step()
        else:
            self.join_step()

    # --- index tensors ---

    def index_tensor(self, t):
        n = self.add_new(t)
        self.indices.add(n)
        return n

    def long_index(self, size):
        """An int64 index for a dim of `size`: 1-d or 2-d, negative values
        too, sometimes one out of bounds; sometimes an earlier index."""
        r = self.rng
        earlier = [n for n in self.usable() if n in self.indices and self.env[n].dtype == torch.int64]
        if earlier and r.random() < 0.2:
            return r.choice(earlier)
        shape = [r.randint(0, 4)] if r.random() < 0.7 else [r.randint(1, 3), r.randint(1, 3)]
        vals = [r.randint(-size, size - 1) if size else 0 for _ in range(torch.Size(shape).numel())]
        if vals and r.random() < 0.08:
            vals[r.randrange(len(vals))] = r.choice([size, -size - 1])
        return self.index_tensor(torch.tensor(vals, dtype=torch.int64).reshape(shape))

    def mask_tensor(self, shape):
        """A boolean mask of `shape`: a live one or fixed random bits,
        sometimes one size off (PyTorch's mask-shape errors)."""
        r = self.rng
        shape = list(shape)
        if r.random() < 0.08:
            if shape:
                d = r.randrange(len(shape))
                shape[d] += 1 if shape[d] <= 1 or r.random() < 0.5 else -1
            else:
                shape = [1]
        live = [n for n in self.usable() if self.env[n].dtype == torch.bool and list(self.env[n].shape) == shape]
        if live and r.random() < 0.3:
            return r.choice(live)
        bits = torch.tensor([r.random() < 0.5 for _ in range(torch.Size(shape).numel())], dtype=torch.bool)
        return self.index_tensor(bits.reshape(shape))

    def live_mask(self, src):
        """src > k or src < k, computed from the live tensor (lazily in kiln):
        its name, or None where PyTorch raised."""
        op = self.rng.choice(["gt", "lt"])
        return self.bind(op, src, [self.scalar_for(self.env[src], op)]) or None

    def advanced_token(self, src):
        """An index token for src with 1 or 2 tensor items among basic ones;
        a third of the time the whole-shape live mask src > k."""
        r = self.rng
        x = self.env[src]
        if r.random() < 0.3 or x.dim() == 0:
            return self.live_mask(src)
        items, d = [], 0
        for _ in range(r.choice([0, 0, 0, 1, 1, 2])):
            k = r.random()
            if d < x.dim() and k < 0.5:
                items.append(":")
                d += 1
            elif d < x.dim() and k < 0.75:
                size = x.shape[d]
                items.append(str(r.randint(-size, size - 1) if size else 0))
                d += 1
            else:
                items.append("N")
        for i in range(r.choice([1, 1, 1, 2])):
            if d >= x.dim() and r.random() < 0.9:
                break
            if i and d < x.dim() and r.random() < 0.3:
                items.append(":")  # tensors apart: the index dims come first
                d += 1
            if d >= x.dim() or r.random() < 0.6:
                items.append(self.long_index(x.shape[d] if d < x.dim() else 1))
                d += 1
            else:
                k = r.randint(1, min(2, x.dim() - d))
                items.append(self.mask_tensor(x.shape[d:d + k]))
                d += k
        if r.random() < 0.2:
            items.append(r.choice([":", "N", "E", "0"]))
        return ",".join(items)

    # --- steps ---

    def target(self):
        """A tensor to index or write, sometimes an expanded one (made here
        if need be): PyTorch only warns when writing one."""
        r = self.rng
        expanded = [n for n in self.usable() if self.env[n].numel() > 1 and 0 in self.env[n].stride()]
        if not expanded and r.random() < 0.2:
            src = r.choice(self.usable())
            sizes = [r.choice([2, 3])] + [-1] * self.env[src].dim()  # a new leading dim, stride 0
            expanded = [n for n in [self.bind("expand", src, ["[" + ",".join(str(s) for s in sizes) + "]"])] if n]
        if expanded and r.random() < 0.3:
            return r.choice(expanded)
        return r.choice(self.usable())

    def advanced_read(self):
        src = self.target()
        token = self.advanced_token(src)
        if token:
            self.bind("index", src, [token])

    def advanced_write(self):
        target = self.target()
        token = self.advanced_token(target)
        if token:
            self.write("index_put_", target, [token, self.index_value(self.env[target], token)])

    def index_value(self, x, token):
        """A value for x[token] = value: a scalar, a live tensor, or a new one
        of the result's shape, broadcastable (leading 1s too, which set_item
        drops), sometimes of another dtype or shape (PyTorch's errors)."""
        r = self.rng
        index = parse_index(token, self.env)
        try:
            shape = list(x[index].shape)
        except (RuntimeError, IndexError):
            return self.scalar_for(x, "index_put_")
        k = r.random()
        if k < 0.35:
            return self.scalar_for(x, "index_put_")
        if k < 0.5:
            value = self.tensor_for(x[index])
        else:
            if r.random() < 0.3:
                shape = shape[r.randint(0, len(shape)):]
            shape = [1 if r.random() < 0.2 else s for s in shape]
            if r.random() < 0.15:
                shape.insert(0, 1)
            if r.random() < 0.05:
                shape.append(2)
            if r.random() < 0.1:
                shape = []  # one element: a mask index dispatches to masked_fill_
            dtype = x.dtype if r.random() < 0.9 else r.choice([torch.float32, torch.int64, torch.bool])
            value = self.add_new(values(r, dtype, shape))
        if conflicting(x, index, self.env[value]):
            return self.scalar_for(x, "index_put_")
        return value

    def masked_fill_step(self):
        """x.masked_fill(mask, v) or x.masked_fill_(mask, v): v a scalar or
        a 0-d tensor (sometimes not 0-d), the mask broadcasting."""
        r = self.rng
        target = self.target()
        x = self.env[target]
        mask = self.fill_mask(target)
        if not mask:
            return
        if r.random() < 0.65:
            value = self.scalar_for(x, "fill_")
        else:
            zero_d = [n for n in self.usable() if self.env[n].dim() == 0]
            if zero_d and r.random() < 0.5:
                value = r.choice(zero_d)
            else:
                dtype = r.choice([x.dtype, x.dtype, torch.float32, torch.int64])
                value = self.add_new(values(r, dtype, [] if r.random() < 0.9 else [1]))
        if r.random() < 0.6:
            self.write("masked_fill_", target, [mask, value])
        else:
            self.bind("masked_fill", target, [mask, value])

    def fill_mask(self, target):
        r = self.rng
        x = self.env[target]
        if r.random() < 0.25:
            return self.live_mask(target)
        shape = list(x.shape)
        if r.random() < 0.3:
            shape = shape[r.randint(0, len(shape)):]
        shape = [1 if r.random() < 0.25 else s for s in shape]
        if r.random() < 0.1:
            shape.insert(0, 2)  # broadcasts out of place only
        return self.mask_tensor(shape)

    def join_step(self):
        """cat or stack of 2-3 live tensors, mostly ones that fit (views of
        one storage preferred), along a random dim."""
        r = self.rng
        op = "cat" if r.random() < 0.65 else "stack"
        names = self.usable()
        ranked = [n for n in names if self.env[n].dim() > 0]
        first = r.choice(ranked if ranked and r.random() < 0.95 else names)
        x = self.env[first]
        dim = self.dim_of(x, 1 if op == "stack" else 0)

        def fits(n):
            t = self.env[n]
            if op == "stack" or t.dim() != x.dim():
                return t.shape == x.shape
            return all(a == b for i, (a, b) in enumerate(zip(t.shape, x.shape)) if i != dim % x.dim())

        fitting = [n for n in names if fits(n)]
        shared = [n for n in fitting if self.env[n].storage().data_ptr() == x.storage().data_ptr()]
        others = []
        for _ in range(r.choice([1, 1, 2])):
            pool = shared if shared and r.random() < 0.5 else fitting
            others.append(r.choice(pool if r.random() < 0.85 else names))
        self.bind(op, first, others + [str(dim)])
