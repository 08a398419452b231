// The elementwise ops that call libm or need more than a few instructions:
// transcendental functions (float exp, log, log2 and tanh are inline:
// alu_float_math.cpp), pow and remainder (ir/scalar_ops.h defines the same
// computations for the interpreter).
#include <stdexcept>
#include <string>

#include "codegen/llvm/alu.h"

namespace kiln::codegen {

using ir::DType;
using ir::Op;

namespace {

// libm's name for `op` on float (expf) or double (exp).
const char* libm_name(Op op, bool is_float) {
  switch (op) {
    case Op::Exp:
    case Op::Sigmoid:
      return is_float ? "expf" : "exp";
    case Op::Log:
      return is_float ? "logf" : "log";
    case Op::Log2:
      return is_float ? "log2f" : "log2";
    case Op::Sin:
      return is_float ? "sinf" : "sin";
    case Op::Cos:
      return is_float ? "cosf" : "cos";
    case Op::Tanh:
      return is_float ? "tanhf" : "tanh";
    case Op::Pow:
      return is_float ? "powf" : "pow";
    default:
      return nullptr;
  }
}

}  // namespace

// A call to the process's libm function `name` (the JIT links process
// symbols, so this is the very function the interpreter calls). The call is
// `nobuiltin`: LLVM must neither constant-fold it (its folder evaluates
// float functions in double, which can round differently from expf) nor
// replace it by another implementation.
llvm::Value* AluEmitter::libm(const char* name, llvm::Value* a, llvm::Value* b) {
  llvm::Type* t = a->getType();
  std::vector<llvm::Type*> params(b ? 2 : 1, t);
  llvm::FunctionCallee f = m_.getOrInsertFunction(name, llvm::FunctionType::get(t, params, false));
  if (auto* fn = llvm::dyn_cast<llvm::Function>(f.getCallee())) {
    // errno is the only memory these touch, and kernels never read it.
    fn->setDoesNotThrow();
    fn->setWillReturn();
    fn->setDoesNotAccessMemory();
  }
  llvm::CallInst* call = b ? b_.CreateCall(f, {a, b}) : b_.CreateCall(f, {a});
  call->addFnAttr(llvm::Attribute::NoBuiltin);
  return call;
}

// PyTorch's powi: square-and-multiply over every exponent bit, unrolled and
// branch-free (bits past the highest set one multiply by nothing), wrapping.
// A negative exponent gives 1 for base 1, ±1 for base -1, else 0.
llvm::Value* AluEmitter::powi(DType t, llvm::Value* a, llvm::Value* b) {
  llvm::Type* ty = a->getType();
  bool sgn = ir::is_signed(t);
  unsigned bits = ty->getIntegerBitWidth() - (sgn ? 1 : 0);
  llvm::Value* one = llvm::ConstantInt::get(ty, 1);
  llvm::Value* result = one;
  llvm::Value* base = a;
  for (unsigned k = 0; k < bits; ++k) {
    llvm::Value* bit = b_.CreateTrunc(b_.CreateLShr(b, k), b_.getInt1Ty());
    result = b_.CreateSelect(bit, b_.CreateMul(result, base), result);
    if (k + 1 < bits) base = b_.CreateMul(base, base);
  }
  if (!sgn) return result;
  llvm::Value* minus_one = llvm::ConstantInt::getSigned(ty, -1);
  llvm::Value* odd = b_.CreateTrunc(b, b_.getInt1Ty());
  llvm::Value* negative_power =
      b_.CreateSelect(b_.CreateICmpEQ(a, one), one,
                      b_.CreateSelect(b_.CreateICmpEQ(a, minus_one), b_.CreateSelect(odd, minus_one, one),
                                      llvm::ConstantInt::get(ty, 0)));
  return b_.CreateSelect(b_.CreateICmpSLT(b, llvm::ConstantInt::get(ty, 0)), negative_power, result);
}

// Python's modulo as PyTorch computes it: fmod (frem, exact), plus the
// divisor when the signs differ. Integer divisors 0 (excluded by the
// frontend) and -1 (INT_MIN % -1 traps on x86) divide by 1 instead.
llvm::Value* AluEmitter::remainder(DType t, llvm::Value* a, llvm::Value* b) {
  llvm::Value* zero = llvm::Constant::getNullValue(a->getType());
  if (ir::is_floating(t)) {
    llvm::Value* mod = b_.CreateFRem(a, b);
    llvm::Value* differ = b_.CreateXor(b_.CreateFCmpOLT(b, zero), b_.CreateFCmpOLT(mod, zero));
    return b_.CreateSelect(b_.CreateAnd(b_.CreateFCmpUNE(mod, zero), differ), b_.CreateFAdd(mod, b), mod);
  }
  llvm::Value* one = llvm::ConstantInt::get(a->getType(), 1);
  llvm::Value* unit = b_.CreateICmpEQ(b, zero);
  if (!ir::is_signed(t)) return b_.CreateURem(a, b_.CreateSelect(unit, one, b));
  unit = b_.CreateOr(unit, b_.CreateICmpEQ(b, llvm::ConstantInt::getSigned(a->getType(), -1)));
  llvm::Value* r = b_.CreateSRem(a, b_.CreateSelect(unit, one, b));
  llvm::Value* differ = b_.CreateXor(b_.CreateICmpSLT(r, zero), b_.CreateICmpSLT(b, zero));
  return b_.CreateSelect(b_.CreateAnd(b_.CreateICmpNE(r, zero), differ), b_.CreateAdd(r, b), r);
}

llvm::Value* AluEmitter::math(Op op, DType t, llvm::Value* a, llvm::Value* b) {
  bool fp = ir::is_floating(t);
  // float (and float16/bfloat16, which compute in float) exp, log, log2 and
  // tanh are inline (alu_float_math.cpp); double stays with libm, and so do
  // sin and cos.
  bool is_float = a->getType()->getScalarType()->isFloatTy();
  const char* fn = libm_name(op, is_float);
  switch (op) {
    case Op::Exp:
      if (fp) return is_float ? float_exp(a) : libm(fn, a);
      break;
    case Op::Log:
      if (fp) return is_float ? float_log(a) : libm(fn, a);
      break;
    case Op::Log2:
      if (fp) return is_float ? float_log2(a) : libm(fn, a);
      break;
    case Op::Tanh:
      if (fp) return is_float ? float_tanh(a) : libm(fn, a);
      break;
    case Op::Sin:
    case Op::Cos:
      if (fp) return libm(fn, a);
      break;
    case Op::Sigmoid:
      // 1 / (1 + exp(-x)), as PyTorch's sigmoid.
      if (fp) {
        llvm::Value* one = llvm::ConstantFP::get(a->getType(), 1.0);
        llvm::Value* e = is_float ? float_exp(b_.CreateFNeg(a)) : libm(fn, b_.CreateFNeg(a));
        return b_.CreateFDiv(one, b_.CreateFAdd(one, e));
      }
      break;
    case Op::Pow:
      if (fp) return libm(fn, a, b);
      if (t != DType::Bool) return powi(t, a, b);
      break;
    case Op::Remainder:
      if (t != DType::Bool) return remainder(t, a, b);
      break;
    default:
      break;
  }
  throw std::logic_error("llvm codegen: cannot emit " + std::string(ir::op_name(op)) + " on " +
                         std::string(ir::torch_name(t)));
}

}  // namespace kiln::codegen
