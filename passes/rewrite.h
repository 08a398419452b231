// The rewriting driver the graph passes share, in the style of Halide's
// mutators: nodes are visited operands first; a node whose operands were
// replaced is rebuilt over the replacements (ir::clone_with_operands), one
// whose operands were kept stays the same node; then the pass's rule may
// replace it. Nodes never change, so a rewrite builds new nodes and leaves
// the input graph as it was.
#pragma once

#include <functional>

#include "ir/graph.h"

namespace kiln::passes {

// A pass's rule: `n` (its operands already rewritten) or its replacement.
// `original` is the input graph's node that `n` rebuilds, for facts about
// the input (how often a value is used).
using Rule = std::function<ir::NodePtr(const ir::NodePtr& n, const ir::Node& original)>;

struct RewriteOptions {
  // In a realization each root is a tensor's storage and must get memory of
  // its own, so it may not turn into another node (an operand some other
  // tensor holds, a buffer, a second root it equals). With keep_roots, a
  // root the rule replaces by a computation gets a new node computing it;
  // one the rule would replace by a buffer, view or constant is kept.
  bool keep_roots = false;
};

ir::Graph rewrite(const ir::Graph& g, const Rule& rule, RewriteOptions options = {});

}  // namespace kiln::passes
