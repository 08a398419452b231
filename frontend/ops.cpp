// Recording of arithmetic and reductions: each op checks its operands now
// (errors at the call, with PyTorch's text), resolves the result dtype and
// broadcast shape, and adds a graph node. Nothing is computed here.

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/device_check.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/promote.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::cast_to;
using frontend::of;
using frontend::Operand;
using frontend::scalar_node;
using ir::NodePtr;
using ir::Op;

// PyTorch's sub_check, which comes before everything else.
void check_subtraction(const Operand& x, const Operand& y) {
  if (frontend::is_bool(x) && frontend::is_bool(y)) {
    throw Error("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                "`logical_xor()` operator instead.");
  }
  if (frontend::is_bool(x) || frontend::is_bool(y)) {
    throw Error("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a "
                "mask, use the `~` or `logical_not()` operator instead.");
  }
}

// x op y — or x op (y * alpha) when `alpha` is given, computed in the
// result dtype as PyTorch's add/sub do. On bool, add is or and mul is and.
Tensor binary(Op op, const Operand& x, const Operand& y, const Scalar* alpha = nullptr) {
  if (op == Op::Sub) check_subtraction(x, y);
  ir::Shape shape = frontend::broadcast_or_throw({x, y});
  ScalarType t = frontend::result_type({x, y});
  frontend::check_shape(shape, t);
  // True division: integers divide as the default float dtype.
  if (op == Op::Div && !ir::is_floating(t)) t = kFloat32;
  if (alpha) {
    // PyTorch checks alpha after the shapes.
    if (alpha->isBoolean() && t != kBool) throw Error("Boolean alpha only supported for Boolean results.");
    if (!ir::is_floating(t) && alpha->isFloatingPoint()) {
      throw Error("For integral input tensors, argument alpha must not be a floating point number.");
    }
  }
  if (!alpha || alpha->toDouble() == 1.0) return frontend::record_binary(op, x, y, t, shape);
  NodePtr b = frontend::operand_node(y, t, shape);
  b = ir::make_binary(Op::Mul, b, frontend::broadcast_to(scalar_node(*alpha, t), shape));
  return Tensor(ir::make_binary(op, frontend::operand_node(x, t, shape), std::move(b)));
}

// An operator's x op y, recorded at the operator's line.
template <typename X, typename Y>
Tensor at_caller(const Caller& caller, Op op, const X& x, const Y& y) {
  const frontend::AtCaller here(caller);
  return binary(op, of(x), of(y));
}

}  // namespace

using frontend::unary_math;

#define KILN_UNARY(name, op, floating)                                   \
  Tensor Tensor::name(Caller caller) const {                             \
    const frontend::AtCaller here(caller);                               \
    return unary_math(Op::op, *this, floating);                          \
  }                                                                      \
  Tensor name(const Tensor& a, Caller caller) { return a.name(caller); }
KILN_UNARY(abs, Abs, false)
KILN_UNARY(relu, Relu, false)
KILN_UNARY(sign, Sign, false)
KILN_UNARY(floor, Floor, false)
KILN_UNARY(ceil, Ceil, false)
KILN_UNARY(round, Round, false)
KILN_UNARY(sqrt, Sqrt, true)
KILN_UNARY(rsqrt, Rsqrt, true)
KILN_UNARY(exp, Exp, true)
KILN_UNARY(log, Log, true)
KILN_UNARY(log2, Log2, true)
KILN_UNARY(sin, Sin, true)
KILN_UNARY(cos, Cos, true)
KILN_UNARY(tanh, Tanh, true)
KILN_UNARY(sigmoid, Sigmoid, true)
#undef KILN_UNARY

Tensor Tensor::add(const Tensor& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Add, of(*this), of(other), &alpha);
}
Tensor Tensor::add(const Scalar& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Add, of(*this), of(other), &alpha);
}
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Sub, of(*this), of(other), &alpha);
}
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Sub, of(*this), of(other), &alpha);
}
Tensor Tensor::mul(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Mul, of(*this), of(other));
}
Tensor Tensor::mul(const Scalar& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Mul, of(*this), of(other));
}
Tensor Tensor::div(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Div, of(*this), of(other));
}
Tensor Tensor::div(const Scalar& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Div, of(*this), of(other));
}

Tensor Tensor::to(ScalarType dtype, bool /*non_blocking*/, bool copy, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr& n = frontend::node_of(*this);
  if (n->dtype == dtype && !copy) return *this;
  // A same-dtype copy is a cast to itself: a fresh value, never a view.
  return Tensor(ir::make_unary(Op::Cast, dtype, n));
}

Tensor Tensor::clone(Caller caller) const { return to(scalar_type(), false, /*copy=*/true, caller); }

// A new handle on the same storage and view, as PyTorch's detach makes a
// new TensorImpl: x.copy_(x.detach()) checks overlap where x.copy_(x) does not.
Tensor Tensor::detach() const {
  const frontend::TensorImpl& i = frontend::impl_of(*this);
  return Tensor(frontend::view_impl(i, i.sizes, i.strides, i.offset));
}

