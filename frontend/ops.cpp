// Recording of arithmetic and reductions: each op checks its operands now
// (errors at the call, with PyTorch's text), resolves the result dtype and
// broadcast shape, and adds a graph node. Nothing is computed here.
#include <numeric>

#include <kiln/tensor.h>

#include "frontend/promote.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::Operand;
using ir::NodePtr;
using ir::Op;

void check_arithmetic_dtype(ScalarType t) {
  if (t == kBool || t == kFloat16 || t == kBFloat16) {
    throw NotImplementedError("kiln: arithmetic on " + std::string(ir::torch_name(t)) +
                              " tensors is not implemented yet");
  }
}

NodePtr cast_to(NodePtr n, ScalarType t) { return n->dtype == t ? n : ir::make_unary(Op::Cast, t, std::move(n)); }

NodePtr scalar_node(const Scalar& s, ScalarType t) {
  ir::Literal v = ir::is_floating(t) ? ir::Literal{s.toDouble()} : ir::Literal{s.toLong()};
  return ir::make_const(t, v);
}

// `n` seen with `shape`: size-1 dims prepended, then broadcast.
NodePtr broadcast_to(NodePtr n, const ir::Shape& shape) {
  if (n->shape.size() < shape.size()) {
    ir::Shape padded(shape.size() - n->shape.size(), 1);
    padded.insert(padded.end(), n->shape.begin(), n->shape.end());
    n = ir::make_movement(Op::Reshape, std::move(n), std::move(padded));
  }
  if (n->shape != shape) n = ir::make_movement(Op::Expand, std::move(n), shape);
  return n;
}

NodePtr operand_node(const Operand& o, ScalarType t) {
  if (o.scalar) return scalar_node(*o.scalar, t);
  if (!o.tensor->defined()) throw Error("Expected a proper Tensor but got an undefined Tensor");
  return cast_to(o.tensor->node(), t);
}

Tensor binary(Op op, const Operand& x, const Operand& y) {
  ScalarType t = frontend::result_type({x, y});
  // True division: integers divide as the default float dtype.
  if (op == Op::Div && !ir::is_floating(t)) t = kFloat32;
  check_arithmetic_dtype(t);
  NodePtr a = operand_node(x, t);
  NodePtr b = operand_node(y, t);
  ir::BroadcastResult r = ir::broadcast_shapes(a->shape, b->shape);
  if (r.bad_dim) {
    throw Error("The size of tensor a (" + std::to_string(r.size_a) + ") must match the size of tensor b (" +
                std::to_string(r.size_b) + ") at non-singleton dimension " + std::to_string(*r.bad_dim));
  }
  return Tensor(ir::make_binary(op, broadcast_to(std::move(a), r.shape), broadcast_to(std::move(b), r.shape)));
}

Operand of(const Tensor& t) { return Operand{&t, nullptr}; }
Operand of(const Scalar& s) { return Operand{nullptr, &s}; }

// other * alpha, as PyTorch's add/sub scale their second operand.
template <typename Other>
Tensor scaled(const Tensor& self, const Other& other, const Scalar& alpha) {
  ScalarType t = frontend::result_type({of(self), of(other)});
  if (!ir::is_floating(t) && alpha.isFloatingPoint()) {
    throw Error("For integral input tensors, argument alpha must not be a floating point number.");
  }
  return binary(Op::Mul, of(other), of(alpha));
}

template <typename Other>
Tensor add_impl(const Tensor& self, const Other& other, const Scalar& alpha) {
  if (alpha.toDouble() == 1.0 && !alpha.isBoolean()) return binary(Op::Add, of(self), of(other));
  return binary(Op::Add, of(self), of(scaled(self, other, alpha)));
}

template <typename Other>
Tensor sub_impl(const Tensor& self, const Other& other, const Scalar& alpha) {
  if (alpha.toDouble() == 1.0 && !alpha.isBoolean()) return binary(Op::Sub, of(self), of(other));
  return binary(Op::Sub, of(self), of(scaled(self, other, alpha)));
}

}  // namespace

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const { return add_impl(*this, other, alpha); }
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const { return add_impl(*this, other, alpha); }
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const { return sub_impl(*this, other, alpha); }
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const { return sub_impl(*this, other, alpha); }
Tensor Tensor::mul(const Tensor& other) const { return binary(Op::Mul, of(*this), of(other)); }
Tensor Tensor::mul(const Scalar& other) const { return binary(Op::Mul, of(*this), of(other)); }
Tensor Tensor::div(const Tensor& other) const { return binary(Op::Div, of(*this), of(other)); }
Tensor Tensor::div(const Scalar& other) const { return binary(Op::Div, of(*this), of(other)); }

Tensor Tensor::neg() const {
  check_arithmetic_dtype(scalar_type());
  return Tensor(ir::make_unary(Op::Neg, scalar_type(), node()));
}

Tensor Tensor::sum() const {
  // Integral (and bool) sums accumulate in int64, as in PyTorch.
  ScalarType t = ir::is_floating(scalar_type()) ? scalar_type() : kInt64;
  check_arithmetic_dtype(t);
  ir::Shape axes(static_cast<size_t>(dim()));
  std::iota(axes.begin(), axes.end(), 0);
  NodePtr reduced = ir::make_reduce(Op::Sum, t, cast_to(node(), t), std::move(axes));
  return Tensor(ir::make_movement(Op::Reshape, std::move(reduced), {}));
}

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
Tensor sum(const Tensor& a) { return a.sum(); }

}  // namespace kiln
