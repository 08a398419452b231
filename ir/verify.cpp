#include "ir/verify.h"

#include <algorithm>

#include "ir/printer.h"
#include "ir/walk.h"

namespace kiln::ir {

namespace {

// Whether a strided view (of a buffer, as_strided or assign) stays within
// `capacity` elements.
std::optional<std::string> check_view(const Shape& shape, const Shape& strides, int64_t offset, int64_t capacity) {
  if (strides.size() != shape.size()) return "view strides rank differs from its shape";
  if (numel(shape) == 0) return std::nullopt;
  int64_t lo = offset, hi = offset;
  for (size_t d = 0; d < shape.size(); ++d) {
    int64_t span = (shape[d] - 1) * strides[d];
    (span < 0 ? lo : hi) += span;
  }
  if (lo < 0 || hi >= capacity) return "view reaches outside its storage";
  return std::nullopt;
}

std::optional<std::string> check_buffer(const Node& n) {
  if (!n.storage) return "buffer has no storage";
  return check_view(n.shape, n.strides, n.offset, static_cast<int64_t>(n.storage->nbytes() / itemsize(n.dtype)));
}

bool is_transcendental(Op op) {
  return op == Op::Exp || op == Op::Log || op == Op::Log2 || op == Op::Sin || op == Op::Cos || op == Op::Tanh ||
         op == Op::Sigmoid;
}

std::optional<std::string> check_node(const Node& n) {
  if (static_cast<int>(n.srcs.size()) != op_arity(n.op)) return "wrong number of operands";
  for (int64_t d : n.shape)
    if (d < 0) return "negative dimension";
  const Node* a = n.srcs.empty() ? nullptr : n.srcs[0].get();
  switch (op_kind(n.op)) {
    case OpKind::Source:
      if (n.op == Op::Buffer) return check_buffer(n);
      if (n.op == Op::Const && !n.shape.empty()) return "const must be 0-d (expand it)";
      if (n.op == Op::Const && !is_canonical(n.value, n.dtype)) return "const value is not canonical";
      if (n.op == Op::Arange && n.shape.size() != 1) return "arange must be 1-d";
      if (n.op == Op::Arange &&
          (!is_canonical(n.value, arange_dtype(n.dtype)) || !is_canonical(n.step, arange_dtype(n.dtype))))
        return "arange start or step is not canonical";
      if (n.op == Op::Linspace && n.shape.size() != 1) return "linspace must be 1-d";
      if (n.op == Op::Linspace && (!is_canonical(n.value, n.dtype) || !is_canonical(n.end, n.dtype)))
        return "linspace start or end is not canonical";
      return std::nullopt;
    case OpKind::Unary:
      if (a->shape != n.shape) return "unary op changes the shape";
      if (n.op != Op::Cast && a->dtype != n.dtype) return "unary op changes the dtype";
      if (n.op == Op::BitNot && is_floating(n.dtype)) return "bitwise op on a floating dtype";
      if (is_transcendental(n.op) && !is_floating(n.dtype)) return "transcendental op needs a floating dtype";
      return std::nullopt;
    case OpKind::Binary:
    case OpKind::Compare:
      if (a->shape != n.shape || n.srcs[1]->shape != n.shape) return "binary operands differ in shape";
      if (a->dtype != n.srcs[1]->dtype) return "binary operands differ in dtype";
      if (op_kind(n.op) == OpKind::Compare ? n.dtype != DType::Bool : a->dtype != n.dtype)
        return "binary result has the wrong dtype";
      if (n.op == Op::Div && !is_floating(n.dtype)) return "div needs a floating dtype";
      if ((n.op == Op::BitAnd || n.op == Op::BitOr || n.op == Op::BitXor) && is_floating(n.dtype))
        return "bitwise op on a floating dtype";
      return std::nullopt;
    case OpKind::Ternary:
      if (a->shape != n.shape || n.srcs[1]->shape != n.shape || n.srcs[2]->shape != n.shape)
        return "ternary operands differ in shape";
      if (a->dtype != DType::Bool) return "where condition is not bool";
      if (n.srcs[1]->dtype != n.dtype || n.srcs[2]->dtype != n.dtype) return "where values differ from the result dtype";
      return std::nullopt;
    case OpKind::Reduce: {
      bool arg = n.op == Op::ArgMax || n.op == Op::ArgMin;
      if (arg ? n.dtype != DType::Int64 : a->dtype != n.dtype)
        return arg ? "argmax/argmin result must be int64" : "reduce operand and result differ in dtype";
      if (!std::is_sorted(n.axes.begin(), n.axes.end()) ||
          std::adjacent_find(n.axes.begin(), n.axes.end()) != n.axes.end())
        return "reduce axes must be sorted and unique";
      Shape expect = a->shape;
      for (int64_t ax : n.axes) {
        if (ax < 0 || ax >= static_cast<int64_t>(expect.size())) return "reduce axis out of range";
        expect[ax] = 1;
      }
      if (expect != n.shape) return "reduce result shape is not the keepdim shape";
      return std::nullopt;
    }
    case OpKind::Gather:
      if (a->dtype != n.dtype) return "gather changes the dtype";
      if (n.srcs[1]->dtype != DType::Int64 || n.srcs[1]->shape != n.shape) return "gather offsets must be int64 of its shape";
      if (n.strides.size() != n.shape.size()) return "gather strides rank differs from its shape";
      return std::nullopt;
    case OpKind::Assign: {
      if (n.op == Op::Scatter) {
        const Node& offsets = *n.srcs[1];
        const Node& values = *n.srcs[2];
        if (a->dtype != n.dtype || values.dtype != n.dtype) return "scatter operands differ in dtype";
        if (a->shape != n.shape) return "scatter changes the shape";
        if (offsets.dtype != DType::Int64 || offsets.shape != values.shape)
          return "scatter offsets must be int64 of the values' shape";
        if (n.strides.size() != values.shape.size()) return "scatter strides rank differs from the values' shape";
        return std::nullopt;
      }
      const Node& value = *n.srcs[1];
      if (a->dtype != n.dtype || value.dtype != n.dtype) return "assign operands differ in dtype";
      if (a->shape != n.shape) return "assign changes the shape";
      return check_view(value.shape, n.strides, n.offset, numel(a->shape));
    }
    case OpKind::Movement:
      if (a->dtype != n.dtype) return "movement op changes the dtype";
      if (n.op == Op::Reshape && numel(a->shape) != numel(n.shape)) return "reshape changes the element count";
      if (n.op == Op::AsStrided) return check_view(n.shape, n.strides, n.offset, numel(a->shape));
      if (n.op == Op::Expand) {
        if (a->shape.size() != n.shape.size()) return "expand changes the rank";
        for (size_t d = 0; d < n.shape.size(); ++d)
          if (a->shape[d] != n.shape[d] && a->shape[d] != 1) return "expand of a non-singleton dimension";
      }
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> verify_node(const Node& n) {
  if (auto err = check_node(n)) return std::string(op_name(n.op)) + " : " + type_string(n.dtype, n.shape) + ": " + *err;
  return std::nullopt;
}

std::optional<std::string> verify(const std::vector<NodePtr>& roots) {
  for (const Node* n : topo_order(roots))
    if (auto err = verify_node(*n)) return err;
  return std::nullopt;
}

}  // namespace kiln::ir
