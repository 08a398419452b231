// split-reductions: a reduction of many elements into a few values runs in
// two steps, so its first step has an outer loop to spread across threads:
//   sum(x) over N elements → sum(sum(reshape(x, [P, N/P]), 1), 0)
// The split dim is the first reduced dim divisible by P (64, 32, 16 or 8)
// such that each part reduces at least kMinChunk elements; only reductions
// into fewer than kMaxOutputs values of at least kMinElements elements each
// are split.
// Sums' partial results keep the accumulator's type (float32 sums' partials
// are float64), so splitting only reassociates the sum, as the vector code
// already does; max and min are exact in any order. Products (rounding in
// their own type) and arg reductions (positions) are not split.
#include <algorithm>

#include "passes/passes.h"
#include "passes/rewrite.h"

namespace kiln::passes {

namespace {

using ir::Node;
using ir::NodePtr;
using ir::Op;
using ir::Shape;

constexpr int64_t kMaxOutputs = 8;
constexpr int64_t kMinElements = 1 << 16;
constexpr int64_t kMinChunk = 1 << 10;

bool reduced(const Node& r, size_t d) {
  for (int64_t a : r.axes)
    if (a == static_cast<int64_t>(d)) return true;
  return false;
}

NodePtr split(const NodePtr& r) {
  if (r->op != Op::Sum && r->op != Op::Max && r->op != Op::Min) return r;
  const NodePtr& x = r->srcs[0];
  int64_t outputs = ir::numel(r->shape);
  if (outputs == 0 || outputs >= kMaxOutputs || ir::numel(x->shape) / outputs < kMinElements) return r;
  // The first reduced dim that P divides into chunks of kMinChunk or more.
  const Shape& s = x->shape;
  int64_t each = ir::numel(s) / outputs;  // elements reduced into each output
  size_t at = s.size();
  int64_t parts = 0;
  for (size_t d = 0; d < s.size() && at == s.size(); ++d) {
    if (!reduced(*r, d)) continue;
    for (int64_t p : {64, 32, 16, 8})
      if (s[d] % p == 0 && each / p >= kMinChunk) {
        at = d, parts = p;
        break;
      }
  }
  if (at == s.size()) return r;
  Shape split_shape(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(at));
  split_shape.push_back(parts);
  split_shape.push_back(s[at] / parts);
  split_shape.insert(split_shape.end(), s.begin() + static_cast<std::ptrdiff_t>(at) + 1, s.end());
  // Step 1 reduces each part (dim at + 1 and the other reduced dims, shifted
  // past the new one); step 2 reduces the parts (dim at) too.
  Shape first, second{static_cast<int64_t>(at)};
  for (int64_t a : r->axes) {
    int64_t shifted = a < static_cast<int64_t>(at) ? a : a + 1;
    first.push_back(shifted);
    second.push_back(shifted);
  }
  std::sort(first.begin(), first.end());
  std::sort(second.begin(), second.end());
  ir::DType partial = r->op == Op::Sum ? ir::reduce_accumulator(Op::Sum, x->dtype) : x->dtype;
  NodePtr v = ir::make_movement(Op::Reshape, x, split_shape);
  if (v->dtype != partial) v = ir::make_unary(Op::Cast, partial, std::move(v));
  NodePtr parts_node = ir::make_reduce(r->op, partial, std::move(v), std::move(first));
  NodePtr whole = ir::make_reduce(r->op, partial, std::move(parts_node), std::move(second));
  NodePtr out = ir::make_movement(Op::Reshape, std::move(whole), r->shape);
  return out->dtype == r->dtype ? out : ir::make_unary(Op::Cast, r->dtype, std::move(out));
}

}  // namespace

ir::Graph split_reductions(const ir::Graph& g, bool keep_roots) {
  return rewrite(g, [](const NodePtr& n, const Node&) { return ir::op_kind(n->op) == ir::OpKind::Reduce ? split(n) : n; },
                 RewriteOptions{keep_roots});
}

}  // namespace kiln::passes
