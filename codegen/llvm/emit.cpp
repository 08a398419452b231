#include "codegen/llvm/emit.h"

#include <functional>
#include <stdexcept>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

namespace kiln::codegen {

namespace {

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

bool is_float16(DType t) { return t == DType::Float16 || t == DType::BFloat16; }

// Bool lives in memory as one byte, in registers as i1.
llvm::Type* memory_type(DType t, llvm::LLVMContext& ctx) {
  return t == DType::Bool ? llvm::Type::getInt8Ty(ctx) : value_type(t, ctx);
}

class Emitter {
 public:
  Emitter(const Kernel& k, llvm::Function* fn, llvm::LLVMContext& ctx) : k_(k), fn_(fn), ctx_(ctx), b_(ctx) {}

  void run();

 private:
  using BodyFn = std::function<void(llvm::Value* iv)>;
  void loop(llvm::Value* begin, llvm::Value* end, const BodyFn& body);
  // Loop `depth` (the caller's range for the outermost parallel loop).
  void loop_level(size_t depth, std::vector<llvm::Value*>& ivs, const std::function<void()>& inner);
  void nest(size_t depth, std::vector<llvm::Value*>& ivs);
  void reduce_nest(size_t depth, std::vector<llvm::Value*>& ivs);
  llvm::Value* affine(const Affine& a, const std::vector<llvm::Value*>& ivs);
  llvm::Value* element_ptr(int arg, const Affine& a, const std::vector<llvm::Value*>& ivs);
  llvm::Value* evaluate(const std::vector<llvm::Value*>& ivs);
  llvm::Value* alu(const Instr& in, llvm::Value* a, llvm::Value* b);
  llvm::Value* arith(Op op, DType t, llvm::Value* a, llvm::Value* b);
  llvm::Value* cast(llvm::Value* v, DType from, DType to);
  llvm::Value* float_to_bfloat16(llvm::Value* f);
  void store(llvm::Value* v, const std::vector<llvm::Value*>& ivs);
  llvm::Value* reduce_identity();
  llvm::Value* reduce_takes(llvm::Value* acc, llvm::Value* v);
  llvm::Value* reduce_step(llvm::Value* acc, llvm::Value* v);

