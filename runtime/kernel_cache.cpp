#include "runtime/kernel_cache.h"

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "runtime/stats.h"

namespace kiln::runtime {

namespace {

struct Cache {
  std::mutex mu;
  std::unordered_map<std::string, KernelFn> kernels;
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
      ++stats().cache_hits;
      return it->second;
    }
  }
  auto start = std::chrono::steady_clock::now();
  KernelFn fn = jit.compile(k);
  std::lock_guard lock(c.mu);
  ++stats().kernels_compiled;
  stats().compile_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  c.kernels.emplace(std::move(key), fn);
  return fn;
#endif
}


}  // namespace kiln::runtime
