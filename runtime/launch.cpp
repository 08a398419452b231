#include "runtime/launch.h"

#include <algorithm>
#include <chrono>

#include "runtime/stats.h"
#include "runtime/thread_pool.h"

namespace kiln::runtime {

namespace {

// Loop iterations (points of the whole nest) a thread should get at least:
// about 40 µs of a cache-resident elementwise kernel. Splitting costs a
// worker's wake-up (a sleeping vCPU, on the reference machine) and moving
// the data between the cores' caches: there, on 2 threads, `a * b + 1` on
// 128K floats took 44 µs split against 22 µs on one thread, 256K 54
// against 44, 512K and 1M about the same, 2M 330 against 500. Smaller
// kernels run on the caller alone.
constexpr int64_t kMinIterationsPerRange = 1 << 18;

// Iterations of the nest under one iteration of the outer loop (saturating).
int64_t inner_iterations(const codegen::Kernel& k) {
  int64_t n = 1;
  for (size_t i = 1; i < k.loops.size(); ++i) {
    if (__builtin_mul_overflow(n, k.loops[i].extent, &n)) return kMinIterationsPerRange;
  }
  return n;
}

}  // namespace

void launch(KernelFn fn, const codegen::Kernel& k, void* const* args, const int64_t* sizes) {
  auto start = std::chrono::steady_clock::now();
  if (k.num_outer_loops() == 0) {
    fn(args, sizes, 0, 1);  // one reduction: nothing to split
  } else {
    int64_t outer = k.loops[0].extent;
    int64_t inner = std::max<int64_t>(inner_iterations(k), 1);
    int64_t grain = (kMinIterationsPerRange + inner - 1) / inner;
    bool split = parallel_for(0, outer, grain, [&](int64_t begin, int64_t end) { fn(args, sizes, begin, end); });
    if (split) ++stats().kernels_split;
  }
  Stats& s = stats();
  s.run_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ++s.kernels_run;
  if (k.streaming_store) ++s.kernels_streamed;
}

}  // namespace kiln::runtime
