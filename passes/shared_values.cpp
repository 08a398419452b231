#include "passes/shared_values.h"

#include <cstdint>
#include <functional>
#include <unordered_map>

namespace kiln::passes {

using ir::Node;
using ir::OpKind;

namespace {

// Where a value is read: one place (a kernel, and the view path from the
// kernel's index to the value's), or many.
struct Places {
  bool any = false, many = false;
  uint64_t first = 0;

  void add(uint64_t place) {
    if (!any) any = true, first = place;
    else if (place != first) many = true;
  }
  void add(const Places& other) {
    if (other.any) add(other.first);
    many = many || other.many;
  }
  // The same places seen through view `n`: its operand is read at other indices.
  Places through(const Node* n) const {
    Places p = *this;
    p.first = std::hash<uint64_t>{}(first * 0x9e3779b97f4a7c15ULL ^ reinterpret_cast<uintptr_t>(n));
    return p;
  }
};

class SharedValues {
 public:
  SharedValues(const Uses& uses, const std::function<bool(const Node*)>& must_materialize)
      : uses_(uses), must_materialize_(must_materialize) {}

  // Computed inline by whoever reads `n`: not a buffer nor a kernel of its
  // own, and read once (a broadcast constant's parts are always inline).
  bool inline_part(const Node* n) const {
    if (n->is_buffer() || must_materialize_(n)) return false;
    OpKind k = ir::op_kind(n->op);
    if (k == OpKind::Source) return n->op == ir::Op::Const;
    return (ir::is_elementwise(n->op) || k == OpKind::Movement) && uses_.at(n) == 1;
  }

  // What recomputing `n` costs: its elementwise ops and those of the
  // single-use nodes under it, and the values at least its size it loads.
  bool cheap(const Node* n) const {
    int ops = 0, large_loads = 0;
    std::vector<const Node*> todo{n};
    std::unordered_map<const Node*, bool> seen{{n, true}};
    while (!todo.empty()) {
      const Node* m = todo.back();
      todo.pop_back();
      if (ir::is_elementwise(m->op)) ++ops;
      for (const auto& s : m->srcs) {
        if (!seen.emplace(s.get(), true).second) continue;
        if (inline_part(s.get())) {
          todo.push_back(s.get());
        } else if (ir::numel(s->shape) >= ir::numel(n->shape) && s->op != ir::Op::Const) {
          ++large_loads;
        }
      }
    }
    return ops <= kMaxRecomputedOps && large_loads <= 1;
  }

  std::unordered_set<const Node*> run(const std::vector<Node*>& order) {
    std::unordered_map<const Node*, Places> read_at;
    std::unordered_set<const Node*> inlined, under_recomputed;
    for (size_t i = order.size(); i-- > 0;) {
      const Node* n = order[i];
      if (n->is_buffer()) continue;
      Places at = read_at[n];
      bool kernel = must_materialize_(n), recomputed = false;
      if (!kernel && ir::is_elementwise(n->op) && uses_.at(n) > 1) {
        if (!at.many) {
          inlined.insert(n);
        } else if (under_recomputed.count(n) == 0 && cheap(n)) {
          inlined.insert(n);
          recomputed = true;
        } else {
          kernel = true;
        }
      }
      // Where n's operands are read: in n's own kernel, or where n is.
      Places operands;
      if (kernel) {
        operands.add(reinterpret_cast<uintptr_t>(n));
      } else {
        operands = ir::op_kind(n->op) == OpKind::Movement ? at.through(n) : at;
      }
      bool below = recomputed || (!kernel && under_recomputed.count(n) != 0);
      for (const auto& s : n->srcs) {
        read_at[s.get()].add(operands);
        if (below) under_recomputed.insert(s.get());
      }
    }
    return inlined;
  }

 private:
  const Uses& uses_;
  const std::function<bool(const Node*)>& must_materialize_;
};

}  // namespace

std::unordered_set<const Node*> inlined_shared_values(const std::vector<Node*>& order, const Uses& uses,
                                                      const std::function<bool(const Node*)>& must_materialize) {
  return SharedValues(uses, must_materialize).run(order);
}

}  // namespace kiln::passes
