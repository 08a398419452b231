// Random tensors, named and defaulted as in libtorch, drawn from PyTorch's
// CPU generator: after the same manual_seed, kiln draws bit for bit what
// PyTorch 1.13 draws on the CPU, call after call.
//
// Values are drawn at the call, in call order (the tensor is a realized
// buffer), so the generator advances exactly as in eager PyTorch.
#pragma once

#include <cstdint>

#include <kiln/sizes.h>
#include <kiln/tensor.h>
#include <kiln/types.h>

namespace kiln {

// Seeds the default generator (its low 32 bits seed the engine, as in PyTorch).
void manual_seed(uint64_t seed);

// Uniform on [0, 1); floating dtypes, float32 by default.
Tensor rand(const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
// Standard normal; floating dtypes, float32 by default.
Tensor randn(const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
// Integers uniform on [low, high) (low = 0 without it), stored in any dtype,
// int64 by default.
Tensor randint(int64_t high, const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
Tensor randint(int64_t low, int64_t high, const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);

// The same, shaped like `t` and of its dtype unless given.
Tensor rand_like(const Tensor& t, TensorOptions options = {}, KILN_CALLER);
Tensor randn_like(const Tensor& t, TensorOptions options = {}, KILN_CALLER);
Tensor randint_like(const Tensor& t, int64_t high, TensorOptions options = {}, KILN_CALLER);
Tensor randint_like(const Tensor& t, int64_t low, int64_t high, TensorOptions options = {}, KILN_CALLER);

}  // namespace kiln
