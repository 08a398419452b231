// Runs a compiled CPU kernel, its outermost loop split across the thread
// pool when the kernel has enough work to pay for waking threads.
#pragma once

#include "codegen/kernel.h"
#include "runtime/cpu_jit.h"

namespace kiln::runtime {

// Runs `fn`, compiled from `k`'s generic form, over all of k's iterations
// with buffer arguments `args` and k's sizes `sizes`. Only the outermost loop is split, and only when it is not
// a reduction: each of its iterations computes its own outputs from start to
// end, so results are bit-identical for any number of threads. Counts the
// run and its time (stats: kernels_run, run_ms).
void launch(KernelFn fn, const codegen::Kernel& k, void* const* args, const int64_t* sizes);

}  // namespace kiln::runtime
