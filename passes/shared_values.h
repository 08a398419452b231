// Which elementwise values used more than once fuse computes inside the
// kernels that use them instead of materializing them (fuse rule 3).
//
// A value read more than once needs memory only when it is read in more
// than one place: by two kernels, or by one kernel at two different
// indices (through a view). A value read only by one kernel at one index is
// computed once there (lowering computes each node once per index). A
// value read in several places is recomputed in each when it is cheap:
// what it computes (itself and the single-use nodes under it) is at most
// kMaxRecomputedOps elementwise ops and loads at most one value as large as
// itself, so recomputing it reads no more memory than loading it would, and
// saves writing it and reading it back. Recomputation does not nest: a
// shared value under a recomputed one is materialized, so no kernel
// computes anything an exponential number of times.
#pragma once

#include <functional>
#include <unordered_set>
#include <vector>

#include "ir/node.h"
#include "passes/uses.h"

namespace kiln::passes {

constexpr int kMaxRecomputedOps = 8;

// The nodes in `order` (operands first) used more than once that are
// computed inline. `must_materialize(n)` names the nodes that fuse
// materializes whatever their uses (roots, reductions, ...): they are
// kernels of their own, which is where their operands are read.
std::unordered_set<const ir::Node*> inlined_shared_values(const std::vector<ir::Node*>& order, const Uses& uses,
                                                          const std::function<bool(const ir::Node*)>& must_materialize);

}  // namespace kiln::passes
