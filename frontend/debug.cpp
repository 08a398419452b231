#include <kiln/debug.h>

#include "frontend/nodes.h"
#include "ir/printer.h"
#include "runtime/realize.h"
#include "runtime/stats.h"

namespace kiln::debug {

void set_backend(Backend b) {
  if (b == Backend::Jit && !runtime::jit_available()) {
    throw NotImplementedError("kiln was built without LLVM (KILN_LLVM=OFF): the JIT backend is not available");
  }
  runtime::set_backend(b == Backend::Jit ? runtime::Backend::Jit : runtime::Backend::Interpreter);
}

Backend backend() { return runtime::backend() == runtime::Backend::Jit ? Backend::Jit : Backend::Interpreter; }

bool jit_available() { return runtime::jit_available(); }

std::string graph_ir(const std::vector<Tensor>& tensors) { return ir::print_graph(frontend::nodes_of(tensors)); }

std::vector<std::string> kernel_plan(const std::vector<Tensor>& tensors) {
  return runtime::kernel_plan(frontend::nodes_of(tensors));
}

Stats stats() {
  const runtime::Stats& s = runtime::stats();
  return Stats{s.realizations, s.kernels_compiled, s.cache_hits, s.kernels_run, s.compile_ms, s.run_ms, s.bytes_moved,
               s.buffers_reused, s.disk_hits, s.disk_writes, s.disk_rejects};
}

}  // namespace kiln::debug
