// The memory-bandwidth probe: a STREAM-style triad a[i] = b[i] + s*c[i]
// over three preallocated, pre-faulted 64 MiB float arrays (3x the L3),
// split over `threads` std::threads. "Bandwidth-bound time" for a workload
// is its compulsory bytes divided by the rate this probe measures in the
// same run.
#pragma once

#include <cstdint>

namespace kiln_bench {

// Bytes one triad pass counts: two arrays read, one written.
double triad_bytes();

// Seconds of one triad pass with `threads` threads (thread start-up
// included: microseconds against milliseconds).
double triad_seconds(int threads);

}  // namespace kiln_bench
