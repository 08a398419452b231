// Bitwise and logical ops, and where: PyTorch 1.13's dtypes and errors.
#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::of;
using frontend::Operand;
using ir::NodePtr;
using ir::Op;

// & | ^ in the promoted dtype: bitwise on integers, logical on bool; floats
// have no kernel.
Tensor bitwise(Op op, const char* kernel, const Operand& x, const Operand& y) {
  ir::Shape shape = frontend::broadcast_or_throw({x, y});
  ScalarType t = frontend::result_type({x, y});
  frontend::check_shape(shape, t);
  if (ir::is_floating(t)) throw frontend::not_implemented_for(kernel, t);
  return frontend::record_binary(op, x, y, t, shape);
}

// Logical ops read each operand as "nonzero" (NaN is true) and give bool.
Tensor logical(Op op, const Tensor& a, const Tensor& b) {
  ir::Shape shape = frontend::broadcast_or_throw({of(a), of(b)});
  frontend::check_shape(shape, kBool);
  return frontend::record_binary(op, of(a), of(b), kBool, shape);
}

}  // namespace

#define KILN_BITWISE(name, op, symbol)                                                                \
  Tensor Tensor::name(const Tensor& other, Caller caller) const {                                     \
    const frontend::AtCaller here(caller);                                                            \
    return bitwise(Op::op, #name "_cpu", of(*this), of(other));                                       \
  }                                                                                                   \
  Tensor Tensor::name(const Scalar& other, Caller caller) const {                                     \
    const frontend::AtCaller here(caller);                                                            \
    return bitwise(Op::op, #name "_cpu", of(*this), of(other));                                       \
  }                                                                                                   \
  Tensor name(const Tensor& a, const Tensor& b, Caller caller) { return a.name(b, caller); }          \
  Tensor name(const Tensor& a, const Scalar& b, Caller caller) { return a.name(b, caller); }          \
  Tensor name(const Scalar& a, const Tensor& b, Caller caller) {                                      \
    const frontend::AtCaller here(caller);                                                            \
    return bitwise(Op::op, #name "_cpu", of(a), of(b));                                               \
  }                                                                                                   \
  Tensor operator symbol(TensorOperand a, const Tensor& b) { return a.tensor().name(b, a.caller()); } \
  Tensor operator symbol(TensorOperand a, const Scalar& b) { return a.tensor().name(b, a.caller()); } \
  Tensor operator symbol(const Scalar& a, TensorOperand b) { return b.tensor().name(a, b.caller()); }
KILN_BITWISE(bitwise_and, BitAnd, &)
KILN_BITWISE(bitwise_or, BitOr, |)
KILN_BITWISE(bitwise_xor, BitXor, ^)
#undef KILN_BITWISE

// libtorch's operator~ is bitwise_not (Python's ~ on a float tensor raises a
// TypeError of its own before reaching it).
Tensor Tensor::bitwise_not(Caller caller) const {
  const frontend::AtCaller here(caller);
  if (ir::is_floating(scalar_type())) throw frontend::not_implemented_for("bitwise_not_cpu", scalar_type());
  return Tensor(ir::make_unary(Op::BitNot, scalar_type(), node()));
}
Tensor bitwise_not(const Tensor& a, Caller caller) { return a.bitwise_not(caller); }
Tensor operator~(TensorOperand a) { return a.tensor().bitwise_not(a.caller()); }

Tensor Tensor::logical_and(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return logical(Op::BitAnd, *this, other);
}
Tensor Tensor::logical_or(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return logical(Op::BitOr, *this, other);
}
Tensor Tensor::logical_xor(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return logical(Op::BitXor, *this, other);
}
Tensor Tensor::logical_not(Caller caller) const {
  const frontend::AtCaller here(caller);
  return Tensor(ir::make_unary(Op::BitNot, kBool, frontend::cast_to(node(), kBool)));
}
Tensor logical_and(const Tensor& a, const Tensor& b, Caller caller) { return a.logical_and(b, caller); }
Tensor logical_or(const Tensor& a, const Tensor& b, Caller caller) { return a.logical_or(b, caller); }
Tensor logical_xor(const Tensor& a, const Tensor& b, Caller caller) { return a.logical_xor(b, caller); }
Tensor logical_not(const Tensor& a, Caller caller) { return a.logical_not(caller); }

namespace {

// where(cond, a, b) in the promoted dtype of a and b (PyTorch 1.13
// promotes), broadcasting cond, a and b in that order. A uint8 condition is
// deprecated but accepted by PyTorch (with a warning kiln has no channel
// for); any other non-bool one is an error, checked after the shapes.
Tensor where_of(const Tensor& cond, const Operand& a, const Operand& b) {
  ScalarType t = frontend::result_type({a, b});
  ir::Shape shape = frontend::broadcast_or_throw({of(cond), a, b});
  frontend::check_shape(shape, t);
  ScalarType c = cond.scalar_type();
  if (c != kBool && c != kUInt8) {
    throw Error("where expected condition to be a boolean tensor, but got a tensor with dtype " +
                std::string(ir::cpp_name(c)));
  }
  return Tensor(ir::make_where(frontend::operand_node(of(cond), kBool, shape), frontend::operand_node(a, t, shape),
                               frontend::operand_node(b, t, shape)));
}

}  // namespace

Tensor Tensor::where(const Tensor& condition, const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return where_of(condition, of(*this), of(other));
}
Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other, Caller caller) {
  const frontend::AtCaller here(caller);
  return where_of(condition, of(self), of(other));
}
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other, Caller caller) {
  const frontend::AtCaller here(caller);
  return where_of(condition, of(self), of(other));
}
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other, Caller caller) {
  const frontend::AtCaller here(caller);
  return where_of(condition, of(self), of(other));
}
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other, Caller caller) {
  const frontend::AtCaller here(caller);
  return where_of(condition, of(self), of(other));
}

}  // namespace kiln
