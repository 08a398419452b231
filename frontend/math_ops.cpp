// pow and remainder, with PyTorch 1.13's dtypes, errors and CPU kernels'
// special cases (which change rounding, so kiln records the same
// computations).
#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::of;
using frontend::Operand;
using ir::NodePtr;
using ir::Op;

// c10's Scalar::equal: a bool never equals a number.
bool equals(const Scalar& s, double v) { return !s.isBoolean() && s.toDouble() == v; }

// The number `v` in dtype `t`, broadcast to `shape`.
NodePtr constant(ScalarType t, double v, const ir::Shape& shape) {
  return frontend::broadcast_to(ir::make_const(t, ir::Literal{v}), shape);
}

NodePtr reciprocal(const NodePtr& x) { return ir::make_binary(Op::Div, constant(x->dtype, 1.0, x->shape), x); }

// pow(Tensor, Tensor) and pow(Scalar, Tensor) past its short cut: libm's
// pow for floats (16-bit ones through float), powi for integers.
Tensor pow_tensor(const Operand& base, const Operand& exponent) {
  ir::Shape shape = frontend::broadcast_or_throw({base, exponent});
  ScalarType t = frontend::result_type({base, exponent});
  frontend::check_shape(shape, t);
  if (t == kBool) throw frontend::not_implemented_for("pow", kBool);
  return frontend::record_binary(Op::Pow, base, exponent, t, shape);
}

// x ** e in float32/float64/bfloat16 for the exponents PyTorch's kernel
// special-cases (pow_tensor_scalar_optimized_kernel), else nullptr.
NodePtr special_power(const NodePtr& x, double e) {
  if (e == 2.0) return ir::make_binary(Op::Mul, x, x);
  if (e == 3.0) return ir::make_binary(Op::Mul, ir::make_binary(Op::Mul, x, x), x);
  if (e == -2.0) return reciprocal(ir::make_binary(Op::Mul, x, x));
  return nullptr;
}

}  // namespace

Tensor Tensor::pow(const Scalar& exponent, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType in = scalar_type();
  if (!ir::is_floating(in) && exponent.isIntegral(/*includeBool=*/true) && exponent.toLong() < 0) {
    throw Error("Integers to negative integer powers are not allowed.");
  }
  ScalarType t = frontend::result_type({of(*this), of(exponent)});
  NodePtr x = frontend::cast_to(node(), t);
  if (equals(exponent, 0.0)) return frontend::filled(x->shape, t, 1);
  if (equals(exponent, 1.0)) return Tensor(ir::make_unary(Op::Cast, t, x));  // a copy
  if (t == kFloat32 || t == kFloat64 || t == kBFloat16) {
    // sqrt, rsqrt and reciprocal kernels, chosen on the exponent as given.
    if (equals(exponent, 0.5)) return Tensor(ir::make_unary(Op::Sqrt, t, x));
    if (equals(exponent, -0.5)) return Tensor(ir::make_unary(Op::Rsqrt, t, x));
    if (equals(exponent, -1.0)) return Tensor(reciprocal(x));
  }
  if (t == kFloat32 || t == kFloat64) {
    double e = exponent.toDouble();
    if (NodePtr n = special_power(x, e)) return Tensor(n);
    // std::pow(float, double): computed in double, rounded to float.
    NodePtr p = ir::make_binary(Op::Pow, frontend::cast_to(x, kFloat64), constant(kFloat64, e, x->shape));
    return Tensor(frontend::cast_to(p, t));
  }
  if (t == kBool) throw frontend::not_implemented_for("pow", kBool);
  // Integers take the exponent in their own type, checked; bfloat16 and
  // float16 round it to theirs (so 2.001 is 2.0 in bfloat16, squared).
  NodePtr e = ir::is_floating(t) ? frontend::scalar_node(exponent, t)
                                 : ir::make_const(t, frontend::checked_literal(exponent, t));
  if (t == kBFloat16) {
    if (NodePtr n = special_power(x, ir::literal_as_double(e->value))) return Tensor(n);
  }
  return Tensor(ir::make_binary(Op::Pow, x, frontend::broadcast_to(std::move(e), x->shape)));
}

Tensor Tensor::pow(const Tensor& exponent, Caller caller) const {
  const frontend::AtCaller here(caller);
  return pow_tensor(of(*this), of(exponent));
}

Tensor pow(const Tensor& base, const Tensor& exponent, Caller caller) { return base.pow(exponent, caller); }
Tensor pow(const Tensor& base, const Scalar& exponent, Caller caller) { return base.pow(exponent, caller); }
Tensor pow(const Scalar& base, const Tensor& exponent, Caller caller) {
  const frontend::AtCaller here(caller);
  if (equals(base, 1.0)) {
    ScalarType t = frontend::result_type({of(base), of(exponent)});
    return frontend::filled(frontend::node_of(exponent)->shape, t, 1);
  }
  return pow_tensor(of(base), of(exponent));
}

namespace {

// Whether any element of `n` (realized here) is zero.
bool has_zero(const NodePtr& n) {
  frontend::realize_nodes({n});
  const auto* base = static_cast<const char*>(n->storage->data());
  int64_t size = static_cast<int64_t>(ir::itemsize(n->dtype));
  bool zero = false;
  ir::for_each_offset<1>(n->shape, {&n->strides}, [&](const auto& at) {
    zero = zero || frontend::read_scalar(base + (n->offset + at[0]) * size, n->dtype).toLong() == 0;
  });
  return zero;
}

// Python's modulo. PyTorch raises ZeroDivisionError from inside its integer
// kernel; kiln raises it at the call, so a tensor divisor of an integer
// result dtype is realized here to look for zeros (the rest stays lazy).
Tensor remainder_of(const Operand& x, const Operand& y) {
  ir::Shape shape = frontend::broadcast_or_throw({x, y});
  ScalarType t = frontend::result_type({x, y});
  frontend::check_shape(shape, t);
  if (t == kBool) throw frontend::not_implemented_for("remainder_cpu", kBool);
  NodePtr divisor = y.scalar ? frontend::scalar_node(*y.scalar, t) : frontend::cast_to(frontend::node_of(*y.tensor), t);
  if (!ir::is_floating(t) && ir::numel(shape) > 0) {
    bool zero = y.scalar ? ir::literal_as_int(divisor->value) == 0 : has_zero(divisor);
    if (zero) throw Error("ZeroDivisionError");
  }
  return Tensor(ir::make_binary(Op::Remainder, frontend::operand_node(x, t, shape),
                                frontend::broadcast_to(std::move(divisor), shape)));
}

}  // namespace

Tensor Tensor::remainder(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return remainder_of(of(*this), of(other));
}
Tensor Tensor::remainder(const Scalar& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  return remainder_of(of(*this), of(other));
}
Tensor remainder(const Tensor& a, const Tensor& b, Caller caller) { return a.remainder(b, caller); }
Tensor remainder(const Tensor& a, const Scalar& b, Caller caller) { return a.remainder(b, caller); }
Tensor remainder(const Scalar& a, const Tensor& b, Caller caller) {
  const frontend::AtCaller here(caller);
  return remainder_of(of(a), of(b));
}
Tensor operator%(TensorOperand a, const Tensor& b) { return a.tensor().remainder(b, a.caller()); }
Tensor operator%(TensorOperand a, const Scalar& b) { return a.tensor().remainder(b, a.caller()); }
Tensor operator%(const Scalar& a, TensorOperand b) { return remainder(a, b.tensor(), b.caller()); }

}  // namespace kiln
