"""The words in which arange.txt and linspace.txt spell a 1-d tensor's values.

Floating elements are their little-endian bytes in hex (struct.pack's
.hex()), integers decimal, so values compare bit for bit. Tensors longer than
LIST_MAX are one word, "fnv1a64:" and the FNV-1a hash of their raw bytes, to
keep the files small; tests/unit/golden_words.cpp computes the same.
"""
import struct

import torch

LIST_MAX = 128
FORMAT = {torch.float16: "<e", torch.float32: "<f", torch.float64: "<d"}


def raw_bytes(t):
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.contiguous().numpy().tobytes()


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def words(t):
    if t.numel() > LIST_MAX:
        return ["fnv1a64:%016x" % fnv1a64(raw_bytes(t))]
    if t.dtype == torch.bfloat16:
        return [struct.pack("<H", v & 0xFFFF).hex() for v in t.view(torch.int16).tolist()]
    if t.dtype in FORMAT:
        return [struct.pack(FORMAT[t.dtype], v).hex() for v in t.tolist()]
    return [str(int(v)) for v in t.tolist()]
