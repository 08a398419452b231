#include "runtime/kernel_cache.h"

#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace kiln::runtime {

namespace {

struct Cache {
  std::mutex mu;
  std::unordered_map<std::string, KernelFn> kernels;
  KernelCacheStats stats;
};

Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

KernelFn cached_cpu_kernel(const codegen::Kernel& k) {
#ifndef KILN_HAVE_LLVM
  (void)k;
  throw std::logic_error("kiln was built without LLVM: no JIT");
#else
  CpuJit& jit = CpuJit::instance();
  std::string key = jit.target_key() + "\n" + codegen::print_kernel(k);
  Cache& c = cache();
  {
    std::lock_guard lock(c.mu);
    if (auto it = c.kernels.find(key); it != c.kernels.end()) {
      ++c.stats.hits;
      return it->second;
    }
  }
  KernelFn fn = jit.compile(k);
  std::lock_guard lock(c.mu);
  ++c.stats.compiles;
  c.kernels.emplace(std::move(key), fn);
  return fn;
#endif
}

KernelCacheStats kernel_cache_stats() {
  std::lock_guard lock(cache().mu);
  return cache().stats;
}

}  // namespace kiln::runtime
