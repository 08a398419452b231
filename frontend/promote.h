// PyTorch's type promotion.
#pragma once

#include <vector>

#include <kiln/scalar.h>
#include <kiln/tensor.h>

namespace kiln::frontend {

// promote_types(a, b): the smallest dtype both convert to without losing
// their category (PyTorch's table: uint8 + int8 → int16, float16 + bfloat16
// → float32, int + float → the float, bool + x → x).
ScalarType promote_types(ScalarType a, ScalarType b);

// The dtype an op over these operands computes in. Dimensioned tensors take
// part fully; 0-d tensors and then plain numbers only raise the result to a
// higher category (a number's dtype is int64 or the default float32).
struct Operand {
  const Tensor* tensor = nullptr;
  const Scalar* scalar = nullptr;
};
ScalarType result_type(const std::vector<Operand>& operands);

// The dtype a plain number gets when it becomes a tensor: bool, int64 or
// float32 (the default dtype).
ScalarType scalar_dtype(const Scalar& s);

}  // namespace kiln::frontend
