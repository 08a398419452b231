#include "runtime/dot.h"

#include <unordered_map>

#include "codegen/lower.h"
#include "ir/printer.h"
#include "ir/walk.h"

namespace kiln::runtime {

std::string graph_dot(const std::vector<ir::NodePtr>& roots, const passes::Schedule& schedule) {
  std::vector<ir::Node*> order = ir::topo_order(roots);
  std::unordered_map<const ir::Node*, size_t> id;
  for (const ir::Node* n : order) id.emplace(n, id.size());
  // Each node goes to the first kernel that computes it: the kernel's root
  // and what it reaches without crossing a materialized node.
  std::unordered_map<const ir::Node*, size_t> kernel_of;
  for (size_t k = 0; k < schedule.items.size(); ++k) {
    const passes::ScheduleItem& item = schedule.items[k];
    if (item.kind != passes::ScheduleItem::Kind::Kernel) continue;
    std::vector<const ir::Node*> todo{item.node.get()};
    while (!todo.empty()) {
      const ir::Node* n = todo.back();
      todo.pop_back();
      if (!kernel_of.emplace(n, k).second) continue;
      for (const ir::NodePtr& s : n->srcs)
        if (!schedule.materialized(s.get())) todo.push_back(s.get());
    }
  }
  auto node_line = [&](const ir::Node* n) {
    std::string label = std::string(ir::op_name(n->op)) + "\\n" + ir::type_string(n->dtype, n->shape);
    std::string shape = n->is_buffer() ? "box" : "ellipse";
    return "    n" + std::to_string(id.at(n)) + " [label=\"%" + std::to_string(id.at(n)) + " = " + label +
           "\", shape=" + shape + "];\n";
  };
  std::string out = "digraph kiln {\n  rankdir=BT;\n  node [fontname=\"monospace\"];\n";
  for (size_t k = 0; k < schedule.items.size(); ++k) {
    const passes::ScheduleItem& item = schedule.items[k];
    if (item.kind != passes::ScheduleItem::Kind::Kernel) continue;
    // Named as KILN_DUMP=kernels names it (lowered against the schedule,
    // before anything runs), with the user's lines fused into it.
    std::string name = "empty", from;
    if (ir::numel(item.node->shape) != 0) {
      codegen::LoweredKernel lk =
          codegen::lower(*item.node, [&](const ir::Node* m) { return schedule.materialized(m); });
      name = lk.kernel.name;
      from = codegen::sources_line(lk.sources);
    }
    out += "  subgraph cluster_" + std::to_string(k) + " {\n    label=\"" + name + " (" + item.reason + ")" +
           (from.empty() ? "" : "\\n" + from) + "\";\n    style=rounded;\n";
    for (const ir::Node* n : order) {
      auto it = kernel_of.find(n);
      if (it != kernel_of.end() && it->second == k) out += node_line(n);
    }
    out += "  }\n";
  }
  for (const ir::Node* n : order)
    if (!kernel_of.count(n)) out += node_line(n);
  for (const ir::Node* n : order)
    for (const ir::NodePtr& s : n->srcs)
      out += "  n" + std::to_string(id.at(s.get())) + " -> n" + std::to_string(id.at(n)) + ";\n";
  return out + "}\n";
}

}  // namespace kiln::runtime
