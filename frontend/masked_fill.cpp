// masked_fill: where(mask, value, self), recorded lazily, with PyTorch
// 1.13's checks. Out of place, mask and self broadcast together (mask
// first, as PyTorch's expand_outplace); in place, mask broadcasts to self.
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

using frontend::of;

// PyTorch 1.13 takes bool masks and, deprecated, integer masks holding only
// 0 and 1 (checked by reading them). It reads a floating mask's bytes as
// bool, which is meaningless; kiln refuses it with newer PyTorch's message.
void check_mask(const Tensor& mask) {
  ScalarType t = mask.scalar_type();
  if (t == kBool) return;
  if (ir::is_floating(t)) {
    throw Error("masked_fill_ only supports boolean masks, but got mask with dtype " +
                std::string(ir::cpp_type(t)));
  }
  Tensor outside = mask.ne(0).logical_and(mask.ne(1)).any();
  if (outside.item<bool>()) throw Error("Mask tensor can take 0 and 1 values only");
}

// A tensor value: 0-d, read as a number (PyTorch calls value.item()).
Scalar value_of(const Tensor& value) {
  if (value.dim() != 0) {
    throw Error("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with " +
                std::to_string(value.dim()) + " dimension(s).");
  }
  return value.item();
}

Tensor fill_where(const Tensor& self, const Tensor& mask, const ir::Shape& shape, const Scalar& value) {
  check_mask(mask);
  ScalarType t = self.scalar_type();
  ir::NodePtr v = ir::make_const(t, frontend::checked_literal(value, t));
  return Tensor(ir::make_where(frontend::operand_node(of(mask), kBool, shape), frontend::broadcast_to(v, shape),
                               frontend::operand_node(of(self), t, shape)));
}

}  // namespace

Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  ir::Shape shape = frontend::broadcast_or_throw({of(mask), of(*this)});
  return fill_where(*this, mask, shape, value);
}

Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  ir::Shape shape = frontend::broadcast_or_throw({of(mask), of(*this)});
  return fill_where(*this, mask, shape, value_of(value));
}

const Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  // The mask is read while self is written: the same elements are fine,
  // some of them are not. (An expanded self only makes PyTorch warn.)
  frontend::assert_no_partial_overlap(frontend::impl_of(*this), frontend::impl_of(mask));
  ir::Shape shape = frontend::broadcast_or_throw({of(*this), of(mask)});
  frontend::check_inplace_shape(sizes().vec(), shape);
  if (frontend::has_internal_overlap(frontend::impl_of(*this))) {
    // PyTorch only warns, and sets each masked element: a where over all
    // of them would let an unmasked element over the same location win.
    check_mask(mask);
    frontend::fill_masked_elements(*this, mask.to(kBool).expand(sizes()), value);
    return *this;
  }
  return copy_(fill_where(*this, mask, shape, value));
}

const Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value, Caller caller) const {
  const frontend::AtCaller here(caller);
  return masked_fill_(mask, value_of(value));
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value, Caller caller) {
  const frontend::AtCaller here(caller);
  return self.masked_fill(mask, value);
}
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value, Caller caller) {
  const frontend::AtCaller here(caller);
  return self.masked_fill(mask, value);
}

}  // namespace kiln
