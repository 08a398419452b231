#include "runtime/interpreter.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <cstring>
#include <memory>
#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

#include "ir/element_types.h"
#include "ir/scalar_ops.h"
#include "ir/walk.h"
#include "runtime/host_storage.h"
#include "runtime/ramp.h"

namespace kiln::runtime {

namespace {

using ir::convert;
using ir::is_float16_v;
using ir::to_float;
using ir::wrap;
using ir::visit_dtype;
using ir::elementwise;
using ir::compare;

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


// Copies the strided view (shape, strides, offset) of `src` into a
// contiguous value: used for buffers, expands and reshapes alike.
Value gather(const Node& n, const Value& src, const Shape& strides, int64_t offset) {
  Value out = allocate_host_for(n);
  auto size = static_cast<int64_t>(ir::itemsize(n.dtype));
  auto* from = static_cast<const char*>(src->data()) + offset * size;
  auto* to = static_cast<char*>(out->data());
  ir::for_each_offset<1>(n.shape, {&strides}, [&](const auto& at) {
    std::memcpy(to, from + at[0] * size, static_cast<size_t>(size));
    to += size;
  });
  return out;
}

// Advanced indexing: the affine view of `src` plus each element's offset.
Value eval_gather(const Node& n, const Value& src, const Value& offsets) {
  Value out = allocate_host_for(n);
  auto size = static_cast<int64_t>(ir::itemsize(n.dtype));
  const auto* from = static_cast<const char*>(src->data());
  const int64_t* extra = elems<int64_t>(offsets);
  auto* to = static_cast<char*>(out->data());
  ir::for_each_offset<1>(n.shape, {&n.strides}, [&](const auto& at) {
    std::memcpy(to, from + (n.offset + at[0] + *extra++) * size, static_cast<size_t>(size));
    to += size;
  });
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

Value eval_elementwise(const Node& n, const std::vector<Value>& in) {
  Value out = allocate_host_for(n);
  int64_t count = ir::numel(n.shape);
  visit_dtype(n.dtype, [&](auto t) {
    using T = decltype(t);
    const T* a = elems<T>(in[0]);
    const T* b = in.size() > 1 ? elems<T>(in[1]) : nullptr;
    T* o = elems<T>(out);
    for (int64_t i = 0; i < count; ++i) o[i] = elementwise<T>(n.op, a[i], b ? b[i] : a[i]);
  });
  return out;
}

// Picks whole elements, whatever their type.
Value eval_where(const Node& n, const Value& cond, const Value& a, const Value& b) {
  Value out = allocate_host_for(n);
  size_t size = ir::itemsize(n.dtype);
  int64_t count = ir::numel(n.shape);
  const bool* c = elems<bool>(cond);
  auto* o = static_cast<char*>(out->data());
  for (int64_t i = 0; i < count; ++i) {
    const Value& from = c[i] ? a : b;
    std::memcpy(o + i * size, static_cast<const char*>(from->data()) + i * size, size);
  }
  return out;
}

// The value an empty reduction starts from (as the JIT's reduce_identity).
template <typename Acc>
Acc reduce_identity(Op op) {
  if (op == Op::Sum) return Acc{0};
  if (op == Op::Prod) return Acc{1};
  bool lowest = op == Op::Max || op == Op::ArgMax;
  if constexpr (std::is_floating_point_v<Acc>) {
    return lowest ? -std::numeric_limits<Acc>::infinity() : std::numeric_limits<Acc>::infinity();
  } else {
    return lowest ? std::numeric_limits<Acc>::lowest() : std::numeric_limits<Acc>::max();
  }
}

// Whether `v` replaces the running max/min `acc`: strictly better (the
// first of equal values wins); a NaN wins and then stays.
template <typename Acc>
bool reduce_takes(Op op, Acc acc, Acc v) {
  bool better = op == Op::Max || op == Op::ArgMax ? v > acc : v < acc;
  if constexpr (std::is_floating_point_v<Acc>) return !std::isnan(acc) && (better || std::isnan(v));
  return better;
}

// Every reduction, in the accumulator type the JIT uses
// (ir::reduce_accumulator), visiting the elements in row-major order.
Value eval_reduce(const Node& n, const Value& a) {
  const Node& src = *n.srcs[0];
  const Shape& in_shape = src.shape;
  Shape out_strides = ir::contiguous_strides(n.shape);
  for (int64_t ax : n.axes) out_strides[ax] = 0;  // reduced dims all land on one output
  // The position of an element among those reduced into the same output.
  Shape reduced_extents(in_shape.size(), 1);
  for (int64_t ax : n.axes) reduced_extents[ax] = in_shape[ax];
  Shape pos_strides = ir::contiguous_strides(reduced_extents);
  for (size_t d = 0; d < in_shape.size(); ++d)
    if (std::find(n.axes.begin(), n.axes.end(), static_cast<int64_t>(d)) == n.axes.end()) pos_strides[d] = 0;
  bool arg = n.op == Op::ArgMax || n.op == Op::ArgMin;
  int64_t out_count = ir::numel(n.shape);
  Value out = allocate_host_for(n);
  visit_dtype(src.dtype, [&](auto t) {
    using T = decltype(t);
    visit_dtype(ir::reduce_accumulator(n.op, src.dtype), [&](auto acc_type) {
      using Acc = decltype(acc_type);
      if constexpr (is_float16_v<Acc>) {
        throw std::logic_error("interpreter: 16-bit float accumulator");
      } else {
        const T* x = elems<T>(a);
        // Not std::vector: vector<bool> has no bool& to accumulate into.
        std::unique_ptr<Acc[]> acc(new Acc[static_cast<size_t>(out_count)]);
        std::fill_n(acc.get(), out_count, reduce_identity<Acc>(n.op));
        std::vector<int64_t> winner(arg ? static_cast<size_t>(out_count) : 0, 0);
        int64_t i = 0;
        ir::for_each_offset<2>(in_shape, {&out_strides, &pos_strides}, [&](const auto& offsets) {
          auto [at, pos] = offsets;
          Acc v = convert<Acc>(x[i++]);
          Acc& r = acc[static_cast<size_t>(at)];
          if (n.op == Op::Sum) {
            r = wrap<Acc>(r, v, [](auto p, auto q) { return p + q; });
          } else if (n.op == Op::Prod) {
            r = wrap<Acc>(r, v, [](auto p, auto q) { return p * q; });
          } else if (reduce_takes(n.op, r, v)) {
            r = v;
            if (arg) winner[static_cast<size_t>(at)] = pos;
          }
        });
        for (int64_t i = 0; i < out_count; ++i) {
          if (arg) {
            elems<int64_t>(out)[i] = winner[static_cast<size_t>(i)];
          } else {
            elems<T>(out)[i] = convert<T>(acc[static_cast<size_t>(i)]);
          }
        }
      }
    });
  });
  return out;
}

Value eval(const Node& n, const std::unordered_map<const Node*, Value>& values) {
  auto operand = [&](size_t i) { return values.at(n.srcs[i].get()); };
  switch (ir::op_kind(n.op)) {
    case ir::OpKind::Unary:
      if (n.op != Op::Cast) return eval_elementwise(n, {operand(0)});
      break;
    case ir::OpKind::Binary:
      return eval_elementwise(n, {operand(0), operand(1)});
    case ir::OpKind::Compare:
      return eval_compare(n, operand(0), operand(1));
    case ir::OpKind::Ternary:
      return eval_where(n, operand(0), operand(1), operand(2));
    default:
      break;
  }
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
    case Op::Sum:
    case Op::Prod:
    case Op::Max:
    case Op::Min:
    case Op::ArgMax:
    case Op::ArgMin:
      return eval_reduce(n, operand(0));
    case Op::Reshape:
      return operand(0);  // contiguous: same elements in the same order
    case Op::AsStrided:
      return gather(n, operand(0), n.strides, n.offset);
    case Op::Gather:
      return eval_gather(n, operand(0), operand(1));
    case Op::Expand: {
      Shape strides = ir::contiguous_strides(n.srcs[0]->shape);
      for (size_t d = 0; d < strides.size(); ++d)
        if (n.srcs[0]->shape[d] != n.shape[d]) strides[d] = 0;
      return gather(n, operand(0), strides, 0);
    }
    default:  // elementwise ops, above
      break;
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
