// simplify: local algebraic rewrites that keep every value bit for bit
// (so floats keep NaN, infinities and the sign of zero):
//   neg(neg(x))            → x
//   cast(cast(x, T1), T2)  → cast(x, T2), or x when T2 is x's type, if x's
//                            type converts to T1 exactly (widening)
//   x * 1, 1 * x, x / 1    → x
//   x + 0, 0 + x, x - 0    → x for integers and bool; for floats only where
//                            exact: x + (-0.0) and x - (+0.0)
//   x * 0, 0 * x           → 0 for integers and bool (no NaN to keep)
// where a constant is a `const`, possibly reshaped and expanded.
#include <cmath>
#include <optional>

#include "passes/passes.h"
#include "passes/rewrite.h"

namespace kiln::passes {

namespace {

using ir::DType;
using ir::Node;
using ir::NodePtr;
using ir::Op;

// The value of a broadcast constant (a const under reshapes and expands).
std::optional<ir::Literal> constant(const Node& n) {
  const Node* c = &n;
  while (c->op == Op::Reshape || c->op == Op::Expand) c = c->srcs[0].get();
  if (c->op != Op::Const) return std::nullopt;
  return c->value;
}

// Whether `n` is the constant `v` (for floats, with v's sign of zero).
bool is_constant(const Node& n, double v) {
  std::optional<ir::Literal> c = constant(n);
  if (!c) return false;
  if (!ir::is_floating(n.dtype)) return ir::literal_as_int(*c) == static_cast<int64_t>(v);
  double d = ir::literal_as_double(*c);
  return d == v && std::signbit(d) == std::signbit(v);
}

// A constant of `like`'s dtype and shape.
NodePtr broadcast_constant(const Node& like, ir::Literal v) {
  NodePtr c = ir::make_const(like.dtype, v);
  if (like.shape.empty()) return c;
  c = ir::make_movement(Op::Reshape, std::move(c), ir::Shape(like.shape.size(), 1));
  if (c->shape != like.shape) c = ir::make_movement(Op::Expand, std::move(c), like.shape);
  return c;
}

// Whether every value of type `from` converts to `to` exactly.
bool exact_conversion(DType from, DType to) {
  if (from == to || from == DType::Bool) return true;
  auto bits = [](DType t) { return static_cast<int>(ir::itemsize(t)) * 8; };
  // Significand bits, sign aside: what a float holds exactly.
  auto precision = [](DType t) {
    switch (t) {
      case DType::Float16:
        return 11;
      case DType::BFloat16:
        return 8;
      case DType::Float32:
        return 24;
      default:
        return 53;
    }
  };
  if (ir::is_integral(from)) {
    int magnitude = bits(from) - (ir::is_signed(from) ? 1 : 0);
    if (ir::is_floating(to)) return magnitude <= precision(to);
    if (to == DType::Bool) return false;
    if (ir::is_signed(from) && !ir::is_signed(to)) return false;
    return magnitude <= bits(to) - (ir::is_signed(to) ? 1 : 0);
  }
  // Floats: only to a wider float with at least the precision and range.
  if (!ir::is_floating(to) || precision(to) < precision(from)) return false;
  if (from == DType::BFloat16) return to == DType::Float32 || to == DType::Float64;
  return bits(to) > bits(from);
}

NodePtr simplify_node(const NodePtr& n) {
  bool floating = ir::is_floating(n->dtype);
  const auto& s = n->srcs;
  switch (n->op) {
    case Op::Neg:
      if (s[0]->op == Op::Neg) return s[0]->srcs[0];
      break;
    case Op::Cast:
      if (s[0]->op == Op::Cast) {
        const NodePtr& x = s[0]->srcs[0];
        if (exact_conversion(x->dtype, s[0]->dtype)) {
          return x->dtype == n->dtype ? x : ir::make_unary(Op::Cast, n->dtype, x);
        }
      }
      break;
    case Op::Mul:
      for (int k : {0, 1}) {
        if (is_constant(*s[k], 1)) return s[1 - k];
        if (!floating && is_constant(*s[k], 0)) return broadcast_constant(*n, int64_t{0});
      }
      break;
    case Op::Div:
      if (is_constant(*s[1], 1)) return s[0];
      break;
    case Op::Add:
      for (int k : {0, 1})
        if (floating ? is_constant(*s[k], -0.0) : is_constant(*s[k], 0)) return s[1 - k];
      break;
    case Op::Sub:
      if (is_constant(*s[1], 0)) return s[0];
      break;
    default:
      break;
  }
  return n;
}

}  // namespace

ir::Graph simplify(const ir::Graph& g, bool keep_roots) {
  return rewrite(g, [](const NodePtr& n, const Node&) { return simplify_node(n); }, RewriteOptions{keep_roots});
}

}  // namespace kiln::passes
