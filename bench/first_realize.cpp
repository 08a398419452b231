// kiln_first_realize: prints the seconds the first realize of the 8-op
// chain (1024 elements) takes in this fresh process: JIT start-up, then a
// kernel compiled or (once kiln has one) loaded from the disk cache in
// KILN_CACHE_DIR. The inputs wrap host memory, so nothing is compiled before.
#include <chrono>
#include <cstdio>
#include <vector>

#include "workloads.h"

int main() {
  using kiln_bench::kLatencyElements;
  std::vector<float> a(kLatencyElements), b(kLatencyElements), c(kLatencyElements);
  for (int64_t i = 0; i < kLatencyElements; ++i) {
    a[i] = static_cast<float>(i) / kLatencyElements;
    b[i] = 0.5F;
    c[i] = 2.0F;
  }
  kiln::Tensor ta = kiln::from_blob(a.data(), {kLatencyElements});
  kiln::Tensor tb = kiln::from_blob(b.data(), {kLatencyElements});
  kiln::Tensor tc = kiln::from_blob(c.data(), {kLatencyElements});
  auto start = std::chrono::steady_clock::now();
  kiln_bench::chain(ta, tb, tc).realize();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.9f\n", seconds);
  return 0;
}
