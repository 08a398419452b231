#include "codegen/llvm/alu.h"

#include <stdexcept>
#include <string>

#include <llvm/IR/Intrinsics.h>

namespace kiln::codegen {

using ir::DType;
using ir::Op;

llvm::Type* value_type(DType t, llvm::LLVMContext& ctx) {
  switch (t) {
    case DType::Bool:
      return llvm::Type::getInt1Ty(ctx);
    case DType::UInt8:
    case DType::Int8:
      return llvm::Type::getInt8Ty(ctx);
    case DType::Int16:
      return llvm::Type::getInt16Ty(ctx);
    case DType::Int32:
      return llvm::Type::getInt32Ty(ctx);
    case DType::Int64:
      return llvm::Type::getInt64Ty(ctx);
    case DType::Float16:
      return llvm::Type::getHalfTy(ctx);
    case DType::BFloat16:
      return llvm::Type::getBFloatTy(ctx);
    case DType::Float32:
      return llvm::Type::getFloatTy(ctx);
    case DType::Float64:
      return llvm::Type::getDoubleTy(ctx);
  }
  throw std::logic_error("llvm codegen: unknown dtype");
}

namespace {
bool is_float16(DType t) { return t == DType::Float16 || t == DType::BFloat16; }
}  // namespace

// The cast semantics of ir/element_types.h, in IR.
llvm::Value* AluEmitter::cast(llvm::Value* v, DType from, DType to) {
  if (from == to) return v;
  llvm::Type* f32 = b_.getFloatTy();
  if (is_float16(from)) return cast(b_.CreateFPExt(v, f32), DType::Float32, to);
  if (is_float16(to)) {
    // Through float, like c10's Half(double): a double rounds to float first.
    llvm::Value* f = cast(v, from, DType::Float32);
    return to == DType::Float16 ? b_.CreateFPTrunc(f, value_type(to, b_.getContext())) : float_to_bfloat16(f);
  }
  llvm::Type* t = value_type(to, b_.getContext());
  if (to == DType::Bool) {
    return ir::is_floating(from) ? b_.CreateFCmpUNE(v, llvm::ConstantFP::get(v->getType(), 0.0))
                                 : b_.CreateICmpNE(v, llvm::ConstantInt::get(v->getType(), 0));
  }
  if (ir::is_floating(from) && ir::is_floating(to)) return b_.CreateFPCast(v, t);
  if (ir::is_floating(from)) {
    // Truncate through int64 (int64, uint8) or int32 (the rest); out of
    // range or NaN gives the lowest value instead of poison.
    bool wide = to == DType::Int64 || to == DType::UInt8;
    llvm::Type* it = wide ? b_.getInt64Ty() : b_.getInt32Ty();
    double limit = wide ? 9223372036854775808.0 : 2147483648.0;
    llvm::Value* d = v->getType()->isDoubleTy() ? v : b_.CreateFPExt(v, b_.getDoubleTy());
    llvm::Value* in_range = b_.CreateAnd(b_.CreateFCmpOGT(d, llvm::ConstantFP::get(d->getType(), -limit - 1.0)),
                                         b_.CreateFCmpOLT(d, llvm::ConstantFP::get(d->getType(), limit)));
    llvm::Value* safe = b_.CreateSelect(in_range, d, llvm::ConstantFP::get(d->getType(), 0.0));
    llvm::Value* i = b_.CreateSelect(in_range, b_.CreateFPToSI(safe, it),
                                     llvm::ConstantInt::get(it, wide ? static_cast<uint64_t>(INT64_MIN) : 0x80000000u));
    return b_.CreateIntCast(i, t, /*isSigned=*/true);
  }
  if (ir::is_floating(to)) return ir::is_signed(from) ? b_.CreateSIToFP(v, t) : b_.CreateUIToFP(v, t);
  return b_.CreateIntCast(v, t, ir::is_signed(from));
}

// float → bfloat16, rounding to nearest even, NaN → 0x7FC0 (c10::BFloat16's
// rule), in integer ops: LLVM's own fptrunc may need a runtime library call.
llvm::Value* AluEmitter::float_to_bfloat16(llvm::Value* f) {
  llvm::Value* bits = b_.CreateBitCast(f, b_.getInt32Ty());
  llvm::Value* lsb = b_.CreateAnd(b_.CreateLShr(bits, 16), 1);
  llvm::Value* rounded = b_.CreateLShr(b_.CreateAdd(bits, b_.CreateAdd(lsb, b_.getInt32(0x7FFF))), 16);
  llvm::Value* nan = b_.CreateFCmpUNO(f, f);
  llvm::Value* result = b_.CreateSelect(nan, b_.getInt32(0x7FC0), rounded);
  return b_.CreateBitCast(b_.CreateTrunc(result, b_.getInt16Ty()), b_.getBFloatTy());
}

llvm::Value* AluEmitter::op(Op op, DType t, llvm::Value* a, llvm::Value* b) {
  if (is_float16(t)) {
    // Computed in float and rounded back after each op, like PyTorch's CPU
    // kernels (and exactly the IEEE 16-bit result for + - * /).
    llvm::Value* r = arith(op, DType::Float32, cast(a, t, DType::Float32), b ? cast(b, t, DType::Float32) : nullptr);
    return ir::op_kind(op) == ir::OpKind::Compare ? r : cast(r, DType::Float32, t);
  }
  return arith(op, t, a, b);
}

namespace {
llvm::Value* zero(llvm::Value* like) { return llvm::Constant::getNullValue(like->getType()); }
}  // namespace

// `op` on operands of dtype `t` (result: `t`, or bool for comparisons).
llvm::Value* AluEmitter::arith(Op op, DType t, llvm::Value* a, llvm::Value* b) {
  bool fp = ir::is_floating(t);
  bool sgn = ir::is_signed(t);
  switch (op) {
    case Op::Neg:
      return fp ? b_.CreateFNeg(a) : b_.CreateNeg(a);
    case Op::Abs:
      if (fp) return b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, a);
      return sgn ? b_.CreateSelect(b_.CreateICmpSLT(a, zero(a)), b_.CreateNeg(a), a) : a;
    case Op::Relu:
      // x < 0 ? 0 : x keeps -0.0 and NaN, as PyTorch's relu does.
      return b_.CreateSelect(arith(Op::Lt, t, a, zero(a)), zero(a), a);
    case Op::Sign: {
      if (t == DType::Bool) return a;
      // (x > 0) - (x < 0): NaN and -0.0 give 0.
      llvm::Value* pos = cast(arith(Op::Gt, t, a, zero(a)), DType::Bool, t);
      llvm::Value* neg = cast(arith(Op::Lt, t, a, zero(a)), DType::Bool, t);
      return fp ? b_.CreateFSub(pos, neg) : b_.CreateSub(pos, neg);
    }
    case Op::Floor:
      return fp ? b_.CreateUnaryIntrinsic(llvm::Intrinsic::floor, a) : a;
    case Op::Ceil:
      return fp ? b_.CreateUnaryIntrinsic(llvm::Intrinsic::ceil, a) : a;
    case Op::Round:  // half to even, like nearbyint in the default mode
      return fp ? b_.CreateUnaryIntrinsic(llvm::Intrinsic::roundeven, a) : a;
    case Op::Sqrt:
      if (fp) return b_.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, a);
      break;
    case Op::Rsqrt:
      if (fp) return b_.CreateFDiv(llvm::ConstantFP::get(a->getType(), 1.0), b_.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, a));
      break;
    case Op::Add:  // on bool: or, as PyTorch's bool add
      if (t == DType::Bool) return b_.CreateOr(a, b);
      return fp ? b_.CreateFAdd(a, b) : b_.CreateAdd(a, b);
    case Op::Sub:
      return fp ? b_.CreateFSub(a, b) : b_.CreateSub(a, b);
    case Op::Mul:
      return fp ? b_.CreateFMul(a, b) : b_.CreateMul(a, b);
    case Op::Div:
      if (fp) return b_.CreateFDiv(a, b);
      break;
    case Op::Maximum:
    case Op::Minimum: {
      // std::max / std::min, as PyTorch's scalar kernels: a tie (-0.0
      // against 0.0) keeps a; a NaN on either side gives NaN.
      llvm::Value* pick_b = op == Op::Maximum ? arith(Op::Lt, t, a, b) : arith(Op::Lt, t, b, a);
      llvm::Value* r = b_.CreateSelect(pick_b, b, a);
      if (!fp) return r;
      llvm::Value* nan = b_.CreateFCmpUNO(a, b);
      return b_.CreateSelect(nan, llvm::ConstantFP::getNaN(a->getType()), r);
    }
    case Op::BitAnd:
      if (!fp) return b_.CreateAnd(a, b);
      break;
    case Op::BitOr:
      if (!fp) return b_.CreateOr(a, b);
      break;
    case Op::BitXor:
      if (!fp) return b_.CreateXor(a, b);
      break;
    case Op::BitNot:  // on i1 this is logical not
      if (!fp) return b_.CreateNot(a);
      break;
    case Op::Eq:
      return fp ? b_.CreateFCmpOEQ(a, b) : b_.CreateICmpEQ(a, b);
    case Op::Ne:
      return fp ? b_.CreateFCmpUNE(a, b) : b_.CreateICmpNE(a, b);
    case Op::Lt:
      return fp ? b_.CreateFCmpOLT(a, b) : sgn ? b_.CreateICmpSLT(a, b) : b_.CreateICmpULT(a, b);
    case Op::Le:
      return fp ? b_.CreateFCmpOLE(a, b) : sgn ? b_.CreateICmpSLE(a, b) : b_.CreateICmpULE(a, b);
    case Op::Gt:
      return fp ? b_.CreateFCmpOGT(a, b) : sgn ? b_.CreateICmpSGT(a, b) : b_.CreateICmpUGT(a, b);
    case Op::Ge:
      return fp ? b_.CreateFCmpOGE(a, b) : sgn ? b_.CreateICmpSGE(a, b) : b_.CreateICmpUGE(a, b);
    default:
      return math(op, t, a, b);
  }
  throw std::logic_error("llvm codegen: cannot emit " + std::string(ir::op_name(op)) + " on " +
                         std::string(ir::torch_name(t)));
}

}  // namespace kiln::codegen
