// float32 exp, log, log2 and tanh as inline IR: ir/float_math.h's algorithms, step for
// step (same constants, same IEEE operations in the same order, the fmas as
// llvm.fma, rounding as llvm.rint, no fast-math flags), so the JIT computes
// the interpreter's bits. Unlike a call to expf the inline code vectorizes.
// Every builder call works on a float or on a vector of floats (constants
// splat), so explicit vector code can use these too.
#include <cstddef>
#include <iterator>
#include <limits>

#include <llvm/IR/Intrinsics.h>

#include "codegen/llvm/alu.h"
#include "ir/float_math.h"

namespace kiln::codegen {

namespace fm = ir::float_math;

namespace {

// The integer type with `v`'s shape: i32 or <N x i32>.
llvm::Type* int_type(llvm::Value* v) { return v->getType()->getWithNewType(llvm::Type::getInt32Ty(v->getContext())); }

}  // namespace

llvm::Value* AluEmitter::float_constant(llvm::Value* like, float c) { return llvm::ConstantFP::get(like->getType(), c); }

llvm::Value* AluEmitter::int_constant(llvm::Value* like, uint32_t c) { return llvm::ConstantInt::get(int_type(like), c); }

llvm::Value* AluEmitter::fma(llvm::Value* a, llvm::Value* b, llvm::Value* c) {
  return b_.CreateIntrinsic(llvm::Intrinsic::fma, {a->getType()}, {a, b, c});
}

// fm::pow2i: 2^k from its exponent field.
llvm::Value* AluEmitter::pow2i(llvm::Value* k) {
  llvm::Value* bits = b_.CreateShl(b_.CreateAdd(k, int_constant(k, 127)), 23);
  return b_.CreateBitCast(bits, k->getType()->getWithNewType(b_.getFloatTy()));
}

// fm::exp_parts.
AluEmitter::ExpParts AluEmitter::exp_parts(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  ExpParts e;
  e.kf = b_.CreateIntrinsic(llvm::Intrinsic::rint, {x->getType()}, {b_.CreateFMul(x, c(fm::kLog2e))});
  llvm::Value* r = fma(e.kf, c(-fm::kLn2Hi), x);
  r = fma(e.kf, c(-fm::kLn2Lo), r);
  llvm::Value* p = c(fm::kExpPoly[0]);
  for (size_t i = 1; i < std::size(fm::kExpPoly); ++i) p = fma(p, r, c(fm::kExpPoly[i]));
  e.u = fma(b_.CreateFMul(r, r), p, r);
  return e;
}

llvm::Value* AluEmitter::float_exp(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  llvm::Value* xc = b_.CreateSelect(b_.CreateFCmpOLT(x, c(fm::kExpMax)), x, c(fm::kExpMax));
  xc = b_.CreateSelect(b_.CreateFCmpOGT(xc, c(fm::kExpMin)), xc, c(fm::kExpMin));
  ExpParts e = exp_parts(xc);
  llvm::Value* k = b_.CreateFPToSI(e.kf, int_type(x));
  llvm::Value* k1 = b_.CreateAShr(k, 1);
  llvm::Value* y = b_.CreateFMul(b_.CreateFMul(b_.CreateFAdd(e.u, c(1.0f)), pow2i(k1)), pow2i(b_.CreateSub(k, k1)));
  return b_.CreateSelect(b_.CreateFCmpUNO(x, x), x, y);
}

llvm::Value* AluEmitter::float_tanh(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  llvm::Value* a = b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, x);
  llvm::Value* ac = b_.CreateSelect(b_.CreateFCmpOLT(a, c(fm::kTanhBig)), a, c(fm::kTanhBig));
  ExpParts e = exp_parts(b_.CreateFAdd(ac, ac));
  llvm::Value* scale = pow2i(b_.CreateFPToSI(e.kf, int_type(x)));
  llvm::Value* expm1 = fma(scale, e.u, b_.CreateFSub(scale, c(1.0f)));
  llvm::Value* big = b_.CreateFSub(c(1.0f), b_.CreateFDiv(c(2.0f), b_.CreateFAdd(expm1, c(2.0f))));
  llvm::Value* z = b_.CreateFMul(a, a);
  llvm::Value* p = c(fm::kTanhPoly[0]);
  for (size_t i = 1; i < std::size(fm::kTanhPoly); ++i) p = fma(p, z, c(fm::kTanhPoly[i]));
  llvm::Value* small = fma(b_.CreateFMul(a, z), p, a);
  llvm::Value* t = b_.CreateSelect(b_.CreateFCmpOLT(a, c(fm::kTanhSmall)), small, big);
  t = b_.CreateBinaryIntrinsic(llvm::Intrinsic::copysign, t, x);
  return b_.CreateSelect(b_.CreateFCmpUNO(x, x), x, t);
}

