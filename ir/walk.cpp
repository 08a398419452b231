#include "ir/walk.h"

#include <unordered_set>
#include <utility>

namespace kiln::ir {

std::vector<Node*> topo_order(const std::vector<NodePtr>& roots) {
  std::vector<Node*> order;
  std::unordered_set<const Node*> seen(2 * roots.size() + 16);
  // (node, index of the next operand to visit)
  std::vector<std::pair<Node*, size_t>> stack;
  for (const NodePtr& root : roots) {
    if (!seen.insert(root.get()).second) continue;
    stack.emplace_back(root.get(), 0);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->srcs.size()) {
        Node* src = node->srcs[next++].get();
        if (seen.insert(src).second) stack.emplace_back(src, 0);
        continue;
      }
      order.push_back(node);
      stack.pop_back();
    }
  }
  return order;
}

}  // namespace kiln::ir
