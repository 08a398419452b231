#include "bandwidth_probe.h"

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace kiln_bench {

namespace {

constexpr int64_t kElements = 16 * 1024 * 1024;

struct Arrays {
  std::unique_ptr<float[]> a{new float[kElements]};
  std::unique_ptr<float[]> b{new float[kElements]};
  std::unique_ptr<float[]> c{new float[kElements]};
  // Writing every element faults the pages in now, not in the timed pass.
  Arrays() {
    for (int64_t i = 0; i < kElements; ++i) {
      a[i] = 0.0F;
      b[i] = 1.0F;
      c[i] = 2.0F;
    }
  }
};

Arrays& arrays() {
  static Arrays arrays;
  return arrays;
}

void triad(float* a, const float* b, const float* c, int64_t begin, int64_t end) {
  constexpr float s = 3.0F;
  for (int64_t i = begin; i < end; ++i) a[i] = b[i] + s * c[i];
}

}  // namespace

double triad_bytes() { return 3.0 * kElements * sizeof(float); }

double triad_seconds(int threads) {
  Arrays& x = arrays();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  int64_t chunk = kElements / threads;
  for (int t = 1; t < threads; ++t) {
    int64_t begin = t * chunk;
    int64_t end = t + 1 == threads ? kElements : begin + chunk;
    workers.emplace_back(triad, x.a.get(), x.b.get(), x.c.get(), begin, end);
  }
  triad(x.a.get(), x.b.get(), x.c.get(), 0, threads > 1 ? chunk : kElements);
  for (std::thread& w : workers) w.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace kiln_bench
