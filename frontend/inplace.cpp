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

#include "frontend/caller.h"
#include "frontend/advanced_index.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/overlap.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::TensorImpl;

// PyTorch's overlap checks for writing `self` while reading `inputs`.
void check_overlap(const TensorImpl& self, const std::vector<const Tensor*>& inputs) {
  frontend::assert_no_internal_overlap(self);
  for (const Tensor* in : inputs) frontend::assert_no_partial_overlap(self, frontend::impl_of(*in));
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
  frontend::check_inplace_shape(self.sizes().vec(), r.sizes().vec());
  if (!can_cast(r.scalar_type(), self.scalar_type())) {
    throw Error("result type " + std::string(ir::cpp_name(r.scalar_type())) +
                " can't be cast to the desired output type " + std::string(ir::cpp_name(self.scalar_type())));
  }
  write(self, r);
  return self;
}

// The value without its leading size-1 dims (libtorch's slicePrefix1sSize):
// set_item drops them before broadcasting it to what it writes. Without
// any, the value itself, which the overlap checks see as the same tensor.
Tensor without_leading_ones(const Tensor& value) {
  std::vector<int64_t> sizes = value.sizes().vec();
  auto first = std::find_if(sizes.begin(), sizes.end(), [](int64_t s) { return s != 1; });
  if (first == sizes.begin()) return value;
  return value.view(Sizes(std::vector<int64_t>(first, sizes.end())));
}

// relu_ and sub_ refuse bool operands before anything else, the overlap
// checks included (PyTorch's relu_ and sub_check): the out-of-place op
// throws that error first.
void check_bool_first(bool any_bool, const std::function<Tensor()>& op) {
  if (any_bool) (void)op();
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
  dst.copy_(without_leading_ones(src).expand(dst.sizes()));
}

}  // namespace

const Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {&other}, [&] { return add(other, alpha); });
}
const Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {}, [&] { return add(other, alpha); });
}
const Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  check_bool_first(scalar_type() == kBool || other.scalar_type() == kBool, [&] { return sub(other, alpha); });
  return update(*this, {&other}, [&] { return sub(other, alpha); });
}
const Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  check_bool_first(scalar_type() == kBool || other.isBoolean(), [&] { return sub(other, alpha); });
  return update(*this, {}, [&] { return sub(other, alpha); });
}
const Tensor& Tensor::mul_(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {&other}, [&] { return mul(other); });
}
const Tensor& Tensor::mul_(const Scalar& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {}, [&] { return mul(other); });
}
const Tensor& Tensor::div_(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {&other}, [&] { return div(other); });
}
const Tensor& Tensor::div_(const Scalar& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {}, [&] { return div(other); });
}
const Tensor& Tensor::pow_(const Tensor& exponent, Caller caller) const {
  const frontend::AtCaller here(caller);
  return update(*this, {&exponent}, [&] { return pow(exponent); });
}
const Tensor& Tensor::pow_(const Scalar& exponent, Caller caller) const {
  const frontend::AtCaller here(caller);
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
const Tensor& Tensor::relu_(Caller caller) const {
  const frontend::AtCaller here(caller);
  check_bool_first(scalar_type() == kBool, [&] { return relu(); });
  return update(*this, {}, [&] { return relu(); });
}
const Tensor& Tensor::clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max, Caller caller) const {
  const frontend::AtCaller here(caller);
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

const Tensor& Tensor::copy_(const Tensor& src, bool /*non_blocking*/, Caller caller) const {
  const frontend::AtCaller here(caller);
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
const Tensor& Tensor::fill_(const Scalar& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  ir::NodePtr v = ir::make_const(scalar_type(), frontend::checked_literal(value, scalar_type()));
  write(*this, Tensor(frontend::broadcast_to(std::move(v), frontend::impl_of(*this).sizes)));
  return *this;
}

const Tensor& Tensor::fill_(const Tensor& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  if (value.dim() != 0) {
    throw Error("fill_ only supports 0-dimension value tensor but got tensor with " + std::to_string(value.dim()) +
                " dimensions.");
  }
  // Converted as PyTorch's fill_ converts value.item(), without a cast check.
  write(*this, value);
  return *this;
}

const Tensor& Tensor::zero_(Caller caller) const { const frontend::AtCaller here(caller); return fill_(0); }

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value,
                                 Caller caller) const {
  const frontend::AtCaller here(caller);
  return index_put_(std::vector<indexing::TensorIndex>(indices), value);
}

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value,
                                 Caller caller) const {
  const frontend::AtCaller here(caller);
  return index_put_(std::vector<indexing::TensorIndex>(indices), value);
}

const Tensor& Tensor::index_put_(const std::vector<indexing::TensorIndex>& indices, const Tensor& value,
                                 Caller caller) const {
  const frontend::AtCaller here(caller);
  frontend::BasicIndexed r = frontend::apply_basic_indexing(*this, indices);
  if (r.tensors.empty()) {
    copy_to(r.view, value);
  } else {
    frontend::advanced_index_put(r.view, r.tensors, without_leading_ones(value));
  }
  return *this;
}

const Tensor& Tensor::index_put_(const std::vector<indexing::TensorIndex>& indices, const Scalar& value,
                                 Caller caller) const {
  const frontend::AtCaller here(caller);
  frontend::BasicIndexed r = frontend::apply_basic_indexing(*this, indices);
  if (r.tensors.empty()) {
    r.view.fill_(value);
  } else {
    // As PyTorch's set_item: the value becomes a 0-d tensor of self's dtype.
    ir::NodePtr v = ir::make_const(scalar_type(), frontend::checked_literal(value, scalar_type()));
    frontend::advanced_index_put(r.view, r.tensors, Tensor(std::move(v)));
  }
  return *this;
}

}  // namespace kiln
