// LLVM IR emission for one kernel. The only codegen file that sees LLVM.
#pragma once

#include <memory>
#include <string>

#include "codegen/kernel.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace kiln::codegen {

// Emits `k` as `void symbol(ptr args, ptr sizes, i64 begin, i64 end)`:
// `args` points to the buffer addresses in kernel argument order, `sizes` to
// the values of k's sizes (KernelSizes(k).values(), int64); [begin, end) is
// the range of the outermost loop to run when that loop is parallel (not a
// reduction), else the whole nest runs once for any non-empty range. The
// code is that of k's generic form: it serves every kernel that prints the
// same with `print_kernel(k, &sizes)`.
std::unique_ptr<llvm::Module> emit_llvm(const Kernel& k, const std::string& symbol, llvm::LLVMContext& ctx);

}  // namespace kiln::codegen
