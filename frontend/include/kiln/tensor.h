// kiln::Tensor: a cheap handle to a lazily computed value, shaped like
// libtorch's at::Tensor. Operations record graph nodes and check shapes and
// dtypes at once (errors are thrown at the call); values are computed only
// when something needs them: item(), data_ptr(), printing, realize().
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <kiln/error.h>
#include <kiln/indexing.h>
#include <kiln/scalar.h>
#include <kiln/sizes.h>
#include <kiln/types.h>

namespace kiln {

namespace ir {
struct Node;
}
namespace frontend {
struct TensorImpl;
}

class Tensor;

class Tensor {
 public:
  // An undefined tensor (libtorch's default-constructed Tensor).
  Tensor() = default;
  // A tensor over a fresh storage holding the node's value; used by kiln
  // itself.
  explicit Tensor(std::shared_ptr<ir::Node> node);
  explicit Tensor(std::shared_ptr<frontend::TensorImpl> impl);

  bool defined() const { return impl_ != nullptr; }

  // Attributes: known without computing anything.
  int64_t dim() const;
  int64_t ndimension() const { return dim(); }
  Sizes sizes() const;
  Sizes shape() const { return sizes(); }
  int64_t size(int64_t d) const;
  int64_t numel() const;
  ScalarType scalar_type() const;
  ScalarType dtype() const { return scalar_type(); }

  // Realization.
  const Tensor& realize() const;
  Scalar item() const;
  template <typename T>
  T item() const {
    return item().to<T>();
  }
  // The address of the first element, realizing the tensor. Writing through
  // it changes the tensor (and its views); results recorded before from its
  // memory keep the old values (they are computed first), as in PyTorch.
  template <typename T>
  T* data_ptr() const {
    return static_cast<T*>(data_ptr_checked(scalar_type_of<T>(), /*writable=*/true));
  }
  template <typename T>
  const T* const_data_ptr() const {
    return static_cast<const T*>(data_ptr_checked(scalar_type_of<T>(), /*writable=*/false));
  }
  // PyTorch's repr: "tensor([1, 2, 3])".
  std::string str() const;

  // Conversion. The same dtype without `copy` returns this tensor itself,
  // as in PyTorch; type() is libtorch's older spelling of to(). Casts
  // truncate floats toward zero; out-of-range values and NaN converted to
  // an integer type give its lowest value (uint8 converts through int64,
  // so -1.0 becomes 255, as in PyTorch).
  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(Device device, ScalarType dtype, bool non_blocking = false, bool copy = false) const;
  Tensor to(const TensorOptions& options, bool non_blocking = false, bool copy = false) const;
  Tensor type(ScalarType dtype) const { return to(dtype); }
  // A fresh copy (its own memory once realized).
  Tensor clone() const;
  // The same value (kiln records no autograd graph to detach from).
  Tensor detach() const;
  Tensor cpu() const { return to(TensorOptions(kCPU)); }
  Tensor cuda() const { return to(TensorOptions(kCUDA)); }

  // Every tensor lives on the CPU until kiln has its CUDA backend.
  Device device() const;
  bool is_cuda() const { return device().is_cuda(); }
  bool is_cpu() const { return device().is_cpu(); }

