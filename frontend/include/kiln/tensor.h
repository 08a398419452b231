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

#include <kiln/caller.h>
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
  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false, KILN_CALLER) const;
  Tensor to(Device device, ScalarType dtype, bool non_blocking = false, bool copy = false, KILN_CALLER) const;
  Tensor to(const TensorOptions& options, bool non_blocking = false, bool copy = false, KILN_CALLER) const;
  Tensor type(ScalarType dtype, KILN_CALLER) const { return to(dtype, false, false, caller); }
  // A fresh copy (its own memory once realized).
  Tensor clone(KILN_CALLER) const;
  // The same value (kiln records no autograd graph to detach from).
  Tensor detach() const;
  Tensor cpu(KILN_CALLER) const { return to(TensorOptions(kCPU), false, false, caller); }
  Tensor cuda(KILN_CALLER) const { return to(TensorOptions(kCUDA), false, false, caller); }

  // Every tensor lives on the CPU until kiln has its CUDA backend.
  Device device() const;
  bool is_cuda() const { return device().is_cuda(); }
  bool is_cpu() const { return device().is_cpu(); }

  // Arithmetic (broadcasting, PyTorch's type promotion).
  Tensor add(const Tensor& other, const Scalar& alpha = 1, KILN_CALLER) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1, KILN_CALLER) const;
  Tensor sub(const Tensor& other, const Scalar& alpha = 1, KILN_CALLER) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1, KILN_CALLER) const;
  Tensor mul(const Tensor& other, KILN_CALLER) const;
  Tensor mul(const Scalar& other, KILN_CALLER) const;
  Tensor div(const Tensor& other, KILN_CALLER) const;
  Tensor div(const Scalar& other, KILN_CALLER) const;
  Tensor neg(KILN_CALLER) const;
  Tensor abs(KILN_CALLER) const;
  Tensor relu(KILN_CALLER) const;  // keeps -0.0 and NaN, as PyTorch's
  Tensor sign(KILN_CALLER) const;
  Tensor floor(KILN_CALLER) const;
  Tensor ceil(KILN_CALLER) const;
  Tensor round(KILN_CALLER) const;  // half to even
  Tensor sqrt(KILN_CALLER) const;   // integers compute in float32
  Tensor rsqrt(KILN_CALLER) const;
  // Transcendental math through libm (integers and bool compute in float32,
  // float16/bfloat16 through float). PyTorch's vectorized CPU kernels use
  // Sleef instead, so float results can differ from PyTorch's in the last
  // bit. sigmoid is 1 / (1 + exp(-x)), as PyTorch's.
  Tensor exp(KILN_CALLER) const;
  Tensor log(KILN_CALLER) const;
  Tensor log2(KILN_CALLER) const;
  Tensor sin(KILN_CALLER) const;
  Tensor cos(KILN_CALLER) const;
  Tensor tanh(KILN_CALLER) const;
  Tensor sigmoid(KILN_CALLER) const;
  // PyTorch's special cases for scalar exponents (0, 1, 0.5, -0.5, -1, 2,
  // 3, -2) compute as its CPU kernels do; integers power by squaring,
  // wrapping. An integer tensor to a negative integer Scalar throws.
  Tensor pow(const Tensor& exponent, KILN_CALLER) const;
  Tensor pow(const Scalar& exponent, KILN_CALLER) const;
  // Python's modulo (the result has the divisor's sign). An integer
  // division by zero throws "ZeroDivisionError" at the call: an integer
  // tensor divisor is computed then to look for zeros.
  Tensor remainder(const Tensor& other, KILN_CALLER) const;
  Tensor remainder(const Scalar& other, KILN_CALLER) const;
  // Bitwise on integers, logical on bool; no float versions.
  Tensor bitwise_and(const Tensor& other, KILN_CALLER) const;
  Tensor bitwise_and(const Scalar& other, KILN_CALLER) const;
  Tensor bitwise_or(const Tensor& other, KILN_CALLER) const;
  Tensor bitwise_or(const Scalar& other, KILN_CALLER) const;
  Tensor bitwise_xor(const Tensor& other, KILN_CALLER) const;
  Tensor bitwise_xor(const Scalar& other, KILN_CALLER) const;
  Tensor bitwise_not(KILN_CALLER) const;
  // Any dtype, read as nonzero (NaN is true); bool results.
  Tensor logical_and(const Tensor& other, KILN_CALLER) const;
  Tensor logical_or(const Tensor& other, KILN_CALLER) const;
  Tensor logical_xor(const Tensor& other, KILN_CALLER) const;
  Tensor logical_not(KILN_CALLER) const;
  // where(condition, *this, other).
  Tensor where(const Tensor& condition, const Tensor& other, KILN_CALLER) const;
  // `value` where `mask` (bool; 0/1 integers as PyTorch 1.13 allows) is
  // true; the result has the broadcast shape of mask and self. A tensor
  // value must be 0-d.
  Tensor masked_fill(const Tensor& mask, const Scalar& value, KILN_CALLER) const;
  Tensor masked_fill(const Tensor& mask, const Tensor& value, KILN_CALLER) const;
  // At least one bound. Scalar bounds keep a floating dtype and promote
  // others; tensor bounds promote. NaN input stays NaN; min > max gives max.
  Tensor clamp(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt, KILN_CALLER) const;
  Tensor clamp(const std::optional<Tensor>& min = {}, const std::optional<Tensor>& max = {}, KILN_CALLER) const;
  Tensor clamp_min(const Scalar& min, KILN_CALLER) const;
  Tensor clamp_min(const Tensor& min, KILN_CALLER) const;
  Tensor clamp_max(const Scalar& max, KILN_CALLER) const;
  Tensor clamp_max(const Tensor& max, KILN_CALLER) const;
  // NaN on either side gives NaN; a tie of -0.0 and 0.0 keeps this
  // tensor's value (PyTorch's vector kernels may keep the other's).
  Tensor maximum(const Tensor& other, KILN_CALLER) const;
  Tensor minimum(const Tensor& other, KILN_CALLER) const;

  // Comparisons, in the promoted dtype of both sides; the result is bool.
  Tensor eq(const Tensor& other, KILN_CALLER) const;
  Tensor eq(const Scalar& other, KILN_CALLER) const;
  Tensor ne(const Tensor& other, KILN_CALLER) const;
  Tensor ne(const Scalar& other, KILN_CALLER) const;
  Tensor lt(const Tensor& other, KILN_CALLER) const;
  Tensor lt(const Scalar& other, KILN_CALLER) const;
  Tensor le(const Tensor& other, KILN_CALLER) const;
  Tensor le(const Scalar& other, KILN_CALLER) const;
  Tensor gt(const Tensor& other, KILN_CALLER) const;
  Tensor gt(const Scalar& other, KILN_CALLER) const;
  Tensor ge(const Tensor& other, KILN_CALLER) const;
  Tensor ge(const Scalar& other, KILN_CALLER) const;

  // Reductions. `dim` takes one dim or a list ({} means every dim);
  // negative dims count from the end. Sums and products of integers and
  // bools are int64; mean needs a floating dtype. max(dim)/min(dim) give
  // (values, indices): the first occurrence wins a tie, NaN counts as the
  // max and the min. all/any give bool (uint8 for uint8).
  Tensor sum(std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor mean(std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor prod(std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor prod(int64_t dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor max(KILN_CALLER) const;
  Tensor min(KILN_CALLER) const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false, KILN_CALLER) const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false, KILN_CALLER) const;
  Tensor amax(IntArrayRef dim = {}, bool keepdim = false, KILN_CALLER) const;
  Tensor amin(IntArrayRef dim = {}, bool keepdim = false, KILN_CALLER) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false, KILN_CALLER) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false, KILN_CALLER) const;
  Tensor all(KILN_CALLER) const;
  Tensor any(KILN_CALLER) const;
  Tensor all(int64_t dim, bool keepdim = false, KILN_CALLER) const;
  Tensor any(int64_t dim, bool keepdim = false, KILN_CALLER) const;

  // Matrix products with PyTorch's rank rules: matmul is dot for 1-d · 1-d,
  // mv for 2-d · 1-d, mm with a 1-d side as a row or column (dropped from
  // the result), and a batched product with broadcast batch dims otherwise.
  // Both operands must have the same dtype (no promotion, as in PyTorch);
  // bfloat16 multiplies and accumulates in float32; float16 and bool are
  // not supported, as on PyTorch's CPU.
  Tensor matmul(const Tensor& other, KILN_CALLER) const;
  Tensor mm(const Tensor& mat2, KILN_CALLER) const;
  Tensor bmm(const Tensor& mat2, KILN_CALLER) const;
  Tensor mv(const Tensor& vec, KILN_CALLER) const;
  Tensor dot(const Tensor& other, KILN_CALLER) const;

  // Views: the same storage seen with other sizes, strides and offset, as
  // PyTorch computes them; nothing is copied. reshape copies only when no
  // view can describe the result (as PyTorch's), contiguous only when the
  // tensor is not contiguous. A negative dim counts from the end.
  IntArrayRef strides() const;
  int64_t storage_offset() const;
  bool is_contiguous() const;
  Tensor contiguous(KILN_CALLER) const;
  Tensor view(IntArrayRef size) const;  // -1 infers one size
  Tensor reshape(IntArrayRef shape, KILN_CALLER) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1, KILN_CALLER) const;
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
  Tensor index(std::initializer_list<indexing::TensorIndex> indices, KILN_CALLER) const;
  Tensor index(const std::vector<indexing::TensorIndex>& indices, KILN_CALLER) const;

  // In-place ops: they change this tensor's storage, so every view of it
  // (and every handle sharing it) sees the new values; results recorded
  // before keep the old ones, as in eager PyTorch. They check as PyTorch
  // does: the result must have this tensor's shape and cast to its dtype
  // (`result type Float can't be cast to the desired output type Long`), and
  // the written tensor may not overlap itself (an expanded view) or partly
  // overlap an input.
  const Tensor& add_(const Tensor& other, const Scalar& alpha = 1, KILN_CALLER) const;
  const Tensor& add_(const Scalar& other, const Scalar& alpha = 1, KILN_CALLER) const;
  const Tensor& sub_(const Tensor& other, const Scalar& alpha = 1, KILN_CALLER) const;
  const Tensor& sub_(const Scalar& other, const Scalar& alpha = 1, KILN_CALLER) const;
  const Tensor& mul_(const Tensor& other, KILN_CALLER) const;
  const Tensor& mul_(const Scalar& other, KILN_CALLER) const;
  const Tensor& div_(const Tensor& other, KILN_CALLER) const;
  const Tensor& div_(const Scalar& other, KILN_CALLER) const;
  const Tensor& pow_(const Tensor& exponent, KILN_CALLER) const;
  const Tensor& pow_(const Scalar& exponent, KILN_CALLER) const;
  const Tensor& relu_(KILN_CALLER) const;
  const Tensor& clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt,
                       KILN_CALLER) const;
  const Tensor& copy_(const Tensor& src, bool non_blocking = false, KILN_CALLER) const;
  const Tensor& fill_(const Scalar& value, KILN_CALLER) const;
  const Tensor& fill_(const Tensor& value, KILN_CALLER) const;  // a 0-d value
  const Tensor& zero_(KILN_CALLER) const;
  const Tensor& masked_fill_(const Tensor& mask, const Scalar& value, KILN_CALLER) const;
  const Tensor& masked_fill_(const Tensor& mask, const Tensor& value, KILN_CALLER) const;
  // self.index({...}) = value. Basic indices write the indexed view
  // (copy_/fill_, which convert the value's dtype); tensor indices scatter
  // into the selected elements (a tensor value must then have self's dtype,
  // as in PyTorch's index_put_; repeated indices: the last write wins).
  const Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value,
                           KILN_CALLER) const;
  const Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value,
                           KILN_CALLER) const;
  const Tensor& index_put_(const std::vector<indexing::TensorIndex>& indices, const Tensor& value, KILN_CALLER) const;
  const Tensor& index_put_(const std::vector<indexing::TensorIndex>& indices, const Scalar& value, KILN_CALLER) const;

  // Numerically stable (the max along `dim` is subtracted first); `dtype`
  // converts the input first. bfloat16 computes in float32.
  Tensor softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;
  Tensor log_softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER) const;

  // The graph node whose value this tensor is (for kiln's own layers and
  // debugging), and the storage-sharing implementation behind the handle.
  std::shared_ptr<ir::Node> node() const;
  const std::shared_ptr<frontend::TensorImpl>& impl() const { return impl_; }

 private:
  void* data_ptr_checked(ScalarType expected, bool writable) const;

  std::shared_ptr<frontend::TensorImpl> impl_;
};

