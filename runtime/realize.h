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

// The kernels realizing `roots` would run, in order, as "name (reason)"
// (host ramps as "host arange (arange)"), without running them: the graph
// passes and the scheduler as the JIT runs them. Pending writes under the
// roots are applied first, as realize applies them.
std::vector<std::string> kernel_plan(const std::vector<ir::NodePtr>& roots);

// Computes every node in `roots` that is not yet a buffer. Afterwards each
// root is a Buffer node (sharing storage with another where it is a view).
void realize(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
