// probe [N]: realizes ((a*b+c)*0.5-a).relu()*b+1.0 on N floats (default
// 4096), then (a*2).sum() and a-c (three kernels), checks every value against
// plain C++, and prints the first realize's wall and CPU time (including JIT start-up)
// and the kernel cache counters as "key=value" words for run.sh to check.
#include <kiln/debug.h>
#include <kiln/kiln.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  int64_t n = argc > 1 ? std::atoll(argv[1]) : 4096;
  std::vector<float> a(n), b(n), c(n);
  for (int64_t i = 0; i < n; ++i) {
    a[i] = static_cast<float>(i % 97) * 0.25f - 10.0f;
    b[i] = static_cast<float>(i % 13) - 6.0f;
    c[i] = static_cast<float>(i % 7) * 1.5f;
  }
  kiln::Tensor ta = kiln::from_blob(a.data(), {n}, kiln::kFloat);
  kiln::Tensor tb = kiln::from_blob(b.data(), {n}, kiln::kFloat);
  kiln::Tensor tc = kiln::from_blob(c.data(), {n}, kiln::kFloat);

  // Wall and CPU time (the CPU time is steadier on a busy machine).
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  kiln::Tensor chain = (((ta * tb + tc) * 0.5 - ta).relu() * tb + 1.0).realize();
  double first_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  double first_cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  kiln::Tensor sum = (ta * 2).sum();
  kiln::Tensor diff = ta - tc;

  int bad = 0;
  const float* r = chain.const_data_ptr<float>();
  const float* d = diff.const_data_ptr<float>();
  double want_sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    float want = std::fmax((a[i] * b[i] + c[i]) * 0.5f - a[i], 0.0f) * b[i] + 1.0f;
    if (r[i] != want || d[i] != a[i] - c[i]) ++bad;
    want_sum += 2.0 * a[i];
  }
  // Large sums round differently in float than in double: the time
  // measurement (run.sh measure) checks the element-wise values only.
  double got_sum = sum.item<double>();
  if (n <= (1 << 16) && std::fabs(got_sum - want_sum) > 1e-4 * (1 + std::fabs(want_sum))) ++bad;
  if (bad != 0) {
    std::fprintf(stderr, "probe: %d wrong values\n", bad);
    return 1;
  }
  kiln::debug::Stats s = kiln::debug::stats();
  std::printf("first_realize_ms=%.2f first_realize_cpu_ms=%.2f compiled=%lld disk_hits=%lld disk_writes=%lld disk_rejects=%lld llvm_links=%lld\n",
              first_ms, first_cpu_ms,
              static_cast<long long>(s.kernels_compiled), static_cast<long long>(s.disk_hits),
              static_cast<long long>(s.disk_writes), static_cast<long long>(s.disk_rejects),
              static_cast<long long>(s.llvm_links));
  return 0;
}
