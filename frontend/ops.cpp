// Recording of arithmetic and reductions: each op checks its operands now
// (errors at the call, with PyTorch's text), resolves the result dtype and
// broadcast shape, and adds a graph node. Nothing is computed here.

#include <kiln/tensor.h>

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

}  // namespace

using frontend::unary_math;

#define KILN_UNARY(name, op, floating)                                               \
  Tensor Tensor::name() const { return unary_math(Op::op, *this, floating); }        \
  Tensor name(const Tensor& a) { return a.name(); }
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

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const { return binary(Op::Add, of(*this), of(other), &alpha); }
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const { return binary(Op::Add, of(*this), of(other), &alpha); }
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const { return binary(Op::Sub, of(*this), of(other), &alpha); }
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const { return binary(Op::Sub, of(*this), of(other), &alpha); }
Tensor Tensor::mul(const Tensor& other) const { return binary(Op::Mul, of(*this), of(other)); }
Tensor Tensor::mul(const Scalar& other) const { return binary(Op::Mul, of(*this), of(other)); }
Tensor Tensor::div(const Tensor& other) const { return binary(Op::Div, of(*this), of(other)); }
Tensor Tensor::div(const Scalar& other) const { return binary(Op::Div, of(*this), of(other)); }

Tensor Tensor::to(ScalarType dtype, bool /*non_blocking*/, bool copy) const {
  const NodePtr& n = frontend::node_of(*this);
  if (n->dtype == dtype && !copy) return *this;
  // A same-dtype copy is a cast to itself: a fresh value, never a view.
  return Tensor(ir::make_unary(Op::Cast, dtype, n));
}

Tensor Tensor::clone() const { return to(scalar_type(), false, /*copy=*/true); }

// A new handle on the same storage and view, as PyTorch's detach makes a
// new TensorImpl: x.copy_(x.detach()) checks overlap where x.copy_(x) does not.
Tensor Tensor::detach() const {
  const frontend::TensorImpl& i = frontend::impl_of(*this);
  return Tensor(frontend::view_impl(i, i.sizes, i.strides, i.offset));
}

Tensor Tensor::to(Device device, ScalarType dtype, bool non_blocking, bool copy) const {
  frontend::check_usable(device);
  return to(dtype, non_blocking, copy);
}

Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy) const {
  return to(options.device(), options.dtype_or(scalar_type()), non_blocking, copy);
}

Device Tensor::device() const {
  frontend::node_of(*this);
  return Device(kCPU);
}

Tensor Tensor::neg() const {
  if (scalar_type() == kBool) {
    throw Error("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                "use the `~` or `logical_not()` operator instead.");
  }
  return Tensor(ir::make_unary(Op::Neg, scalar_type(), node()));
}

Tensor Tensor::maximum(const Tensor& other) const { return binary(Op::Maximum, of(*this), of(other)); }
Tensor Tensor::minimum(const Tensor& other) const { return binary(Op::Minimum, of(*this), of(other)); }

#define KILN_COMPARISON(name, op, symbol)                                                                   \
  Tensor Tensor::name(const Tensor& other) const { return binary(Op::op, of(*this), of(other)); }          \
  Tensor Tensor::name(const Scalar& other) const { return binary(Op::op, of(*this), of(other)); }          \
  Tensor operator symbol(const Tensor& a, const Tensor& b) { return binary(Op::op, of(a), of(b)); }         \
  Tensor operator symbol(const Tensor& a, const Scalar& b) { return binary(Op::op, of(a), of(b)); }         \
  Tensor operator symbol(const Scalar& a, const Tensor& b) { return binary(Op::op, of(a), of(b)); }         \
  Tensor name(const Tensor& a, const Tensor& b) { return binary(Op::op, of(a), of(b)); }
KILN_COMPARISON(eq, Eq, ==)
KILN_COMPARISON(ne, Ne, !=)
KILN_COMPARISON(lt, Lt, <)
KILN_COMPARISON(le, Le, <=)
KILN_COMPARISON(gt, Gt, >)
KILN_COMPARISON(ge, Ge, >=)
#undef KILN_COMPARISON

Tensor operator+(const Tensor& a, const Tensor& b) { return binary(Op::Add, of(a), of(b)); }
Tensor operator+(const Tensor& a, const Scalar& b) { return binary(Op::Add, of(a), of(b)); }
Tensor operator+(const Scalar& a, const Tensor& b) { return binary(Op::Add, of(a), of(b)); }
Tensor operator-(const Tensor& a, const Tensor& b) { return binary(Op::Sub, of(a), of(b)); }
Tensor operator-(const Tensor& a, const Scalar& b) { return binary(Op::Sub, of(a), of(b)); }
Tensor operator-(const Scalar& a, const Tensor& b) { return binary(Op::Sub, of(a), of(b)); }
Tensor operator*(const Tensor& a, const Tensor& b) { return binary(Op::Mul, of(a), of(b)); }
Tensor operator*(const Tensor& a, const Scalar& b) { return binary(Op::Mul, of(a), of(b)); }
Tensor operator*(const Scalar& a, const Tensor& b) { return binary(Op::Mul, of(a), of(b)); }
Tensor operator/(const Tensor& a, const Tensor& b) { return binary(Op::Div, of(a), of(b)); }
Tensor operator/(const Tensor& a, const Scalar& b) { return binary(Op::Div, of(a), of(b)); }
Tensor operator/(const Scalar& a, const Tensor& b) { return binary(Op::Div, of(a), of(b)); }
Tensor operator-(const Tensor& a) { return a.neg(); }

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) { return a.add(b, alpha); }
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) { return a.add(b, alpha); }
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) { return a.sub(b, alpha); }
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) { return a.sub(b, alpha); }
Tensor mul(const Tensor& a, const Tensor& b) { return a.mul(b); }
Tensor mul(const Tensor& a, const Scalar& b) { return a.mul(b); }
Tensor div(const Tensor& a, const Tensor& b) { return a.div(b); }
Tensor div(const Tensor& a, const Scalar& b) { return a.div(b); }
Tensor neg(const Tensor& a) { return a.neg(); }
Tensor maximum(const Tensor& a, const Tensor& b) { return a.maximum(b); }
Tensor minimum(const Tensor& a, const Tensor& b) { return a.minimum(b); }

}  // namespace kiln
