#include "runtime/kernel_cache.h"

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "runtime/disk_cache.h"
#include "runtime/dump.h"
#include "runtime/stats.h"

namespace kiln::runtime {

#ifndef KILN_HAVE_LLVM

KernelFn cached_cpu_kernel(const codegen::Kernel&, const codegen::KernelSizes&) {
  throw std::logic_error("kiln was built without LLVM: no JIT");
}

#else

namespace {

// Part of every key: a change to what a key or an entry means (the
// codegen/llvm output for the same kernel text, the entry layout) bumps it,
// so no process loads an entry made by an incompatible kiln.
constexpr const char* kCacheFormat = "kiln kernel cache 4";

struct Cache {
  std::mutex mu;
  std::unordered_map<std::string, KernelFn> kernels;
};

Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

KernelFn cached_cpu_kernel(const codegen::Kernel& k, const codegen::KernelSizes& sizes) {
  CpuJit& jit = CpuJit::instance();
  std::string generic = codegen::print_kernel(k, &sizes);
  std::string key = std::string(kCacheFormat) + "\n" + jit.target_key() + "\n" + generic;
  Cache& c = cache();
  // Held while compiling too: one key must reach the JIT once, as its symbol
  // is the same every time.
  std::lock_guard lock(c.mu);
  if (auto it = c.kernels.find(key); it != c.kernels.end()) {
    ++stats().cache_hits;
    return it->second;
  }
  // Kernel names say what a kernel does and repeat across kernels; the hash
  // of the key tells them apart, and is the same in every process, as the
  // objects on disk need. The name is the generic one (no extents): the
  // symbol, like the key, must not depend on the sizes.
  std::string symbol = "kiln_" + codegen::generic_name(k) + "_" + disk_cache::key_hash(key);
  // KILN_DUMP=llvm,asm show the code as it is compiled: they compile.
  bool dumping = dump_enabled("llvm") || dump_enabled("asm");
  std::optional<std::string> object = dumping ? std::nullopt : disk_cache::load(key);
  KernelFn fn = nullptr;
  if (object) {
    fn = jit.load(*object, symbol);
    ++stats().disk_hits;
  } else {
    auto start = std::chrono::steady_clock::now();
    std::string compiled = jit.compile(k, symbol);
    fn = jit.load(compiled, symbol);
    ++stats().kernels_compiled;
    stats().compile_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    disk_cache::store(key, compiled);
  }
  c.kernels.emplace(std::move(key), fn);
  return fn;
}

#endif

}  // namespace kiln::runtime