// fm::log_parts.
AluEmitter::LogParts AluEmitter::log_parts(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  auto i = [&](uint32_t v) { return int_constant(x, v); };
  llvm::Value* denormal = b_.CreateFCmpOLT(x, c(fm::kMinNormal));
  llvm::Value* xs = b_.CreateSelect(denormal, b_.CreateFMul(x, c(fm::kDenormalScale)), x);
  llvm::Value* ix = b_.CreateAdd(b_.CreateBitCast(xs, int_type(x)), i(0x3f800000u - fm::kSqrtHalfBits));
  llvm::Value* k = b_.CreateSub(b_.CreateSub(b_.CreateLShr(ix, 23), i(127)), b_.CreateSelect(denormal, i(23), i(0)));
  LogParts p;
  llvm::Value* m = b_.CreateAdd(b_.CreateAnd(ix, i(0x007fffffu)), i(fm::kSqrtHalfBits));
  p.f = b_.CreateFSub(b_.CreateBitCast(m, x->getType()), c(1.0f));
  p.s = b_.CreateFDiv(p.f, b_.CreateFAdd(c(2.0f), p.f));
  llvm::Value* z = b_.CreateFMul(p.s, p.s);
  llvm::Value* w = b_.CreateFMul(z, z);
  p.r = b_.CreateFAdd(b_.CreateFMul(z, fma(w, c(fm::kLg3), c(fm::kLg1))),
                      b_.CreateFMul(w, fma(w, c(fm::kLg4), c(fm::kLg2))));
  p.hfsq = b_.CreateFMul(b_.CreateFMul(c(0.5f), p.f), p.f);
  p.kf = b_.CreateSIToFP(k, x->getType());
  return p;
}

// fm::log_specials.
llvm::Value* AluEmitter::log_specials(llvm::Value* x, llvm::Value* y) {
  auto c = [&](float v) { return float_constant(x, v); };
  float inf = std::numeric_limits<float>::infinity();
  y = b_.CreateSelect(b_.CreateFCmpOEQ(x, c(inf)), x, y);
  y = b_.CreateSelect(b_.CreateFCmpOEQ(x, c(0.0f)), c(-inf), y);
  return b_.CreateSelect(b_.CreateFCmpOGE(x, c(0.0f)), y, llvm::ConstantFP::getNaN(x->getType()));
}

llvm::Value* AluEmitter::float_log(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  LogParts p = log_parts(x);
  llvm::Value* tail = fma(p.s, b_.CreateFAdd(p.hfsq, p.r), b_.CreateFMul(p.kf, c(fm::kLn2Lo)));
  llvm::Value* y = b_.CreateFSub(b_.CreateFMul(p.kf, c(fm::kLn2Hi)), b_.CreateFSub(b_.CreateFSub(p.hfsq, tail), p.f));
  return log_specials(x, y);
}

llvm::Value* AluEmitter::float_log2(llvm::Value* x) {
  auto c = [&](float v) { return float_constant(x, v); };
  LogParts p = log_parts(x);
  llvm::Value* hi_bits = b_.CreateAnd(b_.CreateBitCast(b_.CreateFSub(p.f, p.hfsq), int_type(x)), int_constant(x, 0xfffff000u));
  llvm::Value* hi = b_.CreateBitCast(hi_bits, x->getType());
  llvm::Value* lo = fma(p.s, b_.CreateFAdd(p.hfsq, p.r), b_.CreateFSub(b_.CreateFSub(p.f, hi), p.hfsq));
  llvm::Value* y_hi = b_.CreateFMul(hi, c(fm::kInvLn2Hi));
  llvm::Value* y_lo = fma(b_.CreateFAdd(lo, hi), c(fm::kInvLn2Lo), b_.CreateFMul(lo, c(fm::kInvLn2Hi)));
  llvm::Value* t = b_.CreateFAdd(p.kf, y_hi);
  y_lo = b_.CreateFAdd(y_lo, b_.CreateFAdd(b_.CreateFSub(p.kf, t), y_hi));
  return log_specials(x, b_.CreateFAdd(y_lo, t));
}

}  // namespace kiln::codegen
