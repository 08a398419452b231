#include "runtime/interpreter.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "ir/walk.h"
#include "runtime/ramp.h"
#include "runtime/element_types.h"
#include "runtime/host_storage.h"

namespace kiln::runtime {

namespace {

using ir::DType;
using ir::Node;
using ir::Op;
using ir::Shape;

// A computed value: contiguous elements of the node's dtype and shape.
using Value = std::shared_ptr<ir::Storage>;

template <typename T>
T* elems(const Value& v) {
  return static_cast<T*>(v->data());
}


// Integer arithmetic wraps like two's complement hardware (and the JIT):
// computing in uint64 keeps C++ free of signed-overflow UB.
template <typename T, typename F>
T wrap(T a, T b, F f) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return static_cast<T>(f(static_cast<uint64_t>(a), static_cast<uint64_t>(b)));
  } else {
    return f(a, b);
  }
}

// Copies the strided view (shape, strides, offset) of `src` into a
// contiguous value: used for buffers, expands and reshapes alike.
Value gather(const Node& n, const Value& src, const Shape& strides, int64_t offset) {
  Value out = allocate_host_for(n);
  size_t size = ir::itemsize(n.dtype);
  int64_t count = ir::numel(n.shape);
  std::vector<int64_t> idx(n.shape.size(), 0);
  auto* from = static_cast<const char*>(src->data());
  auto* to = static_cast<char*>(out->data());
  for (int64_t i = 0; i < count; ++i) {
    int64_t at = offset;
    for (size_t d = 0; d < idx.size(); ++d) at += idx[d] * strides[d];
    std::memcpy(to + i * size, from + at * size, size);
    for (size_t d = idx.size(); d-- > 0;) {
      if (++idx[d] < n.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

Value eval_ramp(const Node& n) {
  Value out = allocate_host_for(n);
  fill_ramp(n, out->data());
  return out;
}

Value eval_const(const Node& n) {
  Value out = allocate_host_for(n);
  visit_dtype(n.dtype, [&](auto t) {
    using T = decltype(t);
    // Literals are canonical for the dtype: the conversion is exact.
    if constexpr (std::is_integral_v<T>) {
      *elems<T>(out) = static_cast<T>(ir::literal_as_int(n.value));
    } else {
      *elems<T>(out) = convert<T>(ir::literal_as_double(n.value));
    }
  });
  return out;
}

Value eval_cast(const Node& n, const Value& a) {
  Value out = allocate_host_for(n);
  int64_t count = ir::numel(n.shape);
  visit_dtype(n.srcs[0]->dtype, [&](auto from) {
    visit_dtype(n.dtype, [&](auto to) {
      using From = decltype(from);
      using To = decltype(to);
      const From* x = elems<From>(a);
      To* o = elems<To>(out);
      for (int64_t i = 0; i < count; ++i) o[i] = convert<To>(x[i]);
    });
  });
  return out;
}

// maximum/minimum as the JIT emits them: std::max / std::min (ties, such as
// -0.0 against 0.0, keep the first operand); NaN on either side gives NaN.
template <typename T>
T pick(Op op, T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<T>::quiet_NaN();
  }
  return (op == Op::Maximum ? x < y : y < x) ? y : x;
}

template <typename T>
bool compare(Op op, T x, T y) {
  switch (op) {
    case Op::Eq:
      return x == y;
    case Op::Ne:
      return x != y;
    case Op::Lt:
      return x < y;
    case Op::Le:
      return x <= y;
    case Op::Gt:
      return x > y;
    case Op::Ge:
      return x >= y;
    default:
      throw std::logic_error("interpreter: not a comparison: " + std::string(ir::op_name(op)));
  }
}

Value eval_compare(const Node& n, const Value& a, const Value& b) {
  Value out = allocate_host_for(n);
  int64_t count = ir::numel(n.shape);
  visit_dtype(n.srcs[0]->dtype, [&](auto t) {
    using T = decltype(t);
    const T* x = elems<T>(a);
    const T* y = elems<T>(b);
    bool* o = elems<bool>(out);
    for (int64_t i = 0; i < count; ++i) {
      if constexpr (is_float16_v<T>) {
        o[i] = compare(n.op, to_float(x[i]), to_float(y[i]));
      } else {
        o[i] = compare(n.op, x[i], y[i]);
      }
    }
  });
  return out;
}

// The unary ops as the JIT emits them (see codegen/llvm/emit.cpp).
template <typename T>
T unary(Op op, T x) {
  switch (op) {
    case Op::Abs:
      if constexpr (std::is_floating_point_v<T>) return std::fabs(x);
      else if constexpr (std::is_signed_v<T>) return x < 0 ? static_cast<T>(T{0} - static_cast<std::make_unsigned_t<T>>(x)) : x;
      else return x;
    case Op::Relu:
      return x < T{0} ? T{0} : x;
    case Op::Sign:
      return static_cast<T>(static_cast<T>(x > T{0}) - static_cast<T>(x < T{0}));
    case Op::Floor:
      if constexpr (std::is_floating_point_v<T>) return std::floor(x);
      else return x;
    case Op::Ceil:
      if constexpr (std::is_floating_point_v<T>) return std::ceil(x);
      else return x;
    case Op::Round:
      if constexpr (std::is_floating_point_v<T>) return std::nearbyint(x);
      else return x;
    case Op::Sqrt:
      if constexpr (std::is_floating_point_v<T>) return std::sqrt(x);
      break;
    case Op::Rsqrt:
      if constexpr (std::is_floating_point_v<T>) return T{1} / std::sqrt(x);
      break;
    default:
      break;
  }
  throw std::logic_error("interpreter: cannot evaluate " + std::string(ir::op_name(op)));
}

bool is_unary_math(Op op) {
  return op == Op::Abs || op == Op::Relu || op == Op::Sign || op == Op::Floor || op == Op::Ceil || op == Op::Round ||
         op == Op::Sqrt || op == Op::Rsqrt;
}

float float_alu(const Node& n, float x, float y) {
  if (is_unary_math(n.op)) return unary(n.op, x);
  switch (n.op) {
    case Op::Maximum:
    case Op::Minimum:
      return pick(n.op, x, y);
    case Op::Neg:
      return -x;
    case Op::Add:
      return x + y;
    case Op::Sub:
      return x - y;
    case Op::Mul:
      return x * y;
    case Op::Div:
      return x / y;
    default:
      throw std::logic_error("interpreter: cannot evaluate " + std::string(ir::op_name(n.op)));
  }
}

Value eval_elementwise(const Node& n, const std::vector<Value>& in) {
  Value out = allocate_host_for(n);
  int64_t count = ir::numel(n.shape);
  visit_dtype(n.dtype, [&](auto t) {
    using T = decltype(t);
    const T* a = elems<T>(in[0]);
    const T* b = in.size() > 1 ? elems<T>(in[1]) : nullptr;
    T* o = elems<T>(out);
    if constexpr (is_float16_v<T>) {
      // Computed in float, rounded back after each op.
      for (int64_t i = 0; i < count; ++i) {
        float x = to_float(a[i]), y = b ? to_float(b[i]) : 0.0f;
        o[i] = from_float<T>(float_alu(n, x, y));
      }
      return;
    } else {
    for (int64_t i = 0; i < count; ++i) {
      if constexpr (!std::is_same_v<T, bool>) {
        if (is_unary_math(n.op)) {
          o[i] = unary(n.op, a[i]);
          continue;
        }
      }
      switch (n.op) {
        case Op::Neg:
          o[i] = wrap<T>(T{}, a[i], [](auto, auto y) { return -y; });
          break;
        case Op::Add:
          o[i] = wrap<T>(a[i], b[i], [](auto x, auto y) { return x + y; });
          break;
        case Op::Sub:
          o[i] = wrap<T>(a[i], b[i], [](auto x, auto y) { return x - y; });
          break;
        case Op::Mul:
          o[i] = wrap<T>(a[i], b[i], [](auto x, auto y) { return x * y; });
          break;
        case Op::Maximum:
        case Op::Minimum:
          o[i] = pick(n.op, a[i], b[i]);
          break;
        case Op::Div:
          if constexpr (std::is_floating_point_v<T>) {
            o[i] = a[i] / b[i];
            break;
          }
          [[fallthrough]];
        default:
          throw std::logic_error("interpreter: cannot evaluate " + std::string(ir::op_name(n.op)) + " on " +
                                 std::string(ir::torch_name(n.dtype)));
      }
    }
    }
  });
  return out;
}

Value eval_sum(const Node& n, const Value& a) {
  const Shape& in_shape = n.srcs[0]->shape;
  Shape out_strides = ir::contiguous_strides(n.shape);
  for (int64_t ax : n.axes) out_strides[ax] = 0;  // reduced dims all land on one output
  Value out = allocate_host_for(n);
  visit_dtype(n.dtype, [&](auto t) {
    using T = decltype(t);
    // The accumulator type is the JIT's (codegen::sum_accumulator).
    using Acc = std::conditional_t<std::is_same_v<T, float>, double, std::conditional_t<is_float16_v<T>, float, T>>;
    const T* x = elems<T>(a);
    int64_t out_count = ir::numel(n.shape);
    std::vector<Acc> acc(static_cast<size_t>(out_count), Acc{});
    std::vector<int64_t> idx(in_shape.size(), 0);
    int64_t count = ir::numel(in_shape);
    for (int64_t i = 0; i < count; ++i) {
      int64_t at = 0;
      for (size_t d = 0; d < idx.size(); ++d) at += idx[d] * out_strides[d];
      acc[at] = wrap<Acc>(acc[at], convert<Acc>(x[i]), [](auto p, auto q) { return p + q; });
      for (size_t d = idx.size(); d-- > 0;) {
        if (++idx[d] < in_shape[d]) break;
        idx[d] = 0;
      }
    }
    T* o = elems<T>(out);
    for (int64_t i = 0; i < out_count; ++i) o[i] = convert<T>(acc[static_cast<size_t>(i)]);
  });
  return out;
}

Value eval(const Node& n, const std::unordered_map<const Node*, Value>& values) {
  auto operand = [&](size_t i) { return values.at(n.srcs[i].get()); };
  switch (n.op) {
    case Op::Buffer:
      return gather(n, n.storage, n.strides, n.offset);
    case Op::Const:
      return eval_const(n);
    case Op::Arange:
    case Op::Linspace:
      return eval_ramp(n);
    case Op::Cast:
      return eval_cast(n, operand(0));
    case Op::Neg:
    case Op::Abs:
    case Op::Relu:
    case Op::Sign:
    case Op::Floor:
    case Op::Ceil:
    case Op::Round:
    case Op::Sqrt:
    case Op::Rsqrt:
      return eval_elementwise(n, {operand(0)});
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Maximum:
    case Op::Minimum:
      return eval_elementwise(n, {operand(0), operand(1)});
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return eval_compare(n, operand(0), operand(1));
    case Op::Sum:
      return eval_sum(n, operand(0));
    case Op::Reshape:
      return operand(0);  // contiguous: same elements in the same order
    case Op::Expand: {
      Shape strides = ir::contiguous_strides(n.srcs[0]->shape);
      for (size_t d = 0; d < strides.size(); ++d)
        if (n.srcs[0]->shape[d] != n.shape[d]) strides[d] = 0;
      return gather(n, operand(0), strides, 0);
    }
  }
  throw std::logic_error("interpreter: unknown op");
}

}  // namespace

void interpret(const std::vector<ir::NodePtr>& roots) {
  std::vector<Node*> order = ir::topo_order(roots);
  // Each value is freed after its last reader: without LLVM, this is the
  // CPU engine, and long graphs must not hold every intermediate at once.
  std::unordered_map<const Node*, int64_t> readers;
  for (const Node* n : order)
    for (const auto& s : n->srcs) ++readers[s.get()];
  for (const auto& r : roots) ++readers[r.get()];
  std::unordered_map<const Node*, Value> values;
  for (const Node* n : order) {
    values[n] = eval(*n, values);
    for (const auto& s : n->srcs)
      if (--readers[s.get()] == 0) values.erase(s.get());
  }
  for (const auto& r : roots) {
    if (r->is_buffer()) continue;
    r->become_buffer(values.at(r.get()), ir::contiguous_strides(r->shape), 0);
  }
}

}  // namespace kiln::runtime