Tensor Tensor::to(Device device, ScalarType dtype, bool non_blocking, bool copy, Caller caller) const {
  const frontend::AtCaller here(caller);
  frontend::check_usable(device);
  return to(dtype, non_blocking, copy);
}

Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy, Caller caller) const {
  const frontend::AtCaller here(caller);
  return to(options.device(), options.dtype_or(scalar_type()), non_blocking, copy);
}

Device Tensor::device() const {
  frontend::node_of(*this);
  return Device(kCPU);
}

Tensor Tensor::neg(Caller caller) const {
  const frontend::AtCaller here(caller);
  if (scalar_type() == kBool) {
    throw Error("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                "use the `~` or `logical_not()` operator instead.");
  }
  return Tensor(ir::make_unary(Op::Neg, scalar_type(), node()));
}

Tensor Tensor::maximum(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Maximum, of(*this), of(other));
}
Tensor Tensor::minimum(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return binary(Op::Minimum, of(*this), of(other));
}

#define KILN_COMPARISON(name, op, symbol)                                                             \
  Tensor Tensor::name(const Tensor& other, Caller caller) const {                                     \
    const frontend::AtCaller here(caller);                                                            \
    return binary(Op::op, of(*this), of(other));                                                      \
  }                                                                                                   \
  Tensor Tensor::name(const Scalar& other, Caller caller) const {                                     \
    const frontend::AtCaller here(caller);                                                            \
    return binary(Op::op, of(*this), of(other));                                                      \
  }                                                                                                   \
  Tensor operator symbol(TensorOperand a, const Tensor& b) { return a.tensor().name(b, a.caller()); } \
  Tensor operator symbol(TensorOperand a, const Scalar& b) { return a.tensor().name(b, a.caller()); } \
  Tensor operator symbol(const Scalar& a, TensorOperand b) { return at_caller(b.caller(), Op::op, a, b.tensor()); } \
  Tensor name(const Tensor& a, const Tensor& b, Caller caller) { return a.name(b, caller); }
KILN_COMPARISON(eq, Eq, ==)
KILN_COMPARISON(ne, Ne, !=)
KILN_COMPARISON(lt, Lt, <)
KILN_COMPARISON(le, Le, <=)
KILN_COMPARISON(gt, Gt, >)
KILN_COMPARISON(ge, Ge, >=)
#undef KILN_COMPARISON

Tensor operator+(TensorOperand a, const Tensor& b) { return at_caller(a.caller(), Op::Add, a.tensor(), b); }
Tensor operator+(TensorOperand a, const Scalar& b) { return at_caller(a.caller(), Op::Add, a.tensor(), b); }
Tensor operator+(const Scalar& a, TensorOperand b) { return at_caller(b.caller(), Op::Add, a, b.tensor()); }
Tensor operator-(TensorOperand a, const Tensor& b) { return at_caller(a.caller(), Op::Sub, a.tensor(), b); }
Tensor operator-(TensorOperand a, const Scalar& b) { return at_caller(a.caller(), Op::Sub, a.tensor(), b); }
Tensor operator-(const Scalar& a, TensorOperand b) { return at_caller(b.caller(), Op::Sub, a, b.tensor()); }
Tensor operator*(TensorOperand a, const Tensor& b) { return at_caller(a.caller(), Op::Mul, a.tensor(), b); }
Tensor operator*(TensorOperand a, const Scalar& b) { return at_caller(a.caller(), Op::Mul, a.tensor(), b); }
Tensor operator*(const Scalar& a, TensorOperand b) { return at_caller(b.caller(), Op::Mul, a, b.tensor()); }
Tensor operator/(TensorOperand a, const Tensor& b) { return at_caller(a.caller(), Op::Div, a.tensor(), b); }
Tensor operator/(TensorOperand a, const Scalar& b) { return at_caller(a.caller(), Op::Div, a.tensor(), b); }
Tensor operator/(const Scalar& a, TensorOperand b) { return at_caller(b.caller(), Op::Div, a, b.tensor()); }
Tensor operator-(TensorOperand a) { return a.tensor().neg(a.caller()); }

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha, Caller caller) { return a.add(b, alpha, caller); }
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha, Caller caller) { return a.add(b, alpha, caller); }
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha, Caller caller) { return a.sub(b, alpha, caller); }
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha, Caller caller) { return a.sub(b, alpha, caller); }
Tensor mul(const Tensor& a, const Tensor& b, Caller caller) { return a.mul(b, caller); }
Tensor mul(const Tensor& a, const Scalar& b, Caller caller) { return a.mul(b, caller); }
Tensor div(const Tensor& a, const Tensor& b, Caller caller) { return a.div(b, caller); }
Tensor div(const Tensor& a, const Scalar& b, Caller caller) { return a.div(b, caller); }
Tensor neg(const Tensor& a, Caller caller) { return a.neg(caller); }
Tensor maximum(const Tensor& a, const Tensor& b, Caller caller) { return a.maximum(b, caller); }
Tensor minimum(const Tensor& a, const Tensor& b, Caller caller) { return a.minimum(b, caller); }

}  // namespace kiln
