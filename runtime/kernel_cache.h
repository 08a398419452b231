// Compiled kernels, keyed by their generic kernel-IR text (sizes as
// parameters, codegen/kernel_sizes.h) and the target: a kernel seen before,
// at any sizes, is never compiled again in this process.
#pragma once

#include "codegen/kernel.h"
#include "codegen/kernel_sizes.h"
#include "runtime/cpu_jit.h"

namespace kiln::runtime {

// The compiled kernel for `k`, whose sizes are `sizes`, compiled now if no
// kernel of the same generic form was before (counted in runtime::stats()).
// A build without LLVM throws.
KernelFn cached_cpu_kernel(const codegen::Kernel& k, const codegen::KernelSizes& sizes);

}  // namespace kiln::runtime
