// kiln_bench: the Google Benchmark suite over every workload of
// bench/workloads.cpp, plus the bandwidth and fresh-memory probes. Each workload times itself
// (manual time), so the latency workloads count only the realize they are
// about. `make bench` also writes the results as JSON.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "bandwidth_probe.h"
#include "child_process.h"
#include "page_fault_probe.h"
#include "workloads.h"

namespace {

void run_workload(benchmark::State& state, const kiln_bench::Workload* w) {
  kiln_bench::Call call = w->prepare();
  call();  // warm-up, untimed: the first call compiles (a run may be one iteration)
  for (auto _ : state) state.SetIterationTime(call());
  if (w->bytes > 0) state.SetBytesProcessed(static_cast<int64_t>(w->bytes * static_cast<double>(state.iterations())));
  if (w->flops > 0) {
    state.counters["FLOP/s"] =
        benchmark::Counter(w->flops * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  }
  state.SetLabel(w->description);
}

void run_triad(benchmark::State& state) {
  int threads = static_cast<int>(state.range(0));
  for (auto _ : state) state.SetIterationTime(kiln_bench::triad_seconds(threads));
  state.SetBytesProcessed(static_cast<int64_t>(kiln_bench::triad_bytes() * static_cast<double>(state.iterations())));
}

void run_fresh_buffer(benchmark::State& state) {
  for (auto _ : state) state.SetIterationTime(kiln_bench::fresh_buffer_seconds());
  state.SetBytesProcessed(static_cast<int64_t>(kiln_bench::fresh_buffer_bytes() * static_cast<double>(state.iterations())));
  state.SetLabel("map + write + unmap 64 MiB (page faults)");
}

void register_all() {
  for (const kiln_bench::Workload& w : kiln_bench::workloads()) {
    benchmark::RegisterBenchmark(("BM_" + w.name).c_str(), run_workload, &w)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_triad_probe", run_triad)
      ->Arg(1)
      ->Arg(2)
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_fresh_buffer_probe", run_fresh_buffer)->UseManualTime()->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  kiln_bench::PrivateDiskCache disk_cache;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  for (const std::string& note : kiln_bench::notes()) std::printf("note: %s\n", note.c_str());
  benchmark::Shutdown();
  return 0;
}
