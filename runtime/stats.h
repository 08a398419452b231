// Process-wide counters of what the runtime did (KILN_STATS=1 prints them to
// stderr at exit; kiln::debug::stats() returns them).
#pragma once

#include <cstdint>

namespace kiln::runtime {

struct Stats {
  int64_t realizations = 0;     // realize calls that had something to compute
  int64_t kernels_compiled = 0;
  int64_t cache_hits = 0;       // kernels found compiled
  int64_t kernels_run = 0;
  int64_t kernels_split = 0;    // runs split across threads (runtime/launch.cpp)
  double compile_ms = 0;
  double run_ms = 0;
  // Bytes the kernels read and wrote: each output, and each input up to the
  // elements the kernel's loops visit (an estimate for broadcast reads).
  int64_t bytes_moved = 0;
  // Kernel outputs written over memory the realization no longer needed
  // (passes/memory_plan.h) instead of fresh memory.
  int64_t buffers_reused = 0;
  // The host allocator (runtime/host_allocator.h): blocks handed out, how
  // many of them came from its cache, and the bytes the cache holds now.
  int64_t host_allocations = 0;
  int64_t host_cache_hits = 0;
  int64_t bytes_cached = 0;
  // The disk kernel cache (runtime/disk_cache.h): kernels loaded instead of
  // compiled, entries written, and entries ignored as corrupt or not ours.
  int64_t disk_hits = 0;
  int64_t disk_writes = 0;
  int64_t disk_rejects = 0;
  // Realizations that replayed the plan of an earlier one with the same
  // graph structure (runtime/plan_cache.h) instead of compiling it again.
  int64_t plans_replayed = 0;
  // Kernel objects linked by LLVM's LLJIT, as kiln's object loader could not
  // take them or KILN_OBJECT_LOADER=orc (runtime/cpu_jit.cpp).
  int64_t llvm_links = 0;
  // Kernel runs that wrote their output with non-temporal stores
  // (codegen/streaming_stores.h).
  int64_t kernels_streamed = 0;
};

// The counters, updated by the runtime (one thread at a time, as kiln; the
// allocator's under its lock).
Stats& stats();

}  // namespace kiln::runtime
