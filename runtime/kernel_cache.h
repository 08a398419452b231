// Compiled kernels, keyed by their canonical kernel-IR text and the target:
// a kernel seen before is never compiled again in this process.
#pragma once

#include "codegen/kernel.h"
#include "runtime/cpu_jit.h"

namespace kiln::runtime {

// The compiled kernel for `k`, compiled now if it was not before (counted in
// runtime::stats()). A build without LLVM throws.
KernelFn cached_cpu_kernel(const codegen::Kernel& k);

}  // namespace kiln::runtime
