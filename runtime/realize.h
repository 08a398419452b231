// The executor: realizes pending graphs. Schedules the graph into kernels
// (passes::fuse), lowers each kernel, compiles it (or takes it from the
// cache), runs it, and turns every realized node into a Buffer leaf.
#pragma once

#include <vector>

#include "ir/node.h"

namespace kiln::runtime {

enum class Backend { Jit, Interpreter };

// The engine for CPU graphs: KILN_BACKEND=interp|jit at start-up, else the
// JIT when built with LLVM, else the interpreter.
Backend backend();
void set_backend(Backend b);
bool jit_available();

// Computes every node in `roots` that is not yet a buffer. Afterwards each
// root is a Buffer node (sharing storage with another where it is a view).
void realize(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
