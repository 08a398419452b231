// simplify: local algebraic rewrites that keep every value bit for bit
// (so floats keep NaN, infinities and the sign of zero):
//   neg(neg(x))            → x
//   cast(cast(x, T1), T2)  → cast(x, T2), or x when T2 is x's type, if x's
//                            type converts to T1 exactly (widening)
//   x * 1, 1 * x, x / 1    → x
//   x + 0, 0 + x, x - 0    → x for integers and bool; for floats only where
//                            exact: x + (-0.0) and x - (+0.0)
//   x * 0, 0 * x           → 0 for integers and bool (no NaN to keep)
//   op(constants)          → the constant it computes (unary, binary,
//                            compare and cast ops), with the engines'
//                            scalar semantics (ir/scalar_ops.h)
// where a constant is a `const`, possibly reshaped and expanded.
#include <cmath>
#include <optional>
#include <type_traits>
#include <vector>

#include "ir/element_types.h"
#include "ir/scalar_ops.h"

#include "passes/passes.h"
#include "passes/rewrite.h"

namespace kiln::passes {

namespace {

using ir::DType;
using ir::Node;
using ir::NodePtr;
using ir::Op;

// Whether `n` is the constant `v` (for floats, with v's sign of zero).
bool is_constant(const Node& n, double v) {
  std::optional<ir::Literal> c = ir::broadcast_const_value(n);
  if (!c) return false;
  if (!ir::is_floating(n.dtype)) return ir::literal_as_int(*c) == static_cast<int64_t>(v);
  double d = ir::literal_as_double(*c);
  return d == v && std::signbit(d) == std::signbit(v);
}

// A canonical literal as the C++ value that stores it (T stores its dtype).
template <typename T>
T value_of(const ir::Literal& v) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(ir::literal_as_int(v));
  } else {
    return ir::convert<T>(ir::literal_as_double(v));
  }
}

template <typename T>
ir::Literal literal_of(T v) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<int64_t>(v);
  } else if constexpr (ir::is_float16_v<T>) {
    return static_cast<double>(ir::to_float(v));
  } else {
    return static_cast<double>(v);
  }
}

// The value of `n` when all its operands are constants, computed as the
// engines compute it; nullopt otherwise.
std::optional<ir::Literal> fold(const Node& n) {
  ir::OpKind kind = ir::op_kind(n.op);
  if (kind != ir::OpKind::Unary && kind != ir::OpKind::Binary && kind != ir::OpKind::Compare) return std::nullopt;
  std::vector<ir::Literal> in;
  for (const NodePtr& s : n.srcs) {
    std::optional<ir::Literal> c = ir::broadcast_const_value(*s);
    if (!c) return std::nullopt;
    in.push_back(*c);
  }
  DType from = n.srcs[0]->dtype;
  // Integer division by zero is an error the frontend raises at the call;
  // a graph that has one anyway (from text) is left to the engines.
  if (n.op == Op::Remainder && !ir::is_floating(from) && ir::literal_as_int(in[1]) == 0) return std::nullopt;
  return ir::visit_dtype(from, [&](auto t) -> ir::Literal {
    using T = decltype(t);
    T x = value_of<T>(in[0]);
    T y = in.size() > 1 ? value_of<T>(in[1]) : x;
    if (n.op == Op::Cast) {
      return ir::visit_dtype(n.dtype, [&](auto u) { return literal_of(ir::convert<decltype(u)>(x)); });
    }
    if (kind == ir::OpKind::Compare) {
      if constexpr (ir::is_float16_v<T>) {
        return literal_of(ir::compare(n.op, ir::to_float(x), ir::to_float(y)));
      } else {
        return literal_of(ir::compare(n.op, x, y));
      }
    }
    return literal_of(ir::elementwise<T>(n.op, x, y));
  });
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
  if (std::optional<ir::Literal> v = fold(*n)) return ir::make_broadcast_const(n->dtype, *v, n->shape);
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
        if (!floating && is_constant(*s[k], 0)) return ir::make_broadcast_const(n->dtype, int64_t{0}, n->shape);
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
