#include "ir/graph.h"

#include "ir/walk.h"

namespace kiln::ir {

Graph graph_of(std::vector<NodePtr> roots) {
  Graph g;
  for (Node* n : topo_order(roots)) g.nodes.push_back(n->shared_from_this());
  g.roots = std::move(roots);
  return g;
}

}  // namespace kiln::ir
