// The reference interpreter: evaluates the graph IR node by node with plain
// loops, no fusion, no codegen. It is the oracle the JIT is tested against,
// and the CPU engine of builds without LLVM.
#pragma once

#include <vector>

#include "ir/node.h"

namespace kiln::runtime {

// Computes every root and turns it into a contiguous Buffer node.
void interpret(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
