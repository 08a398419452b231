// The benchmark workloads, defined once for the Google Benchmark suite
// (kiln_bench) and for the kiln side of `make bench-compare`
// (kiln_compare_worker). tools/bench_compare_torch.py runs the same
// workloads in PyTorch eager under the same names.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <kiln/kiln.h>

namespace kiln_bench {

// The 8-op chain ((a*b+c)*half-a).relu()*b+1.0 (half is 0.5 except where a
// fresh kernel is wanted).
kiln::Tensor chain(const kiln::Tensor& a, const kiln::Tensor& b, const kiln::Tensor& c, double half = 0.5);

// One call of a workload: computes the result and makes sure it exists
// (realize, item or data_ptr), as a caller would, and returns the seconds
// it took. Inputs are created and realized when the workload is prepared,
// outside any timed region. A call times itself because some workloads
// time only a part (the first realize inside a child process).
using Call = std::function<double()>;

struct Workload {
  std::string name;         // stable id shared with the PyTorch side
  std::string description;  // what the call computes
  double bytes = 0;         // compulsory bytes read + written (0: not memory-bound)
  double flops = 0;         // floating-point operations (0: not compute-bound)
  // Creates the inputs and returns the call. The call may be run any
  // number of times; each run does the whole workload again.
  std::function<Call()> prepare;
};

// What the workloads found out about the kiln they ran on that a reader of
// their times should know (e.g. that it has no disk kernel cache), without
// repeats.
const std::vector<std::string>& notes();

// Every workload, in the order tables list them.
const std::vector<Workload>& workloads();
const Workload& workload(const std::string& name);

// Elements of the small chain that the latency workloads realize: small
// enough that the kernel's run time is negligible next to compiling.
constexpr int64_t kLatencyElements = 1024;

}  // namespace kiln_bench
