// The threads kiln computes with, as libtorch's at::set_num_threads and
// at::get_num_threads (ATen/Parallel.h).
#pragma once

namespace kiln {

// Sets how many threads run kernels, the calling thread included; 1 runs
// every kernel on the caller. Large kernels split their outermost
// non-reduced loop across the threads (results do not depend on the count);
// small ones always run on the caller. The default is KILN_NUM_THREADS, else
// the machine's hardware threads. Idle threads sleep, never spin.
// Throws kiln::Error unless n >= 1.
void set_num_threads(int n);

// The number set_num_threads (or the default) chose.
int get_num_threads();

}  // namespace kiln
