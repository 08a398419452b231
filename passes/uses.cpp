#include "passes/uses.h"

namespace kiln::passes {

Uses count_uses(const std::vector<ir::Node*>& order, const std::vector<ir::NodePtr>& roots) {
  Uses uses;
  for (const ir::NodePtr& r : roots) uses[r.get()] = 1;
  for (size_t i = order.size(); i-- > 0;) {
    const ir::Node* u = order[i];
    int64_t weight = ir::op_kind(u->op) == ir::OpKind::Movement ? uses[u] : 1;
    for (const ir::NodePtr& s : u->srcs) uses[s.get()] += weight;
  }
  return uses;
}

}  // namespace kiln::passes
