// Factory functions, named and defaulted as in libtorch.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include <kiln/scalar.h>
#include <kiln/tensor.h>
#include <kiln/types.h>

namespace kiln {

// The argument of kiln::tensor: a number or a nested braced list of numbers,
// e.g. 7, {7, 7}, {{7, 8}, {9, 10}}. Sub-lists must have equal lengths.
// The dtype is inferred as PyTorch does: any floating value → float32 (the
// default dtype), else all bools → bool, else int64.
class TensorData {
 public:
  TensorData(Scalar value);                       // NOLINT(google-explicit-constructor)
  TensorData(bool value) : TensorData(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
  TensorData(T value) : TensorData(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
  TensorData(std::initializer_list<TensorData> list);  // NOLINT(google-explicit-constructor)

  const std::vector<int64_t>& shape() const { return shape_; }
  const std::vector<Scalar>& values() const { return values_; }
  ScalarType inferred_dtype() const;

 private:
  std::vector<int64_t> shape_;
  std::vector<Scalar> values_;  // row-major
};

Tensor tensor(const TensorData& data, TensorOptions options = {});

Tensor zeros(const Sizes& sizes, TensorOptions options = {});
Tensor ones(const Sizes& sizes, TensorOptions options = {});
// The dtype follows the fill value unless given: int → int64, float → float32.
Tensor full(const Sizes& sizes, const Scalar& fill_value, TensorOptions options = {});
Tensor zeros_like(const Tensor& t, TensorOptions options = {});
Tensor ones_like(const Tensor& t, TensorOptions options = {});
Tensor full_like(const Tensor& t, const Scalar& fill_value, TensorOptions options = {});

// [0, end) or [start, end) in steps of `step`: int64 when all arguments are
// integral, else float32 (the default dtype).
Tensor arange(const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options = {});

}  // namespace kiln
