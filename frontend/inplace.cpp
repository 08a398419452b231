// In-place ops, functionally: a write makes the storage's value a new
// Assign node (the old value with the written region replaced), so every
// view of the storage reads the new value, and whatever was recorded before
// keeps reading the old one. The result is computed by the out-of-place op
// (its checks and dtype rules), then checked against the written tensor as
// PyTorch checks an in-place op's output.
#include <algorithm>
#include <functional>
#include <string>

#include <kiln/tensor.h>

#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/scalar_io.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::TensorImpl;

const std::string kClone = " Please clone() the tensor before performing the operation.";

// The element range [first, last] a view reaches.
std::pair<int64_t, int64_t> extent(const TensorImpl& t) {
  int64_t lo = t.offset, hi = t.offset;
  for (size_t d = 0; d < t.sizes.size(); ++d) (t.strides[d] < 0 ? lo : hi) += (t.sizes[d] - 1) * t.strides[d];
  return {lo, hi};
}

// Whether the view's elements are distinct and fill its range.
bool non_overlapping_and_dense(const TensorImpl& t) {
  std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size) of dims longer than 1
  for (size_t d = 0; d < t.sizes.size(); ++d)
    if (t.sizes[d] != 1) dims.emplace_back(t.strides[d], t.sizes[d]);
  std::sort(dims.begin(), dims.end());
  int64_t expected = 1;
  for (auto [stride, size] : dims) {
    if (stride != expected) return false;
    expected *= size;
  }
  return true;
}

// PyTorch's overlap checks for writing `self` while reading `inputs`.
void check_overlap(const TensorImpl& self, const std::vector<const Tensor*>& inputs) {
  if (ir::numel(self.sizes) == 0) return;  // an empty tensor is dense, however expanded
  for (size_t d = 0; d < self.sizes.size(); ++d) {
    if (self.strides[d] == 0 && self.sizes[d] > 1) {
      throw Error("unsupported operation: more than one element of the written-to tensor refers to a single memory "
                  "location." + kClone);
    }
  }
  for (const Tensor* in : inputs) {
    const TensorImpl& other = frontend::impl_of(*in);
    if (other.storage != self.storage || &other == &self) continue;
    if (ir::numel(other.sizes) == 0) continue;
    if (!non_overlapping_and_dense(self) || !non_overlapping_and_dense(other)) continue;
    bool same = other.sizes == self.sizes && other.strides == self.strides && other.offset == self.offset;
    auto [a_lo, a_hi] = extent(self);
    auto [b_lo, b_hi] = extent(other);
    if (!same && a_lo <= b_hi && b_lo <= a_hi) {
      throw Error("unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
                  "single memory location." + kClone);
    }
  }
}

// PyTorch's canCast: no float into an integer, nothing but bool into bool.
bool can_cast(ScalarType from, ScalarType to) {
  if (ir::is_floating(from) && !ir::is_floating(to)) return false;
  if (from != kBool && to == kBool) return false;
  return true;
}

// The C++ type name PyTorch's TypeMeta prints, in the errors that name a
// dtype by it.
std::string_view type_meta_name(ScalarType t) {
  switch (t) {
    case kBool:
      return "bool";
    case kUInt8:
      return "unsigned char";
    case kInt8:
      return "signed char";
    case kInt16:
      return "short int";
    case kInt32:
      return "int";
    case kInt64:
      return "long int";
    case kFloat16:
      return "c10::Half";
    case kBFloat16:
      return "c10::BFloat16";
    case kFloat32:
      return "float";
    default:
      return "double";
  }
}

// Makes `value` (self's shape, any dtype) the new contents of `self`'s view.
void write(const Tensor& self, const Tensor& value) {
  const TensorImpl& t = frontend::impl_of(self);
  ir::NodePtr v = frontend::cast_to(frontend::node_of(value), t.dtype);
  v = frontend::broadcast_to(std::move(v), t.sizes);
  t.storage->base = ir::make_assign(t.storage->base, std::move(v), t.strides, t.offset);
  frontend::bound_pending(t.storage->base);
}

// `self op= ...` where `result` computes the out-of-place op.
const Tensor& update(const Tensor& self, const std::vector<const Tensor*>& inputs,
                     const std::function<Tensor()>& result) {
  check_overlap(frontend::impl_of(self), inputs);
  Tensor r = result();
  if (r.sizes() != self.sizes()) {
    throw Error("output with shape " + ir::to_string(self.sizes().vec()) + " doesn't match the broadcast shape " +
                ir::to_string(r.sizes().vec()));
  }
  if (!can_cast(r.scalar_type(), self.scalar_type())) {
    throw Error("result type " + std::string(ir::cpp_name(r.scalar_type())) +
                " can't be cast to the desired output type " + std::string(ir::cpp_name(self.scalar_type())));
  }
  write(self, r);
  return self;
}