  // Arithmetic (broadcasting, PyTorch's type promotion).
  Tensor add(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor sub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor mul(const Tensor& other) const;
  Tensor mul(const Scalar& other) const;
  Tensor div(const Tensor& other) const;
  Tensor div(const Scalar& other) const;
  Tensor neg() const;
  Tensor abs() const;
  Tensor relu() const;  // keeps -0.0 and NaN, as PyTorch's
  Tensor sign() const;
  Tensor floor() const;
  Tensor ceil() const;
  Tensor round() const;  // half to even
  Tensor sqrt() const;   // integers compute in float32
  Tensor rsqrt() const;
  // Transcendental math through libm (integers and bool compute in float32,
  // float16/bfloat16 through float). PyTorch's vectorized CPU kernels use
  // Sleef instead, so float results can differ from PyTorch's in the last
  // bit. sigmoid is 1 / (1 + exp(-x)), as PyTorch's.
  Tensor exp() const;
  Tensor log() const;
  Tensor log2() const;
  Tensor sin() const;
  Tensor cos() const;
  Tensor tanh() const;
  Tensor sigmoid() const;
  // PyTorch's special cases for scalar exponents (0, 1, 0.5, -0.5, -1, 2,
  // 3, -2) compute as its CPU kernels do; integers power by squaring,
  // wrapping. An integer tensor to a negative integer Scalar throws.
  Tensor pow(const Tensor& exponent) const;
  Tensor pow(const Scalar& exponent) const;
  // Python's modulo (the result has the divisor's sign). An integer
  // division by zero throws "ZeroDivisionError" at the call: an integer
  // tensor divisor is computed then to look for zeros.
  Tensor remainder(const Tensor& other) const;
  Tensor remainder(const Scalar& other) const;
  // Bitwise on integers, logical on bool; no float versions.
  Tensor bitwise_and(const Tensor& other) const;
  Tensor bitwise_and(const Scalar& other) const;
  Tensor bitwise_or(const Tensor& other) const;
  Tensor bitwise_or(const Scalar& other) const;
  Tensor bitwise_xor(const Tensor& other) const;
  Tensor bitwise_xor(const Scalar& other) const;
  Tensor bitwise_not() const;
  // Any dtype, read as nonzero (NaN is true); bool results.
  Tensor logical_and(const Tensor& other) const;
  Tensor logical_or(const Tensor& other) const;
  Tensor logical_xor(const Tensor& other) const;
  Tensor logical_not() const;
  // where(condition, *this, other).
  Tensor where(const Tensor& condition, const Tensor& other) const;
  // `value` where `mask` (bool; 0/1 integers as PyTorch 1.13 allows) is
  // true; the result has the broadcast shape of mask and self. A tensor
  // value must be 0-d.
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;
  // At least one bound. Scalar bounds keep a floating dtype and promote
  // others; tensor bounds promote. NaN input stays NaN; min > max gives max.
  Tensor clamp(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt) const;
  Tensor clamp(const std::optional<Tensor>& min = {}, const std::optional<Tensor>& max = {}) const;
  Tensor clamp_min(const Scalar& min) const;
  Tensor clamp_min(const Tensor& min) const;
  Tensor clamp_max(const Scalar& max) const;
  Tensor clamp_max(const Tensor& max) const;
  // NaN on either side gives NaN; a tie of -0.0 and 0.0 keeps this
  // tensor's value (PyTorch's vector kernels may keep the other's).
  Tensor maximum(const Tensor& other) const;
  Tensor minimum(const Tensor& other) const;

  // Comparisons, in the promoted dtype of both sides; the result is bool.
  Tensor eq(const Tensor& other) const;
  Tensor eq(const Scalar& other) const;
  Tensor ne(const Tensor& other) const;
  Tensor ne(const Scalar& other) const;
  Tensor lt(const Tensor& other) const;
  Tensor lt(const Scalar& other) const;
  Tensor le(const Tensor& other) const;
  Tensor le(const Scalar& other) const;
  Tensor gt(const Tensor& other) const;
  Tensor gt(const Scalar& other) const;
  Tensor ge(const Tensor& other) const;
  Tensor ge(const Scalar& other) const;

  // Reductions. `dim` takes one dim or a list ({} means every dim);
  // negative dims count from the end. Sums and products of integers and
  // bools are int64; mean needs a floating dtype. max(dim)/min(dim) give
  // (values, indices): the first occurrence wins a tie, NaN counts as the
  // max and the min. all/any give bool (uint8 for uint8).
  Tensor sum(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor prod(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor prod(int64_t dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor max() const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor amax(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor amin(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor all() const;
  Tensor any() const;
  Tensor all(int64_t dim, bool keepdim = false) const;
  Tensor any(int64_t dim, bool keepdim = false) const;

  // Matrix products with PyTorch's rank rules: matmul is dot for 1-d · 1-d,
  // mv for 2-d · 1-d, mm with a 1-d side as a row or column (dropped from
  // the result), and a batched product with broadcast batch dims otherwise.
  // Both operands must have the same dtype (no promotion, as in PyTorch);
  // bfloat16 multiplies and accumulates in float32; float16 and bool are
  // not supported, as on PyTorch's CPU.
  Tensor matmul(const Tensor& other) const;
  Tensor mm(const Tensor& mat2) const;
  Tensor bmm(const Tensor& mat2) const;
  Tensor mv(const Tensor& vec) const;
  Tensor dot(const Tensor& other) const;

  // Views: the same storage seen with other sizes, strides and offset, as
  // PyTorch computes them; nothing is copied. reshape copies only when no
  // view can describe the result (as PyTorch's), contiguous only when the
  // tensor is not contiguous. A negative dim counts from the end.
  IntArrayRef strides() const;
  int64_t storage_offset() const;
  bool is_contiguous() const;
  Tensor contiguous() const;
  Tensor view(IntArrayRef size) const;  // -1 infers one size
  Tensor reshape(IntArrayRef shape) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor t() const;
  Tensor mT() const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor expand(IntArrayRef size, bool implicit = false) const;
  Tensor expand_as(const Tensor& other) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor select(int64_t dim, int64_t index) const;
  Tensor slice(int64_t dim = 0, std::optional<int64_t> start = std::nullopt, std::optional<int64_t> end = std::nullopt,
               int64_t step = 1) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;
  std::vector<Tensor> split(int64_t split_size, int64_t dim = 0) const;
  std::vector<Tensor> split(IntArrayRef split_sizes, int64_t dim = 0) const;
  Tensor operator[](int64_t index) const;  // select(0, index)
  // t.index({0, indexing::Slice(1, indexing::None), indexing::None,
  // indexing::Ellipsis}) is Python's t[0, 1:, None, ...]: a view.
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;
  Tensor index(const std::vector<indexing::TensorIndex>& indices) const;

  // In-place ops: they change this tensor's storage, so every view of it
  // (and every handle sharing it) sees the new values; results recorded
  // before keep the old ones, as in eager PyTorch. They check as PyTorch
  // does: the result must have this tensor's shape and cast to its dtype
  // (`result type Float can't be cast to the desired output type Long`), and
  // the written tensor may not overlap itself (an expanded view) or partly
  // overlap an input.
  const Tensor& add_(const Tensor& other, const Scalar& alpha = 1) const;
  const Tensor& add_(const Scalar& other, const Scalar& alpha = 1) const;
  const Tensor& sub_(const Tensor& other, const Scalar& alpha = 1) const;
  const Tensor& sub_(const Scalar& other, const Scalar& alpha = 1) const;
  const Tensor& mul_(const Tensor& other) const;
  const Tensor& mul_(const Scalar& other) const;
  const Tensor& div_(const Tensor& other) const;
  const Tensor& div_(const Scalar& other) const;
  const Tensor& pow_(const Tensor& exponent) const;
  const Tensor& pow_(const Scalar& exponent) const;
  const Tensor& relu_() const;
  const Tensor& clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt) const;
  const Tensor& copy_(const Tensor& src, bool non_blocking = false) const;
  const Tensor& fill_(const Scalar& value) const;
  const Tensor& fill_(const Tensor& value) const;  // a 0-d value
  const Tensor& zero_() const;
  const Tensor& masked_fill_(const Tensor& mask, const Scalar& value) const;
  const Tensor& masked_fill_(const Tensor& mask, const Tensor& value) const;
  // self.index({...}) = value. Basic indices write the indexed view
  // (copy_/fill_, which convert the value's dtype); tensor indices scatter
  // into the selected elements (a tensor value must then have self's dtype,
  // as in PyTorch's index_put_; repeated indices: the last write wins).
  const Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value) const;
  const Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value) const;
  const Tensor& index_put_(const std::vector<indexing::TensorIndex>& indices, const Tensor& value) const;
  const Tensor& index_put_(const std::vector<indexing::TensorIndex>& indices, const Scalar& value) const;

  // Numerically stable (the max along `dim` is subtracted first); `dtype`
  // converts the input first. bfloat16 computes in float32.
  Tensor softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor log_softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;

  // The graph node whose value this tensor is (for kiln's own layers and
  // debugging), and the storage-sharing implementation behind the handle.
  std::shared_ptr<ir::Node> node() const;
  const std::shared_ptr<frontend::TensorImpl>& impl() const { return impl_; }

 private:
  void* data_ptr_checked(ScalarType expected, bool writable) const;

  std::shared_ptr<frontend::TensorImpl> impl_;
};

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator+(const Tensor& a, const Scalar& b);
Tensor operator+(const Scalar& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Scalar& b);
Tensor operator-(const Scalar& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Scalar& b);
Tensor operator*(const Scalar& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Scalar& b);
Tensor operator/(const Scalar& a, const Tensor& b);
Tensor operator-(const Tensor& a);
Tensor operator%(const Tensor& a, const Tensor& b);
Tensor operator%(const Tensor& a, const Scalar& b);
Tensor operator%(const Scalar& a, const Tensor& b);
Tensor operator&(const Tensor& a, const Tensor& b);
Tensor operator&(const Tensor& a, const Scalar& b);
Tensor operator&(const Scalar& a, const Tensor& b);
Tensor operator|(const Tensor& a, const Tensor& b);
Tensor operator|(const Tensor& a, const Scalar& b);
Tensor operator|(const Scalar& a, const Tensor& b);
Tensor operator^(const Tensor& a, const Tensor& b);
Tensor operator^(const Tensor& a, const Scalar& b);
Tensor operator^(const Scalar& a, const Tensor& b);
Tensor operator~(const Tensor& a);
Tensor operator==(const Tensor& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Scalar& b);
Tensor operator==(const Scalar& a, const Tensor& b);
Tensor operator!=(const Tensor& a, const Tensor& b);
Tensor operator!=(const Tensor& a, const Scalar& b);
Tensor operator!=(const Scalar& a, const Tensor& b);
Tensor operator<(const Tensor& a, const Tensor& b);
Tensor operator<(const Tensor& a, const Scalar& b);
Tensor operator<(const Scalar& a, const Tensor& b);
Tensor operator<=(const Tensor& a, const Tensor& b);
Tensor operator<=(const Tensor& a, const Scalar& b);
Tensor operator<=(const Scalar& a, const Tensor& b);
Tensor operator>(const Tensor& a, const Tensor& b);
Tensor operator>(const Tensor& a, const Scalar& b);
Tensor operator>(const Scalar& a, const Tensor& b);
Tensor operator>=(const Tensor& a, const Tensor& b);
Tensor operator>=(const Tensor& a, const Scalar& b);
Tensor operator>=(const Scalar& a, const Tensor& b);

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Scalar& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Scalar& b);
Tensor neg(const Tensor& a);
Tensor abs(const Tensor& a);
Tensor relu(const Tensor& a);
Tensor sign(const Tensor& a);
Tensor floor(const Tensor& a);
Tensor ceil(const Tensor& a);
Tensor round(const Tensor& a);
Tensor sqrt(const Tensor& a);
Tensor rsqrt(const Tensor& a);
Tensor exp(const Tensor& a);
Tensor log(const Tensor& a);
Tensor log2(const Tensor& a);
Tensor sin(const Tensor& a);
Tensor cos(const Tensor& a);
Tensor tanh(const Tensor& a);
Tensor sigmoid(const Tensor& a);
Tensor pow(const Tensor& base, const Tensor& exponent);
Tensor pow(const Tensor& base, const Scalar& exponent);
Tensor pow(const Scalar& base, const Tensor& exponent);
Tensor remainder(const Tensor& a, const Tensor& b);
Tensor remainder(const Tensor& a, const Scalar& b);
Tensor remainder(const Scalar& a, const Tensor& b);
Tensor bitwise_and(const Tensor& a, const Tensor& b);
Tensor bitwise_and(const Tensor& a, const Scalar& b);
Tensor bitwise_and(const Scalar& a, const Tensor& b);
Tensor bitwise_or(const Tensor& a, const Tensor& b);
Tensor bitwise_or(const Tensor& a, const Scalar& b);
Tensor bitwise_or(const Scalar& a, const Tensor& b);
Tensor bitwise_xor(const Tensor& a, const Tensor& b);
Tensor bitwise_xor(const Tensor& a, const Scalar& b);
Tensor bitwise_xor(const Scalar& a, const Tensor& b);
Tensor bitwise_not(const Tensor& a);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor logical_xor(const Tensor& a, const Tensor& b);
Tensor logical_not(const Tensor& a);
Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other);
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other);
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other);
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value);
Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt);
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min = {}, const std::optional<Tensor>& max = {});
Tensor clamp_min(const Tensor& self, const Scalar& min);
Tensor clamp_min(const Tensor& self, const Tensor& min);
Tensor clamp_max(const Tensor& self, const Scalar& max);
Tensor clamp_max(const Tensor& self, const Tensor& max);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
Tensor eq(const Tensor& a, const Tensor& b);
Tensor ne(const Tensor& a, const Tensor& b);
Tensor lt(const Tensor& a, const Tensor& b);
Tensor le(const Tensor& a, const Tensor& b);
Tensor gt(const Tensor& a, const Tensor& b);
Tensor ge(const Tensor& a, const Tensor& b);
Tensor sum(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt);
Tensor sum(const Tensor& a, IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& a, IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& a, int64_t dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt);
Tensor max(const Tensor& a);
Tensor min(const Tensor& a);
std::tuple<Tensor, Tensor> max(const Tensor& a, int64_t dim, bool keepdim = false);
std::tuple<Tensor, Tensor> min(const Tensor& a, int64_t dim, bool keepdim = false);
// libtorch's two-tensor max/min: maximum/minimum.
Tensor max(const Tensor& a, const Tensor& b);
Tensor min(const Tensor& a, const Tensor& b);
Tensor amax(const Tensor& a, IntArrayRef dim = {}, bool keepdim = false);
Tensor amin(const Tensor& a, IntArrayRef dim = {}, bool keepdim = false);
Tensor argmax(const Tensor& a, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& a, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor all(const Tensor& a);
Tensor any(const Tensor& a);
Tensor all(const Tensor& a, int64_t dim, bool keepdim = false);
Tensor any(const Tensor& a, int64_t dim, bool keepdim = false);

Tensor softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor mm(const Tensor& a, const Tensor& b);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& a, const Tensor& v);
Tensor dot(const Tensor& a, const Tensor& b);

// libtorch's TensorList: a braced list {a, b} or a std::vector<Tensor>.
using TensorList = std::vector<Tensor>;
// Joining (PyTorch's dtype promotion across the inputs; the result is a new
// tensor, never a view). cat skips inputs of shape [0] whatever `dim` is,
// as PyTorch's does; vstack joins the inputs made at least 2-d along 0,
// hstack the inputs made at least 1-d along 1 (along 0 when 1-d).
Tensor cat(const TensorList& tensors, int64_t dim = 0);
Tensor stack(const TensorList& tensors, int64_t dim = 0);
Tensor vstack(const TensorList& tensors);
Tensor hstack(const TensorList& tensors);

// Realizes all of `tensors` together: shared work is computed once.
void realize(const std::vector<Tensor>& tensors);

std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace kiln
