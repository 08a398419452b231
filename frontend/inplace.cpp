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

#include "frontend/advanced_index.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/overlap.h"
#include "frontend/scalar_io.h"
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
const Tensor& Tensor::pow_(const Scalar& exponent) const { return update(*this, {}, [&] { return pow(exponent); }); }
const Tensor& Tensor::relu_() const { return update(*this, {}, [&] { return relu(); }); }
const Tensor& Tensor::clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max) const {
  return update(*this, {}, [&] { return clamp(min, max); });
}

const Tensor& Tensor::copy_(const Tensor& src, bool /*non_blocking*/) const {
  // Any dtype converts; src broadcasts to this tensor's shape.
  return update(*this, {&src}, [&] { return src.to(scalar_type()).expand(sizes()); });
}

const Tensor& Tensor::fill_(const Scalar& value) const {
  check_overlap(frontend::impl_of(*this), {});
  ir::NodePtr v = ir::make_const(scalar_type(), frontend::checked_literal(value, scalar_type()));
  write(*this, Tensor(frontend::broadcast_to(std::move(v), frontend::impl_of(*this).sizes)));
  return *this;
}

const Tensor& Tensor::fill_(const Tensor& value) const {
  if (value.dim() != 0) {
    throw Error("fill_ only supports 0-dimension value tensor but got tensor with " + std::to_string(value.dim()) +
                " dimensions.");
  }
  return update(*this, {&value}, [&] { return value.to(scalar_type()).expand(sizes()); });
}

const Tensor& Tensor::zero_() const { return fill_(0); }

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& value) const {
  return index_put_(std::vector<indexing::TensorIndex>(indices), value);
}

const Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& value) const {
  return index_put_(std::vector<indexing::TensorIndex>(indices), value);
}

const Tensor& Tensor::index_put_(const std::vector<indexing::TensorIndex>& indices, const Tensor& value) const {
  frontend::BasicIndexed r = frontend::apply_basic_indexing(*this, indices);
  if (r.tensors.empty()) {
    r.view.copy_(value);
  } else {
    frontend::advanced_index_put(r.view, r.tensors, value);
  }
  return *this;
}

const Tensor& Tensor::index_put_(const std::vector<indexing::TensorIndex>& indices, const Scalar& value) const {
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