// libtorch's set_item copy (copy_to in ATen/TensorIndexing.h), which
// Python's `x[...] = value` shares: a value of the view's shape is copied;
// a 0-d one fills; any other drops its leading size-1 dims and is expanded
// to the view first, so a mismatch gives expand's error ("The expanded size
// of the tensor (2) must match the existing size (3) ...") rather than
// copy_'s broadcast error, and the overlap checks see the expanded value.
void copy_to(const Tensor& dst, const Tensor& src) {
  if (dst.sizes() == src.sizes()) {
    dst.copy_(src);
    return;
  }
  if (src.dim() == 0) {
    dst.fill_(src);
    return;
  }
  std::vector<int64_t> sizes = src.sizes().vec();
  auto first = std::find_if(sizes.begin(), sizes.end(), [](int64_t s) { return s != 1; });
  dst.copy_(src.view(Sizes(std::vector<int64_t>(first, sizes.end()))).expand(dst.sizes()));
}

}  // namespace

const Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha) const {
  return update(*this, {&other}, [&] { return add(other, alpha); });
}
const Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha) const {
  return update(*this, {}, [&] { return add(other, alpha); });
}
const Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha) const {
  return update(*this, {&other}, [&] { return sub(other, alpha); });
}
const Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha) const {
  return update(*this, {}, [&] { return sub(other, alpha); });
}
const Tensor& Tensor::mul_(const Tensor& other) const { return update(*this, {&other}, [&] { return mul(other); }); }
const Tensor& Tensor::mul_(const Scalar& other) const { return update(*this, {}, [&] { return mul(other); }); }
const Tensor& Tensor::div_(const Tensor& other) const { return update(*this, {&other}, [&] { return div(other); }); }
const Tensor& Tensor::div_(const Scalar& other) const { return update(*this, {}, [&] { return div(other); }); }
const Tensor& Tensor::pow_(const Tensor& exponent) const {
  return update(*this, {&exponent}, [&] { return pow(exponent); });
}
const Tensor& Tensor::pow_(const Scalar& exponent) const {
  return update(*this, {}, [&] {
    // PyTorch computes into this tensor, which must have the result's dtype
    // (even where a cast would do: int64.pow_(2.0) throws).
    Tensor r = pow(exponent);
    if (r.scalar_type() != scalar_type()) {
      throw Error("Found dtype " + std::string(ir::cpp_name(scalar_type())) + " but expected " +
                  std::string(ir::cpp_name(r.scalar_type())));
    }
    return r;
  });
}
const Tensor& Tensor::relu_() const { return update(*this, {}, [&] { return relu(); }); }
const Tensor& Tensor::clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max) const {
  return update(*this, {}, [&] {
    // PyTorch's clamp_ names the output dtype by its C++ type ("long int").
    Tensor r = clamp(min, max);
    if (!can_cast(r.scalar_type(), scalar_type())) {
      throw Error("result type " + std::string(ir::cpp_name(r.scalar_type())) +
                  " can't be cast to the desired output type " + std::string(type_meta_name(scalar_type())));
    }
    return r;
  });
}

const Tensor& Tensor::copy_(const Tensor& src, bool /*non_blocking*/) const {
  // A tensor copied into itself is left alone, before any check (PyTorch's
  // copy_ returns early for the same TensorImpl).
  if (src.impl() == impl()) return *this;
  // Any dtype converts. src broadcasts with this tensor as TensorIterator
  // broadcasts: a mismatch gives the broadcast error ("The size of tensor a
  // (3) must match the size of tensor b (2)"), a src with more dims the
  // output-shape error (update's).
  return update(*this, {&src}, [&] {
    ir::Shape shape = frontend::broadcast_or_throw({frontend::of(*this), frontend::of(src)});
    return src.to(scalar_type()).expand(Sizes(shape));
  });
}

// fill_ checks no overlap, as PyTorch's: every element of an expanded view
// gets the same value, and a tensor value is read before the write.
const Tensor& Tensor::fill_(const Scalar& value) const {
  ir::NodePtr v = ir::make_const(scalar_type(), frontend::checked_literal(value, scalar_type()));
  write(*this, Tensor(frontend::broadcast_to(std::move(v), frontend::impl_of(*this).sizes)));
  return *this;
}

const Tensor& Tensor::fill_(const Tensor& value) const {
  if (value.dim() != 0) {
    throw Error("fill_ only supports 0-dimension value tensor but got tensor with " + std::to_string(value.dim()) +
                " dimensions.");
  }
  // Converted as PyTorch's fill_ converts value.item(), without a cast check.
  write(*this, value);
  return *this;
}

const Tensor& Tensor::zero_() const { return fill_(0); }

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value) const {
  copy_to(index(indices), value);
  return *this;
}

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value) const {
  index(indices).fill_(value);
  return *this;
}

}  // namespace kiln
