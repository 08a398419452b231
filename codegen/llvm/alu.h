// LLVM IR for one scalar operation of a kernel body: casts and every
// elementwise op, with the semantics of ir/scalar_ops.h (the reference
// interpreter's), bit for bit.
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include "ir/dtype.h"
#include "ir/node.h"

namespace kiln::codegen {

llvm::Type* value_type(ir::DType t, llvm::LLVMContext& ctx);

class AluEmitter {
 public:
  AluEmitter(llvm::IRBuilder<>& b, llvm::Module& m) : b_(b), m_(m) {}

  // The cast semantics of ir/element_types.h.
  llvm::Value* cast(llvm::Value* v, ir::DType from, ir::DType to);
  // `op` (unary, binary or compare) on operands of dtype `t`; float16 and
  // bfloat16 compute in float and round back after the op.
  llvm::Value* op(ir::Op op, ir::DType t, llvm::Value* a, llvm::Value* b);

 private:
  llvm::Value* arith(ir::Op op, ir::DType t, llvm::Value* a, llvm::Value* b);
  // alu_math.cpp: the ops that need libm or more than a few instructions.
  llvm::Value* math(ir::Op op, ir::DType t, llvm::Value* a, llvm::Value* b);
  llvm::Value* libm(const char* name, llvm::Value* a, llvm::Value* b = nullptr);
  llvm::Value* powi(ir::DType t, llvm::Value* a, llvm::Value* b);
  llvm::Value* remainder(ir::DType t, llvm::Value* a, llvm::Value* b);
  llvm::Value* float_to_bfloat16(llvm::Value* f);
  // alu_float_math.cpp: ir/float_math.h's float exp, log, log2 and tanh,
  // inline. `x` is a float or a vector of floats.
  llvm::Value* float_exp(llvm::Value* x);
  llvm::Value* float_log(llvm::Value* x);
  llvm::Value* float_log2(llvm::Value* x);
  llvm::Value* float_tanh(llvm::Value* x);
  struct ExpParts {
    llvm::Value *kf, *u;
  };
  ExpParts exp_parts(llvm::Value* x);
  struct LogParts {
    llvm::Value *kf, *f, *s, *hfsq, *r;
  };
  LogParts log_parts(llvm::Value* x);
  llvm::Value* log_specials(llvm::Value* x, llvm::Value* y);
  llvm::Value* fma(llvm::Value* a, llvm::Value* b, llvm::Value* c);
  llvm::Value* pow2i(llvm::Value* k);
  llvm::Value* float_constant(llvm::Value* like, float c);
  llvm::Value* int_constant(llvm::Value* like, uint32_t c);

  llvm::IRBuilder<>& b_;
  llvm::Module& m_;
};

}  // namespace kiln::codegen
