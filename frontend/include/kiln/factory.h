// Factory functions, named and defaulted as in libtorch.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <vector>

#include <kiln/scalar.h>
#include <kiln/tensor.h>
#include <kiln/types.h>

namespace kiln {

namespace detail {
// A 1-d tensor copied from `n` values of dtype `t` at `data` (converted to
// the options' dtype when one is given).
Tensor tensor_from_host(const void* data, int64_t n, ScalarType t, TensorOptions options, Caller caller);
}  // namespace detail

// The argument of kiln::tensor: a number or a nested braced list of numbers,
// e.g. 7, {7, 7}, {{7, 8}, {9, 10}}. kiln::tensor checks it as PyTorch checks
// a nested Python list (sub-lists of equal lengths, numbers only at the
// innermost level) and infers the dtype as PyTorch does: any floating value
// → float32 (the default dtype), else all bools → bool, else int64.
class TensorData {
 public:
  TensorData(Scalar value) : value_(value) {}               // NOLINT(google-explicit-constructor)
  TensorData(bool value) : TensorData(Scalar(value)) {}     // NOLINT(google-explicit-constructor)
  template <typename T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
  TensorData(T value) : TensorData(Scalar(value)) {}        // NOLINT(google-explicit-constructor)
  TensorData(std::initializer_list<TensorData> list) : is_list_(true), elements_(list) {}  // NOLINT

  bool is_list() const { return is_list_; }
  const Scalar& value() const { return value_; }
  const std::vector<TensorData>& elements() const { return elements_; }

 private:
  bool is_list_ = false;
  Scalar value_;
  std::vector<TensorData> elements_;
};

Tensor tensor(const TensorData& data, TensorOptions options = {}, KILN_CALLER);

// A 1-d tensor of the values; the dtype follows T as in libtorch
// (std::vector<double> → float64, std::vector<float> → float32, ...).
template <typename T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
Tensor tensor(const std::vector<T>& values, TensorOptions options = {}, KILN_CALLER) {
  return detail::tensor_from_host(values.data(), static_cast<int64_t>(values.size()), scalar_type_of<T>(), options,
                                  caller);
}

// A tensor over the caller's memory, without a copy (libtorch's from_blob):
// element (i, j, ...) is the one at data + (storage_offset + i * strides[0]
// + j * strides[1] + ...) * itemsize, aligned for its type. Strides default
// to the contiguous ones, the dtype to float32. The memory must stay valid
// while kiln may use it: `deleter`, when given, is called once with `data`
// when no tensor, view or pending result uses it any more (not when
// from_blob throws). Writes through data_ptr() go to this memory.
//
// kiln is lazy: it reads the memory when a result is realized, not when the
// op is recorded. Writing through data_ptr() first realizes the results
// recorded from the tensor, so they keep the old values, as in eager
// PyTorch. Writing the memory directly bypasses that: realize the results
// recorded earlier (kiln::realize({...})) before such a write.
using Deleter = std::function<void(void*)>;
Tensor from_blob(void* data, const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, TensorOptions options = {}, KILN_CALLER);
Tensor from_blob(void* data, const Sizes& sizes, const Deleter& deleter, TensorOptions options = {}, KILN_CALLER);
Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, const Deleter& deleter,
                 TensorOptions options = {}, KILN_CALLER);
Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, int64_t storage_offset, const Deleter& deleter,
                 TensorOptions options = {}, KILN_CALLER);

// Uninitialized values, as in PyTorch (kiln gives fresh memory).
Tensor empty(const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
// The n×m identity (m defaults to n).
Tensor eye(int64_t n, TensorOptions options = {}, KILN_CALLER);
Tensor eye(int64_t n, int64_t m, TensorOptions options = {}, KILN_CALLER);

Tensor zeros(const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
Tensor ones(const Sizes& sizes, TensorOptions options = {}, KILN_CALLER);
// The dtype follows the fill value unless given: int → int64, float → float32.
Tensor full(const Sizes& sizes, const Scalar& fill_value, TensorOptions options = {}, KILN_CALLER);
Tensor zeros_like(const Tensor& t, TensorOptions options = {}, KILN_CALLER);
Tensor ones_like(const Tensor& t, TensorOptions options = {}, KILN_CALLER);
Tensor full_like(const Tensor& t, const Scalar& fill_value, TensorOptions options = {}, KILN_CALLER);

// [0, end) or [start, end) in steps of `step`: int64 when all arguments are
// integral, else float32 (the default dtype).
Tensor arange(const Scalar& end, TensorOptions options = {}, KILN_CALLER);
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options = {}, KILN_CALLER);
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options = {}, KILN_CALLER);

// `steps` evenly spaced values from start to end (both included), float32
// unless the options say otherwise (integer dtypes truncate each value).
// Bit for bit as PyTorch's CPU kernel with one thread: the first half counts
// up from start, the second down from end.
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, TensorOptions options = {}, KILN_CALLER);

}  // namespace kiln
