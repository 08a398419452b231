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

// Emits `k` as `void symbol(ptr args, i64 begin, i64 end)`: `args` points to
// the buffer addresses in kernel argument order; [begin, end) is the range
// of the outermost loop to run when that loop is parallel (not a
// reduction), else the whole nest runs once for any non-empty range.
std::unique_ptr<llvm::Module> emit_llvm(const Kernel& k, const std::string& symbol, llvm::LLVMContext& ctx);

}  // namespace kiln::codegen