  const Kernel& k_;
  llvm::Function* fn_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  llvm::Value* acc_slot_ = nullptr;
  llvm::Value* index_slot_ = nullptr;  // arg reductions: the winner's position
  size_t num_outer_ = 0;
};

void Emitter::loop(llvm::Value* begin, llvm::Value* end, const BodyFn& body) {
  llvm::BasicBlock* pre = b_.GetInsertBlock();
  auto* header = llvm::BasicBlock::Create(ctx_, "loop", fn_);
  auto* bodyb = llvm::BasicBlock::Create(ctx_, "body", fn_);
  auto* exit = llvm::BasicBlock::Create(ctx_, "exit", fn_);
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* iv = b_.CreatePHI(b_.getInt64Ty(), 2, "i");
  iv->addIncoming(begin, pre);
  b_.CreateCondBr(b_.CreateICmpSLT(iv, end), bodyb, exit);
  b_.SetInsertPoint(bodyb);
  body(iv);
  llvm::Value* next = b_.CreateAdd(iv, b_.getInt64(1), "i.next", /*HasNUW=*/true, /*HasNSW=*/true);
  iv->addIncoming(next, b_.GetInsertBlock());
  b_.CreateBr(header);
  b_.SetInsertPoint(exit);
}

llvm::Value* Emitter::affine(const Affine& a, const std::vector<llvm::Value*>& ivs) {
  llvm::Value* v = b_.getInt64(a.offset);
  for (size_t l = 0; l < a.coef.size(); ++l) {
    if (a.coef[l] == 0) continue;
    llvm::Value* term = a.coef[l] == 1 ? ivs[l] : b_.CreateMul(ivs[l], b_.getInt64(a.coef[l]), "", false, true);
    v = b_.CreateAdd(v, term, "", false, true);
  }
  return v;
}

llvm::Value* Emitter::element_ptr(int arg, const Affine& a, const std::vector<llvm::Value*>& ivs) {
  return b_.CreateInBoundsGEP(memory_type(k_.args[arg], ctx_), fn_->getArg(arg), affine(a, ivs));
}

// The cast semantics of runtime/element_types.h, in IR.
llvm::Value* Emitter::cast(llvm::Value* v, DType from, DType to) {
  if (from == to) return v;
  llvm::Type* f32 = b_.getFloatTy();
  if (is_float16(from)) return cast(b_.CreateFPExt(v, f32), DType::Float32, to);
  if (is_float16(to)) {
    // Through float, like c10's Half(double): a double rounds to float first.
    llvm::Value* f = cast(v, from, DType::Float32);
    return to == DType::Float16 ? b_.CreateFPTrunc(f, value_type(to, ctx_)) : float_to_bfloat16(f);
  }
  llvm::Type* t = value_type(to, ctx_);
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
llvm::Value* Emitter::float_to_bfloat16(llvm::Value* f) {
  llvm::Value* bits = b_.CreateBitCast(f, b_.getInt32Ty());
  llvm::Value* lsb = b_.CreateAnd(b_.CreateLShr(bits, 16), 1);
  llvm::Value* rounded = b_.CreateLShr(b_.CreateAdd(bits, b_.CreateAdd(lsb, b_.getInt32(0x7FFF))), 16);
  llvm::Value* nan = b_.CreateFCmpUNO(f, f);
  llvm::Value* result = b_.CreateSelect(nan, b_.getInt32(0x7FC0), rounded);
  return b_.CreateBitCast(b_.CreateTrunc(result, b_.getInt16Ty()), b_.getBFloatTy());
}

llvm::Value* Emitter::alu(const Instr& in, llvm::Value* a, llvm::Value* b) {
  DType t = k_.body[in.a].dtype;  // the operands' dtype
  if (is_float16(t)) {
    // Computed in float and rounded back after each op, like PyTorch's CPU
    // kernels (and exactly the IEEE 16-bit result for + - * /).
    llvm::Value* r = arith(in.op, DType::Float32, cast(a, t, DType::Float32), b ? cast(b, t, DType::Float32) : nullptr);
    return ir::op_kind(in.op) == ir::OpKind::Compare ? r : cast(r, DType::Float32, t);
  }
  return arith(in.op, t, a, b);
}

llvm::Value* zero(llvm::Value* like) { return llvm::Constant::getNullValue(like->getType()); }

// `op` on operands of dtype `t` (result: `t`, or bool for comparisons).
llvm::Value* Emitter::arith(Op op, DType t, llvm::Value* a, llvm::Value* b) {
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
    case Op::Add:
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
      break;
  }
  throw std::logic_error("llvm codegen: cannot emit " + std::string(ir::op_name(op)) + " on " +
                         std::string(ir::torch_name(t)));
}

llvm::Value* Emitter::evaluate(const std::vector<llvm::Value*>& ivs) {
  std::vector<llvm::Value*> vals(k_.body.size());
  for (size_t i = 0; i < k_.body.size(); ++i) {
    const Instr& in = k_.body[i];
    llvm::Type* t = value_type(in.dtype, ctx_);
    switch (in.kind) {
      case Instr::Kind::Load: {
        llvm::Value* v = b_.CreateLoad(memory_type(in.dtype, ctx_), element_ptr(in.arg, in.index, ivs));
        vals[i] = in.dtype == DType::Bool ? b_.CreateICmpNE(v, b_.getInt8(0)) : v;
        break;
      }
      case Instr::Kind::Const:
        vals[i] = ir::is_floating(in.dtype)
                      ? llvm::ConstantFP::get(t, ir::literal_as_double(in.value))
                      : llvm::ConstantInt::get(t, static_cast<uint64_t>(ir::literal_as_int(in.value)), true);
        break;
      case Instr::Kind::Alu:
        vals[i] = in.op == Op::Cast ? cast(vals[in.a], k_.body[in.a].dtype, in.dtype)
                                    : alu(in, vals[in.a], in.b >= 0 ? vals[in.b] : nullptr);
        break;
    }
  }
  return vals[k_.result];
}

// The value an empty reduction starts from.
llvm::Value* Emitter::reduce_identity() {
  DType t = k_.acc_dtype;
  llvm::Type* ty = value_type(t, ctx_);
  Op op = *k_.reduce;
  if (op == Op::Sum || op == Op::Prod) {
    double v = op == Op::Sum ? 0.0 : 1.0;
    return ir::is_floating(t) ? llvm::ConstantFP::get(ty, v) : llvm::ConstantInt::get(ty, static_cast<uint64_t>(v));
  }
  bool lowest = op == Op::Max || op == Op::ArgMax;
  if (ir::is_floating(t)) return llvm::ConstantFP::getInfinity(ty, /*Negative=*/lowest);
  unsigned bits = ty->getIntegerBitWidth();
  bool sgn = ir::is_signed(t);
  llvm::APInt v = lowest ? (sgn ? llvm::APInt::getSignedMinValue(bits) : llvm::APInt::getMinValue(bits))
                         : (sgn ? llvm::APInt::getSignedMaxValue(bits) : llvm::APInt::getMaxValue(bits));
  return llvm::ConstantInt::get(ty, v);
}

// Whether `v` replaces the running max/min `acc`: strictly better, so the
// first of equal values wins; a NaN wins over everything and, once there,
// stays (the first NaN).
llvm::Value* Emitter::reduce_takes(llvm::Value* acc, llvm::Value* v) {
  DType t = k_.acc_dtype;
  bool max = *k_.reduce == Op::Max || *k_.reduce == Op::ArgMax;
  llvm::Value* better = max ? arith(Op::Gt, t, v, acc) : arith(Op::Lt, t, v, acc);
  if (!ir::is_floating(t)) return better;
  llvm::Value* v_nan = b_.CreateFCmpUNO(v, v);
  llvm::Value* acc_nan = b_.CreateFCmpUNO(acc, acc);
  return b_.CreateAnd(b_.CreateNot(acc_nan), b_.CreateOr(better, v_nan));
}

llvm::Value* Emitter::reduce_step(llvm::Value* acc, llvm::Value* v) {
  Op op = *k_.reduce;
  if (op != Op::Sum && op != Op::Prod) return b_.CreateSelect(reduce_takes(acc, v), v, acc);
  if (!acc->getType()->isFloatingPointTy()) return op == Op::Sum ? b_.CreateAdd(acc, v) : b_.CreateMul(acc, v);
  // Reassociation lets LLVM keep several vector partial sums, like every
  // fast sum (PyTorch's included) does; the result differs from a strict
  // left-to-right sum only by rounding.
  auto* r = llvm::cast<llvm::Instruction>(op == Op::Sum ? b_.CreateFAdd(acc, v) : b_.CreateFMul(acc, v));
  llvm::FastMathFlags f;
  f.setAllowReassoc();
  r->setFastMathFlags(f);
  return r;
}

void Emitter::store(llvm::Value* v, const std::vector<llvm::Value*>& ivs) {
  DType t = k_.args[k_.output_arg()];
  if (t == DType::Bool) v = b_.CreateZExt(v, b_.getInt8Ty());
  b_.CreateStore(v, element_ptr(k_.output_arg(), k_.store, ivs));
}

void Emitter::loop_level(size_t depth, std::vector<llvm::Value*>& ivs, const std::function<void()>& inner) {
  llvm::Value* begin = b_.getInt64(0);
  llvm::Value* end = b_.getInt64(k_.loops[depth].extent);
  if (depth == 0 && num_outer_ > 0) {
    begin = fn_->getArg(k_.args.size());
    end = fn_->getArg(k_.args.size() + 1);
  }
  loop(begin, end, [&](llvm::Value* iv) {
    ivs.push_back(iv);
    inner();
    ivs.pop_back();
  });
}

void Emitter::reduce_nest(size_t depth, std::vector<llvm::Value*>& ivs) {
  llvm::Type* t = value_type(k_.acc_dtype, ctx_);
  if (depth == k_.loops.size()) {
    llvm::Value* v = cast(evaluate(ivs), k_.body[k_.result].dtype, k_.acc_dtype);
    llvm::Value* acc = b_.CreateLoad(t, acc_slot_);
    if (k_.is_arg_reduce()) {
      llvm::Value* take = reduce_takes(acc, v);
      b_.CreateStore(b_.CreateSelect(take, v, acc), acc_slot_);
      llvm::Value* index = b_.CreateLoad(b_.getInt64Ty(), index_slot_);
      b_.CreateStore(b_.CreateSelect(take, affine(k_.reduce_index, ivs), index), index_slot_);
    } else {
      b_.CreateStore(reduce_step(acc, v), acc_slot_);
    }
    return;
  }
  loop_level(depth, ivs, [&] { reduce_nest(depth + 1, ivs); });
}

void Emitter::nest(size_t depth, std::vector<llvm::Value*>& ivs) {
  if (k_.reduce && depth == num_outer_) {
    b_.CreateStore(reduce_identity(), acc_slot_);
    if (index_slot_) b_.CreateStore(b_.getInt64(0), index_slot_);
    reduce_nest(depth, ivs);
    llvm::Value* result = index_slot_ ? b_.CreateLoad(b_.getInt64Ty(), index_slot_)
                                      : cast(b_.CreateLoad(value_type(k_.acc_dtype, ctx_), acc_slot_), k_.acc_dtype,
                                             k_.args[k_.output_arg()]);
    store(result, ivs);
    return;
  }
  if (depth == k_.loops.size()) {
    store(evaluate(ivs), ivs);
    return;
  }
  loop_level(depth, ivs, [&] { nest(depth + 1, ivs); });
}

void Emitter::run() {
  auto* entry = llvm::BasicBlock::Create(ctx_, "entry", fn_);
  b_.SetInsertPoint(entry);
  num_outer_ = k_.num_outer_loops();
  if (k_.reduce) acc_slot_ = b_.CreateAlloca(value_type(k_.acc_dtype, ctx_), nullptr, "acc");
  if (k_.is_arg_reduce()) index_slot_ = b_.CreateAlloca(b_.getInt64Ty(), nullptr, "index");
  std::vector<llvm::Value*> ivs;
  if (num_outer_ > 0) {
    nest(0, ivs);
  } else {
    // No parallel loop to split: the whole nest runs once for a non-empty range.
    auto* work = llvm::BasicBlock::Create(ctx_, "work", fn_);
    auto* done = llvm::BasicBlock::Create(ctx_, "done", fn_);
    b_.CreateCondBr(b_.CreateICmpSLT(fn_->getArg(k_.args.size()), fn_->getArg(k_.args.size() + 1)), work, done);
    b_.SetInsertPoint(work);
    nest(0, ivs);
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
  }
  b_.CreateRetVoid();
}

}  // namespace

std::unique_ptr<llvm::Module> emit_llvm(const Kernel& k, const std::string& symbol, llvm::LLVMContext& ctx) {
  auto m = std::make_unique<llvm::Module>(symbol, ctx);
  llvm::Type* ptr = llvm::PointerType::getUnqual(ctx);
  llvm::Type* i64 = llvm::Type::getInt64Ty(ctx);

  // The body takes each buffer as its own noalias pointer, so LLVM may
  // vectorize without runtime overlap checks; it is inlined into the entry
  // point, which unpacks the argument array.
  std::vector<llvm::Type*> params(k.args.size(), ptr);
  params.push_back(i64);
  params.push_back(i64);
  auto* body = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), params, false),
                                      llvm::Function::InternalLinkage, symbol + ".body", m.get());
  body->addFnAttr(llvm::Attribute::AlwaysInline);
  body->addFnAttr(llvm::Attribute::NoUnwind);
  for (size_t i = 0; i < k.args.size(); ++i) {
    body->addParamAttr(static_cast<unsigned>(i), llvm::Attribute::NoAlias);
    body->addParamAttr(static_cast<unsigned>(i), llvm::Attribute::NoCapture);
  }
  Emitter(k, body, ctx).run();

  auto* entry = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr, i64, i64}, false),
                                       llvm::Function::ExternalLinkage, symbol, m.get());
  entry->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", entry));
  std::vector<llvm::Value*> call_args;
  for (size_t i = 0; i < k.args.size(); ++i) {
    llvm::Value* slot = b.CreateConstInBoundsGEP1_64(ptr, entry->getArg(0), i);
    call_args.push_back(b.CreateLoad(ptr, slot));
  }
  call_args.push_back(entry->getArg(1));
  call_args.push_back(entry->getArg(2));
  b.CreateCall(body, call_args);
  b.CreateRetVoid();

  std::string err;
  llvm::raw_string_ostream os(err);
  if (llvm::verifyModule(*m, &os)) throw std::logic_error("llvm codegen produced invalid IR: " + os.str());
  return m;
}

}  // namespace kiln::codegen
