#include "passes/memory_plan.h"

#include <algorithm>
#include <unordered_set>

#include "ir/walk.h"

namespace kiln::passes {

using ir::Node;
using ir::OpKind;

namespace {

int64_t bytes_of(const Node& n) { return ir::numel(n.shape) * static_cast<int64_t>(ir::itemsize(n.dtype)); }

// A value a kernel loads, and whether every load is at the address the
// kernel stores to (reached from the root through elementwise ops only).
struct Read {
  const Node* value;
  bool aligned;
};

class Planner {
 public:
  Planner(const Schedule& s, const std::vector<ir::NodePtr>& roots) : s_(s), order_(ir::topo_order(roots)) {
    for (size_t i = 0; i < order_.size(); ++i) position_[order_[i]] = i;
  }

  // A kernel of this schedule writes `n` into memory of its own.
  bool kernel_output(const Node* n) const {
    auto it = s_.index.find(n);
    return it != s_.index.end() && s_.items[it->second].kind == ScheduleItem::Kind::Kernel && ir::numel(n->shape) != 0;
  }

  // Rule 2: the values that may be read after the schedule has run. Users
  // come before operands; a node an item computes into memory reads its
  // operands no more, a view alias keeps its source's memory.
  void find_escaping(const std::vector<ir::NodePtr>& roots, const std::function<bool(const Node*)>& held_outside) {
    for (const auto& r : roots) escapes_.insert(r.get());
    for (size_t i = order_.size(); i-- > 0;) {
      const Node* n = order_[i];
      if (held_outside(n)) escapes_.insert(n);
      if (escapes_.count(n) == 0) continue;
      auto it = s_.index.find(n);
      if (it != s_.index.end() && s_.items[it->second].kind != ScheduleItem::Kind::Alias) continue;
      for (const auto& src : n->srcs) escapes_.insert(src.get());
    }
  }

  bool can_hand_on(const Node* n) const { return kernel_output(n) && escapes_.count(n) == 0; }

  // The values kernel `root` loads: its inline region is walked users
  // first, so a node is aligned only if every edge into it is.
  std::vector<Read> reads_of(const Node* root) const {
    std::vector<const Node*> region{root};
    std::unordered_set<const Node*> seen{root};
    for (size_t i = 0; i < region.size(); ++i) {
      if (region[i] != root && s_.materialized(region[i])) continue;
      for (const auto& src : region[i]->srcs)
        if (seen.insert(src.get()).second) region.push_back(src.get());
    }
    std::sort(region.begin(), region.end(),
              [&](const Node* a, const Node* b) { return position_.at(a) > position_.at(b); });
    std::unordered_map<const Node*, bool> aligned{{root, true}};
    std::vector<Read> reads;
    for (const Node* u : region) {
      if (u != root && s_.materialized(u)) {
        reads.push_back({u, aligned.at(u)});
        continue;
      }
      bool edge_aligned = aligned.at(u) && ir::is_elementwise(u->op);
      for (const auto& src : u->srcs) {
        auto [it, fresh] = aligned.emplace(src.get(), edge_aligned);
        if (!fresh) it->second = it->second && edge_aligned;
      }
    }
    return reads;
  }

  MemoryPlan plan() const {
    std::vector<std::vector<Read>> reads(s_.items.size());
    std::unordered_map<const Node*, size_t> last_use;
    for (size_t i = 0; i < s_.items.size(); ++i) {
      if (s_.items[i].kind != ScheduleItem::Kind::Kernel) continue;
      reads[i] = reads_of(s_.items[i].node.get());
      for (const Read& r : reads[i]) last_use[r.value] = i;
    }
    MemoryPlan plan;
    std::unordered_map<int64_t, std::vector<const Node*>> dead;  // byte size → memory free for reuse
    for (size_t i = 0; i < s_.items.size(); ++i) {
      const Node* n = s_.items[i].node.get();
      if (!kernel_output(n)) continue;
      const Node* in_place = nullptr;
      if (ir::is_elementwise(n->op)) {
        for (const Read& r : reads[i])
          if (r.aligned && last_use.at(r.value) == i && can_hand_on(r.value) && r.value->shape == n->shape &&
              ir::itemsize(r.value->dtype) == ir::itemsize(n->dtype)) {
            in_place = r.value;
            break;
          }
      }
      if (in_place) {
        plan.reuse[n] = {in_place, true};
      } else if (auto& free = dead[bytes_of(*n)]; !free.empty()) {
        plan.reuse[n] = {free.back(), false};
        free.pop_back();
      }
      for (const Read& r : reads[i])
        if (r.value != in_place && last_use.at(r.value) == i && can_hand_on(r.value))
          dead[bytes_of(*r.value)].push_back(r.value);
    }
    return plan;
  }

 private:
  const Schedule& s_;
  std::vector<Node*> order_;
  std::unordered_map<const Node*, size_t> position_;
  std::unordered_set<const Node*> escapes_;
};

}  // namespace

MemoryPlan plan_memory(const Schedule& schedule, const std::vector<ir::NodePtr>& roots,
                       const std::function<bool(const ir::Node*)>& held_outside) {
  Planner p(schedule, roots);
  p.find_escaping(roots, held_outside);
  return p.plan();
}

}  // namespace kiln::passes
