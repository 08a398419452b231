#include "passes/fuse.h"

#include <stdexcept>
#include <unordered_set>

#include "ir/view.h"
#include "ir/walk.h"
#include "passes/shared_values.h"
#include "passes/uses.h"

namespace kiln::passes {

using ir::Node;
using ir::Op;
using ir::OpKind;

namespace {

// The same dims, except size-1 ones.
bool same_but_unit_dims(const ir::Shape& a, const ir::Shape& b) {
  ir::Shape x, y;
  for (int64_t d : a)
    if (d != 1) x.push_back(d);
  for (int64_t d : b)
    if (d != 1) y.push_back(d);
  return x == y;
}

// Rule 8: a reduction read once, by an elementwise kernel at that kernel's
// output index (through elementwise ops and reshapes that add or drop
// size-1 dims), is not materialized: the kernel computes it and applies its
// own ops to the reduced value before storing (an epilogue).
void fuse_epilogues(Schedule& s, const std::unordered_set<const Node*>& is_root, const Uses& uses) {
  std::unordered_set<const Node*> absorbed;
  for (const ScheduleItem& item : s.items) {
    const Node* e = item.node.get();
    bool unit_reshape = e->op == Op::Reshape && same_but_unit_dims(e->srcs[0]->shape, e->shape);
    if (item.kind != ScheduleItem::Kind::Kernel || !(ir::is_elementwise(e->op) || unit_reshape)) continue;
    std::vector<const Node*> todo{e};
    std::unordered_set<const Node*> seen{e};
    bool found = false;  // one reduction per kernel
    while (!todo.empty() && !found) {
      const Node* n = todo.back();
      todo.pop_back();
      for (const auto& src : n->srcs) {
        const Node* m = src.get();
        if (found || !seen.insert(m).second || m->is_buffer()) continue;
        if (s.materialized(m)) {
          found = ir::op_kind(m->op) == OpKind::Reduce && !is_root.count(m) && uses.at(m) == 1 &&
                  same_but_unit_dims(m->shape, e->shape) && absorbed.insert(m).second;
          continue;
        }
        if (ir::is_elementwise(m->op) || (m->op == Op::Reshape && same_but_unit_dims(m->srcs[0]->shape, m->shape)))
          todo.push_back(m);
      }
    }
  }
  if (absorbed.empty()) return;
  std::vector<ScheduleItem> items;
  s.index.clear();
  for (ScheduleItem& item : s.items) {
    if (absorbed.count(item.node.get())) continue;
    s.index[item.node.get()] = items.size();
    items.push_back(std::move(item));
  }
  s.items = std::move(items);
}

}  // namespace

Schedule fuse(const std::vector<ir::NodePtr>& roots) {
  std::vector<Node*> order = ir::topo_order(roots);
  std::unordered_set<const Node*> is_root;
  for (const auto& r : roots) is_root.insert(r.get());

  Uses uses = count_uses(order, roots);
  // What the rules below materialize whatever the uses: roots, reductions,
  // shared gathers, merging reshapes, and what strided and gathered reads
  // read in memory.
  std::unordered_set<const Node*> read_in_memory;
  for (const Node* n : order)
    if (n->op == Op::AsStrided || n->op == Op::Gather) read_in_memory.insert(n->srcs[0].get());
  auto must_materialize = [&](const Node* n) {
    if (is_root.count(n) || read_in_memory.count(n)) return true;
    switch (ir::op_kind(n->op)) {
      case OpKind::Reduce:
        return true;
      case OpKind::Gather:
        return uses[n] > 1;
      case OpKind::Movement:
        return n->op == Op::Reshape && !n->srcs[0]->is_buffer() &&
               !ir::reshape_index_map(n->srcs[0]->shape, n->shape);
      default:
        return false;
    }
  };
  std::unordered_set<const Node*> inlined = inlined_shared_values(order, uses, must_materialize);

  Schedule schedule;
  auto add = [&](Node* n, ScheduleItem::Kind kind, std::string reason) {
    schedule.index[n] = schedule.items.size();
    schedule.items.push_back({n->shared_from_this(), kind, std::move(reason)});
  };
  auto materialized = [&](const Node* n) { return schedule.materialized(n); };
  // Strided and gathered reads count their offsets in the operand's
  // row-major order: the operand must be memory laid out so. A realized
  // alias that is not (a broadcast constant) is copied first.
  auto make_row_major = [&](Node* src, const char* reason) {
    bool ready = src->is_buffer() ? ir::is_row_major(src->shape, src->strides) || schedule.index.count(src) != 0
                                  : materialized(src);
    if (!ready) add(src, ScheduleItem::Kind::Kernel, reason);
  };
  for (Node* n : order) {
    if (n->is_buffer()) continue;
    bool root = is_root.count(n) != 0;
    switch (ir::op_kind(n->op)) {
      case OpKind::Source:
        if (n->op == Op::Arange || n->op == Op::Linspace) {
          add(n, ScheduleItem::Kind::Host, std::string(ir::op_name(n->op)));
        } else if (root) {
          add(n, ScheduleItem::Kind::Kernel, "output");
        }
        break;
      case OpKind::Movement:
        if (n->op == Op::AsStrided) make_row_major(n->srcs[0].get(), "read through strides");
        if (ir::strided_view(n, materialized)) {
          if (root) add(n, ScheduleItem::Kind::Alias, "view");
        } else if (root) {
          add(n, ScheduleItem::Kind::Kernel, "output");
        } else if (n->op == Op::Reshape && !ir::reshape_index_map(n->srcs[0]->shape, n->shape)) {
          add(n, ScheduleItem::Kind::Kernel, "reshape merges dims");
        }
        break;
      case OpKind::Reduce:
        add(n, ScheduleItem::Kind::Kernel, root ? "output" : "reduce");
        break;
      case OpKind::Gather: {
        // The offsets fuse into the gather's kernel; the source is read.
        make_row_major(n->srcs[0].get(), "read at gathered offsets");
        if (root) {
          add(n, ScheduleItem::Kind::Kernel, "output");
        } else if (uses[n] > 1) {
          add(n, ScheduleItem::Kind::Kernel, "used " + std::to_string(uses[n]) + " times");
        }
        break;
      }
      case OpKind::Assign:
        throw std::logic_error("fuse: writes are applied before scheduling");
      case OpKind::Unary:
      case OpKind::Binary:
      case OpKind::Compare:
      case OpKind::Ternary:
        if (root) {
          add(n, ScheduleItem::Kind::Kernel, "output");
        } else if (uses[n] > 1 && !inlined.count(n)) {
          add(n, ScheduleItem::Kind::Kernel, "used " + std::to_string(uses[n]) + " times");
        }
        break;
    }
  }
  fuse_epilogues(schedule, is_root, uses);
  return schedule;
}

}  // namespace kiln::passes
