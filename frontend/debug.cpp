#include <kiln/debug.h>

#include "ir/printer.h"
#include "runtime/realize.h"

namespace kiln::debug {

void set_backend(Backend b) {
  if (b == Backend::Jit && !runtime::jit_available()) {
    throw NotImplementedError("kiln was built without LLVM (KILN_LLVM=OFF): the JIT backend is not available");
  }
  runtime::set_backend(b == Backend::Jit ? runtime::Backend::Jit : runtime::Backend::Interpreter);
}

Backend backend() { return runtime::backend() == runtime::Backend::Jit ? Backend::Jit : Backend::Interpreter; }

bool jit_available() { return runtime::jit_available(); }

std::string graph_ir(const std::vector<Tensor>& tensors) {
  std::vector<ir::NodePtr> roots;
  for (const Tensor& t : tensors) {
    if (!t.defined()) throw Error("Expected a proper Tensor but got an undefined Tensor");
    roots.push_back(t.node());
  }
  return ir::print_graph(roots);
}

}  // namespace kiln::debug
