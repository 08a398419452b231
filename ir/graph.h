// A graph as passes see it: the nodes in text order (operands before their
// users) and the values it returns. A graph built from a realization's roots
// holds exactly what they reach; one parsed from text may also hold nodes
// nothing uses, until dce removes them.
#pragma once

#include <vector>

#include "ir/node.h"

namespace kiln::ir {

struct Graph {
  std::vector<NodePtr> nodes;
  std::vector<NodePtr> roots;
};

// The nodes `roots` reach, operands first.
Graph graph_of(std::vector<NodePtr> roots);

}  // namespace kiln::ir
