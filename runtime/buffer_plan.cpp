#include "runtime/buffer_plan.h"

#include <unordered_set>

#include "ir/walk.h"

namespace kiln::runtime {

namespace {

std::unordered_set<const ir::Node*> held_outside(const std::vector<ir::NodePtr>& recorded, const ir::Graph& optimized,
                                                 const passes::Schedule& schedule) {
  std::vector<ir::NodePtr> both = recorded;
  both.insert(both.end(), optimized.roots.begin(), optimized.roots.end());
  std::vector<ir::Node*> order = ir::topo_order(both);
  std::unordered_map<const ir::Node*, long> own;
  for (const ir::Node* n : order)
    for (const auto& s : n->srcs) ++own[s.get()];
  for (const auto* list : {&recorded, &optimized.nodes, &optimized.roots})
    for (const auto& n : *list) ++own[n.get()];
  for (const auto& item : schedule.items) ++own[item.node.get()];
  std::unordered_set<const ir::Node*> held;
  for (const ir::Node* n : order)
    if (n->weak_from_this().use_count() > own[n]) held.insert(n);
  return held;
}

}  // namespace

const ir::Node* BufferPlan::from(const ir::Node* n) const {
  auto it = plan.reuse.find(n);
  return it == plan.reuse.end() ? nullptr : it->second.from;
}

const ir::Node* BufferPlan::in_place_of(const ir::Node* n) const {
  auto it = plan.reuse.find(n);
  return it != plan.reuse.end() && it->second.in_place ? it->second.from : nullptr;
}

std::string BufferPlan::describe(const ir::Node* n, const std::string& reason) const {
  auto it = plan.reuse.find(n);
  if (it == plan.reuse.end()) return reason;
  const std::string& from = kernel_names.at(it->second.from);
  return reason + (it->second.in_place ? "; in place of " : "; reuses the memory of ") + from;
}

BufferPlan plan_buffers(const std::vector<ir::NodePtr>& recorded, const ir::Graph& optimized,
                        const passes::Schedule& schedule) {
  std::unordered_set<const ir::Node*> held = held_outside(recorded, optimized, schedule);
  return {passes::plan_memory(schedule, optimized.roots, [&](const ir::Node* n) { return held.count(n) != 0; }), {}};
}

}  // namespace kiln::runtime
