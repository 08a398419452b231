// Inspection and testing hooks. KILN_DUMP=graph,kernels,llvm prints the same
// stages to stderr as the program runs.
#pragma once

#include <cstdint>
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

// The kernels the JIT would run to realize `tensors`, in order, as
// "E_12_fused3 (output)": name (what it does) and why it is a kernel of its
// own. Nothing is computed, except pending in-place writes, which are
// applied first as realization applies them.
std::vector<std::string> kernel_plan(const std::vector<Tensor>& tensors);

// Provenance: a line of the user's program that recorded graph nodes (the
// file's last path component, as KILN_DUMP prints it).
struct SourceLine {
  std::string file;
  int64_t line = 0;
  friend bool operator==(const SourceLine&, const SourceLine&) = default;
};
// A kernel of kernel_plan, with the user's lines fused into it (where each
// node it computes was recorded; kiln's own calls inside a public call
// count as that call's line), sorted, each once. KILN_DUMP=kernels prints
// them as "// from: main.cpp:4, main.cpp:7".
struct PlannedKernel {
  std::string name;    // "E_12_fused3", or "host arange"
  std::string reason;  // "output", "reduce", "used 2 times", ...
  std::vector<SourceLine> sources;
};
std::vector<PlannedKernel> planned_kernels(const std::vector<Tensor>& tensors);

// What the runtime did since the process started. KILN_STATS=1 prints the
// same to stderr at exit.
struct Stats {
  int64_t realizations = 0;  // realize calls that computed something
  int64_t kernels_compiled = 0;
  int64_t cache_hits = 0;  // kernels found already compiled
  int64_t kernels_run = 0;
  double compile_ms = 0;
  double run_ms = 0;
  int64_t bytes_moved = 0;  // read and written by kernels (broadcast reads estimated)
  int64_t buffers_reused = 0;  // kernel outputs written over memory a realization no longer needed
  int64_t allocations = 0;  // host buffers handed out by kiln's allocator
  int64_t allocator_cache_hits = 0;  // of those, reused from its cache
  int64_t bytes_cached = 0;  // freed memory the allocator keeps for reuse, now
  int64_t disk_hits = 0;       // kernels loaded from the disk cache (KILN_CACHE_DIR) instead of compiled
  int64_t disk_writes = 0;     // kernels stored in the disk cache
  int64_t disk_rejects = 0;    // disk cache entries ignored: truncated, corrupt or for another key
  int64_t plans_replayed = 0;  // realizations that replayed an earlier one's plan (KILN_PLAN_CACHE)
  int64_t llvm_links = 0;      // kernels linked by LLVM's LLJIT, not kiln's object loader (KILN_OBJECT_LOADER)
  int64_t kernels_streamed = 0;  // kernel runs that wrote a large output with non-temporal stores
};
Stats stats();

// Returns the memory kiln's caching allocator keeps for reuse to the system
// (as torch.cuda.empty_cache(); KILN_ALLOC_CACHE_MB caps it, 0 turns it off).
void empty_cache();

}  // namespace kiln::debug
