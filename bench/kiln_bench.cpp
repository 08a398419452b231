// Google Benchmark suite. Each iteration records the graph again and
// realizes it (compiled kernels come from the cache after the first).
#include <benchmark/benchmark.h>
#include <kiln/kiln.h>

namespace {

constexpr int64_t k16M = 16 * 1024 * 1024;

kiln::Tensor realized(kiln::Tensor t) {
  t.realize();
  return t;
}

// The 8-op chain ((a*b+c)*0.5-a).relu()*b+1.0: one fused kernel.
void BM_ElementwiseChain16M(benchmark::State& state) {
  kiln::Tensor a = realized(kiln::arange(k16M, kiln::kFloat32) / k16M);
  kiln::Tensor b = realized(kiln::ones({k16M}) * 0.5);
  kiln::Tensor c = realized(kiln::ones({k16M}) * 2.0);
  for (auto _ : state) {
    kiln::Tensor r = ((a * b + c) * 0.5 - a).relu() * b + 1.0;
    r.realize();
    benchmark::DoNotOptimize(r.data_ptr<float>());
  }
  state.SetBytesProcessed(state.iterations() * 4 * k16M * int64_t{sizeof(float)});
}
BENCHMARK(BM_ElementwiseChain16M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Sum16M(benchmark::State& state) {
  kiln::Tensor a = realized(kiln::ones({k16M}) * 0.5);
  for (auto _ : state) benchmark::DoNotOptimize(a.sum().item<float>());
  state.SetBytesProcessed(state.iterations() * k16M * int64_t{sizeof(float)});
}
BENCHMARK(BM_Sum16M)->Unit(benchmark::kMillisecond)->UseRealTime();

// Record + realize of a tiny op: the fixed cost of laziness.
void BM_TinyAdd(benchmark::State& state) {
  kiln::Tensor a = kiln::tensor({1.0, 2.0, 3.0, 4.0});
  for (auto _ : state) benchmark::DoNotOptimize((a + 1.0).data_ptr<float>());
}
BENCHMARK(BM_TinyAdd)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
