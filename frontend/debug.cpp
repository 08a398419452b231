#include <kiln/debug.h>

#include "frontend/nodes.h"
#include "ir/printer.h"
#include "runtime/host_allocator.h"
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

std::vector<PlannedKernel> planned_kernels(const std::vector<Tensor>& tensors) {
  std::vector<PlannedKernel> out;
  for (runtime::PlannedKernel& k : runtime::kernel_plan(frontend::nodes_of(tensors))) {
    std::vector<SourceLine> lines;
    for (const ir::Loc& l : k.sources) lines.push_back({std::string(ir::file_basename(l.file)), l.line});
    out.push_back({std::move(k.name), std::move(k.reason), std::move(lines)});
  }
  return out;
}

std::vector<std::string> kernel_plan(const std::vector<Tensor>& tensors) {
  std::vector<std::string> out;
  for (const PlannedKernel& k : planned_kernels(tensors)) out.push_back(k.name + " (" + k.reason + ")");
  return out;
}

Stats stats() {
  const runtime::Stats& s = runtime::stats();
  return Stats{s.realizations, s.kernels_compiled, s.cache_hits, s.kernels_run, s.compile_ms, s.run_ms,
               s.bytes_moved, s.buffers_reused, s.host_allocations, s.host_cache_hits, s.bytes_cached,
               s.disk_hits, s.disk_writes, s.disk_rejects, s.plans_replayed, s.llvm_links, s.kernels_streamed};
}

void empty_cache() { runtime::empty_host_cache(); }

}  // namespace kiln::debug
