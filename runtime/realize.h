// The executor: realizes pending graphs. Runs the graph passes
// (passes/pipeline.h), schedules the graph into kernels (passes::fuse), lowers each kernel, compiles it (or takes it from the
// cache), runs it, and turns every realized node into a Buffer leaf.
#pragma once

#include <string>
#include <vector>

#include "ir/node.h"

namespace kiln::runtime {

enum class Backend { Jit, Interpreter };

// The engine for CPU graphs: KILN_BACKEND=interp|jit at start-up, else the
// JIT when built with LLVM, else the interpreter.
Backend backend();
void set_backend(Backend b);
bool jit_available();

// A kernel of a plan: its name ("host arange" for a host ramp), why it is
// materialized, and the user's lines fused into it (codegen::LoweredKernel).
struct PlannedKernel {
  std::string name;
  std::string reason;
  std::vector<ir::Loc> sources;
};

// The kernels realizing `roots` would run, in order, without running them:
// the graph passes and the scheduler as the JIT runs them. Pending writes
// under the roots are applied first, as realize applies them.
std::vector<PlannedKernel> kernel_plan(const std::vector<ir::NodePtr>& roots);

// Computes every node in `roots` that is not yet a buffer. Afterwards each
// root is a Buffer node (sharing storage with another where it is a view).
void realize(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
