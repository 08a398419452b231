#include "page_fault_probe.h"

#include <sys/mman.h>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <stdexcept>

namespace kiln_bench {

namespace {

constexpr size_t kBytes = size_t{64} << 20;

}  // namespace

double fresh_buffer_bytes() { return static_cast<double>(kBytes); }

double fresh_buffer_seconds() {
  auto start = std::chrono::steady_clock::now();
  void* p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
  std::memset(p, 1, kBytes);
  munmap(p, kBytes);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace kiln_bench
