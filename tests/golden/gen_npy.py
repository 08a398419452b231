#!/usr/bin/python3
"""Writes tests/golden/npy/: .npy files written by NumPy (from PyTorch
tensors where PyTorch has the dtype), and manifest.txt describing them.

npy_test.cpp loads every file and checks dtype, shape and the exact bytes of
the values; it saves each loaded tensor again and compares the file with the
bytes numpy.save writes for the same array (the "canonical" file: C order,
little-endian, format 1.0). The unsupported_* files must fail to load.

Run with Debian's NumPy and PyTorch: /usr/bin/python3 tests/golden/gen_npy.py
"""
import os

import numpy as np
import numpy.lib.format as npy_format
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy")

# One 2x3 array per dtype; npy_test.cpp builds the same values with
# kiln::tensor and expects numpy.save's bytes.
INF = float("inf")
DTYPE_CASES = {
    "bool": ([[True, False, True], [False, False, True]], torch.bool),
    "uint8": ([[0, 1, 255], [128, 7, 42]], torch.uint8),
    "int8": ([[-128, -1, 0], [1, 127, 42]], torch.int8),
    "int16": ([[-32768, -1, 0], [1, 32767, 1234]], torch.int16),
    "int32": ([[-(2**31), -1, 0], [1, 2**31 - 1, 123456]], torch.int32),
    "int64": ([[-(2**63), -1, 0], [1, 2**63 - 1, 1234567890123]], torch.int64),
    "float16": ([[1.5, -2.0, 65504.0], [INF, -0.0, 2.0**-24]], torch.float16),
    "float32": ([[1.5, -2.0, 3.4028234663852886e38], [INF, -0.0, 1e-45]], torch.float32),
    "float64": ([[1.5, -2.0, 1.7976931348623157e308], [-INF, -0.0, 5e-324]], torch.float64),
}


def c_order_little_endian(a):
    # (Not np.ascontiguousarray, which makes a 0-d array 1-d.)
    return a.astype(a.dtype.newbyteorder("<"), order="C")


manifest = []


def save(name, a, version=None, canonical=None):
    """Writes `a` as NAME.npy. Arrays numpy stores other than as C order,
    little-endian, format 1.0 also get NAME.canonical.npy: what numpy.save
    writes for the same values in that form, which is what kiln writes."""
    path = os.path.join(OUT, name + ".npy")
    with open(path, "wb") as f:
        npy_format.write_array(f, a, version=version)
    le = c_order_little_endian(a)
    canonical_name = name + ".npy"
    if version is not None or a.dtype.byteorder == ">" or np.isfortran(a):
        canonical_name = name + ".canonical.npy"
        np.save(os.path.join(OUT, canonical_name), le)
    shape = "x".join(str(d) for d in a.shape) if a.ndim else "scalar"
    data = le.tobytes().hex() or "-"
    manifest.append(f"{name}.npy {a.dtype.name} {shape} {canonical_name} {data}")


os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    os.remove(os.path.join(OUT, f))

for name, (values, dtype) in DTYPE_CASES.items():
    save("dtype_" + name, torch.tensor(values, dtype=dtype).numpy())

# 0-d, empty, 3-d, and values kiln computes (broadcasting, a sum's view).
save("scalar_float32", torch.tensor(3.5).numpy())
save("scalar_int64", torch.tensor(7).numpy())
save("scalar_bool", torch.tensor(True).numpy())
save("empty_float32_0", torch.zeros(0).numpy())
save("empty_int16_2x0x3", torch.zeros(2, 0, 3, dtype=torch.int16).numpy())
save("broadcast_int64_2x3x4", (torch.arange(4) + torch.zeros(2, 3, 1, dtype=torch.int64)).numpy())
save("sum_int64", torch.tensor([1, 2, 3]).sum().numpy())

# Strided views, written in logical row-major order (npy_test.cpp builds the
# same views over a buffer).
save("noncontig_transpose_float32", np.ascontiguousarray(np.arange(12, dtype=np.float32).reshape(3, 4).T))
save("noncontig_slice_int32", np.ascontiguousarray(np.arange(20, dtype=np.int32).reshape(2, 10)[:, 1:7:2]))
save("noncontig_broadcast_float64", np.ascontiguousarray(np.broadcast_to(np.arange(4.0), (3, 4))))
save("noncontig_reversed_int64", np.ascontiguousarray(np.arange(5, dtype=np.int64)[::-1]))

# Special values: every bit must survive (NaN payloads, signs, subnormals).
special = [float("nan"), -float("nan"), INF, -INF, -0.0, 1e-40, 3.0]
save("special_float32", np.array(special, dtype=np.float32))
save("special_float64", np.array(special + [5e-324], dtype=np.float64))
payload16 = np.array([0x7E00, 0xFE01, 0x7C00, 0x0001, 0x8000], dtype=np.uint16).view(np.float16)
save("special_float16", payload16)

# Fortran order, big-endian, formats 2.0 and 3.0.
save("fortran_float32_3x4", np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)))
save("fortran_int16_2x3x4", np.asfortranarray(np.arange(24, dtype=np.int16).reshape(2, 3, 4) - 12))
save("big_float64_2x3", (np.arange(6, dtype=np.float64).reshape(2, 3) / 3).astype(">f8"))
save("big_int32_5", np.array([-2, -1, 0, 1, 2**31 - 1], dtype=">i4"))
save("big_float16_4", np.array([1.5, -0.25, 65504, float("nan")], dtype=">f2"))
save("big_int64_scalar", np.array(-1234567890123, dtype=">i8"))
save("big_fortran_int16_3x2", np.asfortranarray(np.arange(6, dtype=">i2").reshape(3, 2) * 1000 - 2500))
save("v2_float32_2x3", np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5, version=(2, 0))
save("v3_int8_4", np.array([-128, 0, 5, 127], dtype=np.int8), version=(3, 0))

# dtypes kiln has not: loading each must fail with a clear error.
np.save(os.path.join(OUT, "unsupported_complex64.npy"), np.array([1 + 2j], dtype=np.complex64))
np.save(os.path.join(OUT, "unsupported_uint16.npy"), np.array([1, 2], dtype=np.uint16))
np.save(os.path.join(OUT, "unsupported_unicode.npy"), np.array(["ab", "c"]))
np.save(os.path.join(OUT, "unsupported_object.npy"), np.array([{"a": 1}], dtype=object), allow_pickle=True)
np.save(os.path.join(OUT, "unsupported_structured.npy"), np.zeros(2, dtype=[("x", "<f4"), ("y", "<i8")]))
np.save(os.path.join(OUT, "unsupported_datetime.npy"), np.array(["2024-01-01"], dtype="datetime64[D]"))

with open(os.path.join(OUT, "manifest.txt"), "w") as f:
    f.write("# file dtype shape canonical-file data (C order, little-endian, hex)\n")
    f.write("\n".join(manifest) + "\n")
