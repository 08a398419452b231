// The process-wide pool of threads that kernels run on.
//
// Idle workers sleep on a condition variable: they never spin, so they take
// no core from a BLAS or OpenMP pool in the same process (a spinning pool
// fighting another one costs 2-3x on a 2-core machine).
#pragma once

#include <cstdint>
#include <functional>

namespace kiln::runtime {

// How many threads kiln computes with, the caller's included:
// KILN_NUM_THREADS, else the machine's hardware threads.
int num_threads();

// Sets it (n >= 1; 1 runs everything on the caller). Workers are started
// again, lazily, at the next parallel_for that needs them.
void set_num_threads(int n);

// Calls fn(b, e) on disjoint ranges that cover [begin, end), each of at least
// `grain` elements, spread over the pool; the caller works too, and it
// returns once every range is done. An exception thrown by fn (on any
// thread) is rethrown here, the first one if several are; the ranges not yet
// started are then skipped. Runs fn(begin, end) inline when one thread is
// set, the range is shorter than two grains, or the pool is in use (a
// parallel_for inside fn, or from another thread). Returns whether the
// range was split.
bool parallel_for(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

}  // namespace kiln::runtime
