// How often each node's value is read, counted through views as the
// scheduler decides with it: a value read by a view that is itself read
// twice is read twice. fuse materializes values used more than once, and
// fold-views does not push a view through them.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "ir/node.h"

namespace kiln::passes {

using Uses = std::unordered_map<const ir::Node*, int64_t>;

// `order`: the nodes, operands before users; each distinct root counts as
// one use.
Uses count_uses(const std::vector<ir::Node*>& order, const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::passes
