#include "ir/view.h"

#include <vector>

namespace kiln::ir {

std::optional<StridedView> strided_view(const Node* n, const std::function<bool(const Node*)>& materialized) {
  std::vector<const Node*> chain;  // movement ops, top first
  const Node* base = n;
  while (op_kind(base->op) == OpKind::Movement) {
    chain.push_back(base);
    base = base->srcs[0].get();
  }
  if (!materialized(base)) return std::nullopt;
  StridedView v{base, base->is_buffer() ? base->strides : contiguous_strides(base->shape),
                base->is_buffer() ? base->offset : 0};
  for (size_t i = chain.size(); i-- > 0;) {
    const Node* m = chain[i];
    const Shape& from = m->srcs[0]->shape;
    if (m->op == Op::AsStrided) {
      // Strides over the operand's row-major order: only a contiguous
      // operand (size-1 dims aside) has them as memory strides.
      if (!is_row_major(from, v.strides)) return std::nullopt;
      v.strides = m->strides;
      v.offset += m->offset;
    } else if (m->op == Op::Expand) {
      for (size_t d = 0; d < from.size(); ++d)
        if (from[d] != m->shape[d]) v.strides[d] = 0;
    } else {
      auto s = reshape_strides(from, v.strides, m->shape);
      if (!s) return std::nullopt;
      v.strides = std::move(*s);
    }
  }
  return v;
}

}  // namespace kiln::ir
