#include "runtime/dot.h"

#include <unordered_map>
#include <unordered_set>

#include "codegen/lower.h"
#include "ir/printer.h"
#include "ir/walk.h"

namespace kiln::runtime {

std::string graph_dot(const std::vector<ir::NodePtr>& roots, const passes::Schedule& schedule, BufferPlan memory) {
  std::vector<ir::Node*> order = ir::topo_order(roots);
  std::unordered_map<const ir::Node*, size_t> id;
  for (const ir::Node* n : order) id.emplace(n, id.size());
  // Each kernel computes its root and what that reaches without crossing a
  // materialized node. A node recomputed by several kernels (fuse rule 3)
  // is drawn in each; its first kernel is its home.
  std::vector<std::unordered_set<const ir::Node*>> computes(schedule.items.size());
  std::unordered_map<const ir::Node*, size_t> home;
  for (size_t k = 0; k < schedule.items.size(); ++k) {
    const passes::ScheduleItem& item = schedule.items[k];
    if (item.kind != passes::ScheduleItem::Kind::Kernel) continue;
    std::vector<const ir::Node*> todo{item.node.get()};
    while (!todo.empty()) {
      const ir::Node* n = todo.back();
      todo.pop_back();
      if (!computes[k].insert(n).second) continue;
      home.emplace(n, k);
      for (const ir::NodePtr& s : n->srcs)
        if (!schedule.materialized(s.get())) todo.push_back(s.get());
    }
  }
  // A node's name in kernel k: "n4" at home (or outside any kernel), "n4_k2" elsewhere.
  auto name = [&](const ir::Node* n, size_t k) {
    auto it = home.find(n);
    std::string base = "n" + std::to_string(id.at(n));
    return it == home.end() || it->second == k ? base : base + "_k" + std::to_string(k);
  };
  auto node_line = [&](const ir::Node* n, size_t k) {
    std::string label = std::string(ir::op_name(n->op)) + "\\n" + ir::type_string(n->dtype, n->shape);
    std::string shape = n->is_buffer() ? "box" : "ellipse";
    return "    " + name(n, k) + " [label=\"%" + std::to_string(id.at(n)) + " = " + label + "\", shape=" + shape +
           "];\n";
  };
  // Where kernel k (or, outside kernels, anyone) reads operand s from.
  auto source = [&](const ir::Node* s, size_t k) {
    return k < computes.size() && computes[k].count(s) ? name(s, k) : name(s, home.count(s) ? home.at(s) : k);
  };
  std::string out = "digraph kiln {\n  rankdir=BT;\n  node [fontname=\"monospace\"];\n";
  std::string edges;
  for (size_t k = 0; k < schedule.items.size(); ++k) {
    const passes::ScheduleItem& item = schedule.items[k];
    if (item.kind != passes::ScheduleItem::Kind::Kernel) continue;
    // Named as KILN_DUMP=kernels names it (lowered against the schedule,
    // before anything runs), with the user's lines fused into it.
    const ir::Node* root = item.node.get();
    std::string kernel = "empty", from;
    if (ir::numel(root->shape) != 0) {
      codegen::LoweredKernel lk = codegen::lower(*root, [&](const ir::Node* m) { return schedule.materialized(m); });
      kernel = lk.kernel.name;
      from = codegen::sources_line(lk.sources);
    }
    memory.kernel_names[root] = kernel;
    out += "  subgraph cluster_" + std::to_string(k) + " {\n    label=\"" + kernel + " (" +
           memory.describe(root, item.reason) + ")" + (from.empty() ? "" : "\\n" + from) + "\";\n    style=rounded;\n";
    for (const ir::Node* n : order) {
      if (!computes[k].count(n)) continue;
      out += node_line(n, k);
      for (const ir::NodePtr& s : n->srcs) edges += "  " + source(s.get(), k) + " -> " + name(n, k) + ";\n";
    }
    out += "  }\n";
  }
  const size_t outside = schedule.items.size();
  for (const ir::Node* n : order) {
    if (home.count(n)) continue;
    out += node_line(n, outside);
    for (const ir::NodePtr& s : n->srcs) edges += "  " + source(s.get(), outside) + " -> " + name(n, outside) + ";\n";
  }
  return out + edges + "}\n";
}

}  // namespace kiln::runtime