Tensor operator+(TensorOperand a, const Tensor& b);
Tensor operator+(TensorOperand a, const Scalar& b);
Tensor operator+(const Scalar& a, TensorOperand b);
Tensor operator-(TensorOperand a, const Tensor& b);
Tensor operator-(TensorOperand a, const Scalar& b);
Tensor operator-(const Scalar& a, TensorOperand b);
Tensor operator*(TensorOperand a, const Tensor& b);
Tensor operator*(TensorOperand a, const Scalar& b);
Tensor operator*(const Scalar& a, TensorOperand b);
Tensor operator/(TensorOperand a, const Tensor& b);
Tensor operator/(TensorOperand a, const Scalar& b);
Tensor operator/(const Scalar& a, TensorOperand b);
Tensor operator-(TensorOperand a);
Tensor operator%(TensorOperand a, const Tensor& b);
Tensor operator%(TensorOperand a, const Scalar& b);
Tensor operator%(const Scalar& a, TensorOperand b);
Tensor operator&(TensorOperand a, const Tensor& b);
Tensor operator&(TensorOperand a, const Scalar& b);
Tensor operator&(const Scalar& a, TensorOperand b);
Tensor operator|(TensorOperand a, const Tensor& b);
Tensor operator|(TensorOperand a, const Scalar& b);
Tensor operator|(const Scalar& a, TensorOperand b);
Tensor operator^(TensorOperand a, const Tensor& b);
Tensor operator^(TensorOperand a, const Scalar& b);
Tensor operator^(const Scalar& a, TensorOperand b);
Tensor operator~(TensorOperand a);
Tensor operator==(TensorOperand a, const Tensor& b);
Tensor operator==(TensorOperand a, const Scalar& b);
Tensor operator==(const Scalar& a, TensorOperand b);
Tensor operator!=(TensorOperand a, const Tensor& b);
Tensor operator!=(TensorOperand a, const Scalar& b);
Tensor operator!=(const Scalar& a, TensorOperand b);
Tensor operator<(TensorOperand a, const Tensor& b);
Tensor operator<(TensorOperand a, const Scalar& b);
Tensor operator<(const Scalar& a, TensorOperand b);
Tensor operator<=(TensorOperand a, const Tensor& b);
Tensor operator<=(TensorOperand a, const Scalar& b);
Tensor operator<=(const Scalar& a, TensorOperand b);
Tensor operator>(TensorOperand a, const Tensor& b);
Tensor operator>(TensorOperand a, const Scalar& b);
Tensor operator>(const Scalar& a, TensorOperand b);
Tensor operator>=(TensorOperand a, const Tensor& b);
Tensor operator>=(TensorOperand a, const Scalar& b);
Tensor operator>=(const Scalar& a, TensorOperand b);

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1, KILN_CALLER);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1, KILN_CALLER);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1, KILN_CALLER);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1, KILN_CALLER);
Tensor mul(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor mul(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor div(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor div(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor neg(const Tensor& a, KILN_CALLER);
Tensor abs(const Tensor& a, KILN_CALLER);
Tensor relu(const Tensor& a, KILN_CALLER);
Tensor sign(const Tensor& a, KILN_CALLER);
Tensor floor(const Tensor& a, KILN_CALLER);
Tensor ceil(const Tensor& a, KILN_CALLER);
Tensor round(const Tensor& a, KILN_CALLER);
Tensor sqrt(const Tensor& a, KILN_CALLER);
Tensor rsqrt(const Tensor& a, KILN_CALLER);
Tensor exp(const Tensor& a, KILN_CALLER);
Tensor log(const Tensor& a, KILN_CALLER);
Tensor log2(const Tensor& a, KILN_CALLER);
Tensor sin(const Tensor& a, KILN_CALLER);
Tensor cos(const Tensor& a, KILN_CALLER);
Tensor tanh(const Tensor& a, KILN_CALLER);
Tensor sigmoid(const Tensor& a, KILN_CALLER);
Tensor pow(const Tensor& base, const Tensor& exponent, KILN_CALLER);
Tensor pow(const Tensor& base, const Scalar& exponent, KILN_CALLER);
Tensor pow(const Scalar& base, const Tensor& exponent, KILN_CALLER);
Tensor remainder(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor remainder(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor remainder(const Scalar& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_and(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_and(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor bitwise_and(const Scalar& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_or(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_or(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor bitwise_or(const Scalar& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_xor(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_xor(const Tensor& a, const Scalar& b, KILN_CALLER);
Tensor bitwise_xor(const Scalar& a, const Tensor& b, KILN_CALLER);
Tensor bitwise_not(const Tensor& a, KILN_CALLER);
Tensor logical_and(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor logical_or(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor logical_xor(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor logical_not(const Tensor& a, KILN_CALLER);
Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other, KILN_CALLER);
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other, KILN_CALLER);
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other, KILN_CALLER);
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other, KILN_CALLER);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value, KILN_CALLER);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value, KILN_CALLER);
Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max = std::nullopt,
             KILN_CALLER);
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min = {}, const std::optional<Tensor>& max = {},
             KILN_CALLER);
Tensor clamp_min(const Tensor& self, const Scalar& min, KILN_CALLER);
Tensor clamp_min(const Tensor& self, const Tensor& min, KILN_CALLER);
Tensor clamp_max(const Tensor& self, const Scalar& max, KILN_CALLER);
Tensor clamp_max(const Tensor& self, const Tensor& max, KILN_CALLER);
Tensor maximum(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor minimum(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor eq(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor ne(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor lt(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor le(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor gt(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor ge(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor sum(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER);
Tensor sum(const Tensor& a, IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt,
           KILN_CALLER);
Tensor mean(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER);
Tensor mean(const Tensor& a, IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt,
            KILN_CALLER);
Tensor prod(const Tensor& a, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER);
Tensor prod(const Tensor& a, int64_t dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt,
            KILN_CALLER);
Tensor max(const Tensor& a, KILN_CALLER);
Tensor min(const Tensor& a, KILN_CALLER);
std::tuple<Tensor, Tensor> max(const Tensor& a, int64_t dim, bool keepdim = false, KILN_CALLER);
std::tuple<Tensor, Tensor> min(const Tensor& a, int64_t dim, bool keepdim = false, KILN_CALLER);
// libtorch's two-tensor max/min: maximum/minimum.
Tensor max(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor min(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor amax(const Tensor& a, IntArrayRef dim = {}, bool keepdim = false, KILN_CALLER);
Tensor amin(const Tensor& a, IntArrayRef dim = {}, bool keepdim = false, KILN_CALLER);
Tensor argmax(const Tensor& a, std::optional<int64_t> dim = std::nullopt, bool keepdim = false, KILN_CALLER);
Tensor argmin(const Tensor& a, std::optional<int64_t> dim = std::nullopt, bool keepdim = false, KILN_CALLER);
Tensor all(const Tensor& a, KILN_CALLER);
Tensor any(const Tensor& a, KILN_CALLER);
Tensor all(const Tensor& a, int64_t dim, bool keepdim = false, KILN_CALLER);
Tensor any(const Tensor& a, int64_t dim, bool keepdim = false, KILN_CALLER);

Tensor softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER);
Tensor log_softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype = std::nullopt, KILN_CALLER);
Tensor matmul(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor mm(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor bmm(const Tensor& a, const Tensor& b, KILN_CALLER);
Tensor mv(const Tensor& a, const Tensor& v, KILN_CALLER);
Tensor dot(const Tensor& a, const Tensor& b, KILN_CALLER);

// libtorch's TensorList: a braced list {a, b} or a std::vector<Tensor>.
using TensorList = std::vector<Tensor>;
// Joining (PyTorch's dtype promotion across the inputs; the result is a new
// tensor, never a view). cat skips inputs of shape [0] whatever `dim` is,
// as PyTorch's does; vstack joins the inputs made at least 2-d along 0,
// hstack the inputs made at least 1-d along 1 (along 0 when 1-d).
Tensor cat(const TensorList& tensors, int64_t dim = 0, KILN_CALLER);
Tensor stack(const TensorList& tensors, int64_t dim = 0, KILN_CALLER);
Tensor vstack(const TensorList& tensors, KILN_CALLER);
Tensor hstack(const TensorList& tensors, KILN_CALLER);

// Realizes all of `tensors` together: shared work is computed once.
void realize(const std::vector<Tensor>& tensors);

std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace kiln
