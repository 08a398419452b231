// Lowering: one scheduled node (a kernel root) and the unmaterialized nodes
// under it become one Kernel. Buffers under the root become loads; movement
// ops become index math; elementwise ops are computed inline.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "codegen/kernel.h"
#include "ir/node.h"

namespace kiln::codegen {

struct LoweredKernel {
  Kernel kernel;
  // The storage behind each input argument (kernel.args minus the output).
  std::vector<std::shared_ptr<ir::Storage>> inputs;
  // Provenance: the user's lines fused into the kernel (the root's and
  // every computed node's, not the values it reads), unique, sorted by file
  // and line. Kept out of `kernel`: its text is the cache key, and the same
  // kernel recorded from other lines must hit the cache.
  std::vector<ir::Loc> sources;
};

// "from: main.cpp:4, main.cpp:7" (the dumps' comment line), or "" when no
// line is known.
std::string sources_line(const std::vector<ir::Loc>& sources);

// Which nodes (besides buffers) earlier kernels will have materialized.
using Materialized = std::function<bool(const ir::Node*)>;

// Lowers `root`. Every node the kernel reads rather than computes must
// already be a Buffer: the executor lowers each kernel right before running
// it, after the kernels it depends on have run. For a plan made before
// anything runs, `planned` names the nodes other kernels will materialize:
// the kernel reads them as contiguous values (their `inputs` are null).
// `in_place`, when set, is an operand whose memory the output is written
// over (passes/memory_plan.h): it is read through the output argument, at
// the addresses the kernel stores to, and is not an input of its own.
LoweredKernel lower(const ir::Node& root, const Materialized& planned = {}, const ir::Node* in_place = nullptr);

}  // namespace kiln::codegen
