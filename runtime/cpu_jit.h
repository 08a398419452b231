// The CPU JIT: kernel IR → LLVM IR → optimized native code through ORC LLJIT,
// for the host CPU (its name and features, so AVX-512/AVX2 get used).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "codegen/kernel.h"

namespace kiln::runtime {

// A compiled kernel: args = buffer addresses in kernel argument order;
// sizes = the values of the kernel's sizes (codegen/kernel_sizes.h);
// [begin, end) = range of the outermost parallel loop (see emit_llvm).
using KernelFn = void (*)(void* const* args, const int64_t* sizes, int64_t begin, int64_t end);

class CpuJit {
 public:
  // The process-wide JIT, created on first use.
  static CpuJit& instance();

  // `k` compiled to a relocatable object for the host, its entry point
  // named `symbol` (the bytes the disk cache keeps). KILN_DUMP=llvm,asm
  // print what is compiled here.
  std::string compile(const codegen::Kernel& k, const std::string& symbol);
  // Loads an object from compile(), in this process or an earlier one, and
  // returns its entry point: with kiln's object loader (no LLVM), or with
  // LLJIT for an object it cannot load (KILN_OBJECT_LOADER chooses, see
  // cpu_jit.cpp). Each symbol may be loaded once.
  KernelFn load(const std::string& object, const std::string& symbol);
  // The same with LLJIT, whatever KILN_OBJECT_LOADER says (load()'s fallback;
  // tests compare the two loaders).
  KernelFn link_with_llvm(const std::string& object, const std::string& symbol);
  // What compile() would generate for `k`, as text, without adding it to the
  // JIT (kiln-opt --emit=llvm|asm): the optimized LLVM IR that KILN_DUMP=llvm
  // prints, and the host CPU's assembly for it.
  std::string llvm_ir(const codegen::Kernel& k);
  std::string assembly(const codegen::Kernel& k);
  // Identifies the code this JIT produces (target triple, CPU and features,
  // LLVM version, code generation options): part of every kernel cache key.
  const std::string& target_key() const;

  ~CpuJit();
  CpuJit(const CpuJit&) = delete;
  CpuJit& operator=(const CpuJit&) = delete;

 private:
  CpuJit();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiln::runtime
