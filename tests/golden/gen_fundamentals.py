#!/usr/bin/python3
"""Prints, with Debian's PyTorch, what examples/fundamentals.cpp must print.

Each block mirrors one block of examples/fundamentals.cpp (the seed notebook's
cells). Run with /usr/bin/python3 > tests/golden/fundamentals.txt.
"""
import torch

scalar = torch.tensor(7)
print(scalar)
print(scalar.ndim)
print(scalar.item())

vector = torch.tensor([7, 7])
print(vector)
print(vector.ndim)
print(vector.shape)

MATRIX = torch.tensor([[7, 8], [9, 10]])
print(MATRIX)
print(MATRIX.ndim)
print(MATRIX.shape)

TENSOR = torch.tensor([[[1, 2, 3], [3, 6, 9], [2, 4, 5]]])
print(TENSOR)
print(TENSOR.ndim)
print(TENSOR.shape)

zeros = torch.zeros(size=(3, 4))
print(zeros)
ones = torch.ones(size=(3, 4))
print(ones)
print(ones.dtype)

one_to_ten = torch.arange(start=1, end=11, step=1)
print(one_to_ten)
ten_zeros = torch.zeros_like(input=one_to_ten)
print(ten_zeros)

float_32_tensor = torch.tensor([3.0, 6.0, 9.0])
print(float_32_tensor)
print(float_32_tensor.dtype)

float_16_tensor = float_32_tensor.type(torch.float16)
print(float_16_tensor)
print(float_16_tensor * float_32_tensor)

int_32_tensor = torch.tensor([3, 6, 9], dtype=torch.int32)
print(int_32_tensor)
print(float_32_tensor * int_32_tensor)

torch.manual_seed(42)
some_tensor = torch.rand(3, 4)
print(some_tensor)
print(f"Datatype of tensor: {some_tensor.dtype}")
print(f"Shape of tensor: {some_tensor.shape}")
print(f"Device tensor is on: {some_tensor.device}")

tensor = torch.tensor([1, 2, 3])
print(tensor + 10)
print(tensor * 10)
print(tensor)
print(tensor - 10)
print(torch.mul(tensor, 10))
print(torch.add(tensor, 10))

print(tensor, "*", tensor)
print(f"Equals: {tensor * tensor}")

print(torch.matmul(torch.rand(8, 10), torch.rand(10, 8)).shape)
print(torch.matmul(tensor, tensor))

print(1*1 + 2*2 + 3*3)

value = 0
for i in range(len(tensor)):
    value += tensor[i] * tensor[i]
print(value)
print(torch.matmul(tensor, tensor))

tensor_A = torch.tensor([[1, 2], [3, 4], [5, 6]])
tensor_B = torch.tensor([[7, 10], [8, 11], [9, 12]])
try:
    torch.mm(tensor_A, tensor_B)
except RuntimeError as e:
    print(f"RuntimeError: {e}")
print(tensor_A.shape, tensor_B.shape)
output = torch.matmul(tensor_A, tensor_B.T)
print(output)
print(f"Output shape: {output.shape}")

agg = torch.arange(1, 100, 10)
print(agg, agg.dtype)
print(torch.min(agg), agg.min())
print(torch.max(agg), agg.max())
print(torch.mean(agg.type(torch.float32)), agg.type(torch.float32).mean())
try:
    agg.mean()
except RuntimeError as e:
    print(f"RuntimeError: {e}")
print(torch.sum(agg), agg.sum())
print(agg.argmin(), agg.argmax())

x = torch.arange(0.0, 6.0).div(2) + torch.ones(2, 6)
print(x)
print(x.sum())
print((tensor * tensor).sum())

big = (torch.arange(4096.0) * 0.5 + 1.0).sum()
print(big)

xr = torch.arange(1., 10.)
print(xr, xr.shape)
x_reshaped = xr.reshape(1, 9)
print(x_reshaped, x_reshaped.shape)
z = xr.view(1, 9)
print(z, z.shape)
z[:, 0] = 5
print(z, xr)
x_stacked = torch.stack([xr, xr, xr, xr], dim=0)
print(x_stacked)
print(torch.vstack([xr, xr, xr, xr]))
print(torch.hstack([xr, xr, xr, xr]))
x_squeezed = x_reshaped.squeeze()
print(f"Previous tensor: {x_reshaped}\nPrevious shape: {x_reshaped.shape}")
print(f"New tensor: {x_squeezed}\nNew shape: {x_squeezed.shape}")
x_unsqueezed = x_squeezed.unsqueeze(dim=0)
print(f"New tensor: {x_unsqueezed}\nNew shape: {x_unsqueezed.shape}")
x_original = torch.rand(size=(224, 244, 3))
x_permuted = x_original.permute(2, 0, 1)
print(f"Previous shape: {x_original.shape}\nNew shape: {x_permuted.shape}")
x_original[0, 0, 0] = 728218
print(x_original[0, 0, 0], x_permuted[0, 0, 0])

xi = torch.arange(1, 10).reshape(1, 3, 3)
print(xi, xi.shape)
print(xi[0])
print(xi[0][0])
print(xi[0][1][1])
print(xi[:, 0])
print(xi[:, :, 1])
print(xi[:, 1, 1])
print(xi[0, 0, :])
print(xi[0][2][2])
print(xi[:, :, 2])
print(tensor_B.T, tensor_B.T.shape)

import numpy as np
array = np.arange(1.0, 8.0)
from_array = torch.from_numpy(array)
print(from_array)
array = array + 1
print(from_array)
ones7 = torch.ones(7)
numpy_tensor = ones7.numpy()
ones7_plus_one = ones7 + 1
print(torch.from_numpy(numpy_tensor), ones7_plus_one)

random_tensor_A = torch.rand(3, 4)
random_tensor_B = torch.rand(3, 4)
print(random_tensor_A)
print(random_tensor_B)
print(random_tensor_A == random_tensor_B)
RANDOM_SEED = 42
torch.manual_seed(RANDOM_SEED)
random_tensor_C = torch.rand(3, 4)
torch.manual_seed(RANDOM_SEED)
random_tensor_D = torch.rand(3, 4)
print(random_tensor_C)
print(random_tensor_D)
print(random_tensor_C == random_tensor_D)

print(torch.cuda.is_available())
device = "cuda" if torch.cuda.is_available() else "cpu"
print(device)
print(torch.cuda.device_count())
on_cpu = torch.tensor([1, 2, 3])
print(on_cpu, on_cpu.device)
on_device = on_cpu.to(device)
print(on_device)
