// Graph traversal. Every walk in kiln is iterative: user graphs can be
// hundreds of thousands of nodes deep.
#pragma once

#include <vector>

#include "ir/node.h"

namespace kiln::ir {

// All nodes reachable from `roots`, each once, operands before their users.
std::vector<Node*> topo_order(const std::vector<NodePtr>& roots);

}  // namespace kiln::ir
