// Inspection and testing hooks. KILN_DUMP=graph,kernels,llvm prints the same
// stages to stderr as the program runs.
#pragma once

#include <string>
#include <vector>

#include <kiln/tensor.h>

namespace kiln::debug {

// Which engine realizes CPU graphs: the LLVM JIT (when built with it) or the
// reference interpreter that evaluates the graph node by node. The default is
// the JIT, or the interpreter in a build without LLVM; KILN_BACKEND=interp
// selects the interpreter for a whole run.
enum class Backend { Jit, Interpreter };
void set_backend(Backend b);
Backend backend();
bool jit_available();

// The pending graph behind `tensors`, in kiln's textual IR.
std::string graph_ir(const std::vector<Tensor>& tensors);

}  // namespace kiln::debug
