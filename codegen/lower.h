// Lowering: one scheduled node (a kernel root) and the unmaterialized nodes
// under it become one Kernel. Buffers under the root become loads; movement
// ops become index math; elementwise ops are computed inline.
#pragma once

#include <memory>
#include <vector>

#include "codegen/kernel.h"
#include "ir/node.h"

namespace kiln::codegen {

struct LoweredKernel {
  Kernel kernel;
  // The storage behind each input argument (kernel.args minus the output).
  std::vector<std::shared_ptr<ir::Storage>> inputs;
};

// Lowers `root`. Every node the kernel reads rather than computes must
// already be a Buffer: the executor lowers each kernel right before running
// it, after the kernels it depends on have run.
LoweredKernel lower(const ir::Node& root);

}  // namespace kiln::codegen
