// Compiled kernels, keyed by their canonical kernel-IR text and the target:
// a kernel seen before is never compiled again in this process.
#pragma once

#include <cstdint>

#include "codegen/kernel.h"
#include "runtime/cpu_jit.h"

namespace kiln::runtime {

struct KernelCacheStats {
  int64_t compiles = 0;
  int64_t hits = 0;
};

// The compiled kernel for `k`, compiled now if it was not before. (In a
// build without LLVM the statistics exist, and this throws.)
KernelFn cached_cpu_kernel(const codegen::Kernel& k);
KernelCacheStats kernel_cache_stats();

}  // namespace kiln::runtime
