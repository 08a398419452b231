#include "codegen/llvm/emit.h"

#include <functional>
#include <stdexcept>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include "codegen/kernel_sizes.h"
#include "codegen/llvm/alu.h"

namespace kiln::codegen {

namespace {

using ir::DType;
using ir::Op;

// Bool lives in memory as one byte, in registers as i1.
llvm::Type* memory_type(DType t, llvm::LLVMContext& ctx) {
  return t == DType::Bool ? llvm::Type::getInt8Ty(ctx) : value_type(t, ctx);
}

class Emitter {
 public:
  // `fn` takes the buffers, begin and end, then the values of `sizes`.
  Emitter(const Kernel& k, const KernelSizes& sizes, llvm::Function* fn, llvm::LLVMContext& ctx)
      : k_(k), sizes_(sizes), fn_(fn), ctx_(ctx), b_(ctx), alu_(b_, *fn->getParent()) {}

  void run();

 private:
  using BodyFn = std::function<void(llvm::Value* iv)>;
  void loop(llvm::Value* begin, llvm::Value* end, const BodyFn& body);
  // Loop `depth` (the caller's range for the outermost parallel loop).
  void loop_level(size_t depth, std::vector<llvm::Value*>& ivs, const std::function<void()>& inner);
  void nest(size_t depth, std::vector<llvm::Value*>& ivs);
  void reduce_nest(size_t depth, std::vector<llvm::Value*>& ivs);
  // A loop extent or affine coefficient or offset of k_: a constant, or the
  // parameter of fn_ that holds it.
  llvm::Value* size(const int64_t& v);
  llvm::Value* affine(const Affine& a, const std::vector<llvm::Value*>& ivs);
  llvm::Value* element_ptr(int arg, const Affine& a, const std::vector<llvm::Value*>& ivs);
  // The value of instruction `result` of `list` (the body or the epilogue);
  // `acc` is what the epilogue's Acc instructions read.
  llvm::Value* evaluate(const std::vector<Instr>& list, int result, const std::vector<llvm::Value*>& ivs,
                        llvm::Value* acc = nullptr);
  llvm::Value* cast(llvm::Value* v, DType from, DType to) { return alu_.cast(v, from, to); }
  void store(llvm::Value* v, const std::vector<llvm::Value*>& ivs);
  llvm::Value* reduce_identity();
  llvm::Value* reduce_takes(llvm::Value* acc, llvm::Value* v);
  llvm::Value* reduce_step(llvm::Value* acc, llvm::Value* v);

  const Kernel& k_;
  const KernelSizes& sizes_;
  llvm::Function* fn_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  AluEmitter alu_;
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

llvm::Value* Emitter::size(const int64_t& v) {
  int p = sizes_.param(v);
  if (p < 0) return b_.getInt64(v);
  return fn_->getArg(static_cast<unsigned>(k_.args.size() + 2 + static_cast<size_t>(p)));
}

llvm::Value* Emitter::affine(const Affine& a, const std::vector<llvm::Value*>& ivs) {
  llvm::Value* v = size(a.offset);
  for (size_t l = 0; l < a.coef.size(); ++l) {
    if (a.coef[l] == 0) continue;
    llvm::Value* term = a.coef[l] == 1 ? ivs[l] : b_.CreateMul(ivs[l], size(a.coef[l]), "", false, true);
    v = b_.CreateAdd(v, term, "", false, true);
  }
  return v;
}

llvm::Value* Emitter::element_ptr(int arg, const Affine& a, const std::vector<llvm::Value*>& ivs) {
  return b_.CreateInBoundsGEP(memory_type(k_.args[arg], ctx_), fn_->getArg(arg), affine(a, ivs));
}

llvm::Value* Emitter::evaluate(const std::vector<Instr>& list, int result, const std::vector<llvm::Value*>& ivs,
                               llvm::Value* acc) {
  std::vector<llvm::Value*> vals(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const Instr& in = list[i];
    llvm::Type* t = value_type(in.dtype, ctx_);
    switch (in.kind) {
      case Instr::Kind::Load: {
        llvm::Value* at = element_ptr(in.arg, in.index, ivs);
        if (in.a >= 0) at = b_.CreateInBoundsGEP(memory_type(in.dtype, ctx_), at, vals[in.a]);
        llvm::Value* v = b_.CreateLoad(memory_type(in.dtype, ctx_), at);
        vals[i] = in.dtype == DType::Bool ? b_.CreateICmpNE(v, b_.getInt8(0)) : v;
        break;
      }
      case Instr::Kind::Const:
        vals[i] = ir::is_floating(in.dtype)
                      ? llvm::ConstantFP::get(t, ir::literal_as_double(in.value))
                      : llvm::ConstantInt::get(t, static_cast<uint64_t>(ir::literal_as_int(in.value)), true);
        break;
      case Instr::Kind::Alu:
        if (in.op == Op::Cast) {
          vals[i] = cast(vals[in.a], list[in.a].dtype, in.dtype);
        } else if (in.op == Op::Where) {
          vals[i] = b_.CreateSelect(vals[in.a], vals[in.b], vals[in.c]);
        } else {
          vals[i] = alu_.op(in.op, list[in.a].dtype, vals[in.a], in.b >= 0 ? vals[in.b] : nullptr);
        }
        break;
      case Instr::Kind::Acc:
        if (!acc) throw std::logic_error("emit: an acc instruction outside a reduction's epilogue");
        vals[i] = k_.is_arg_reduce() ? acc : cast(acc, k_.acc_dtype, in.dtype);
        break;
    }
  }
  return vals[result];
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
  llvm::Value* better = max ? alu_.op(Op::Gt, t, v, acc) : alu_.op(Op::Lt, t, v, acc);
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
  // The outermost parallel loop runs the caller's range; its extent is
  // not in the code (a kernel serves every extent, see kernel_sizes.h).
  bool ranged = depth == 0 && num_outer_ > 0;
  llvm::Value* begin = ranged ? static_cast<llvm::Value*>(fn_->getArg(k_.args.size())) : b_.getInt64(0);
  llvm::Value* end = ranged ? fn_->getArg(k_.args.size() + 1) : size(k_.loops[depth].extent);
  loop(begin, end, [&](llvm::Value* iv) {
    ivs.push_back(iv);
    inner();
    ivs.pop_back();
  });
}

void Emitter::reduce_nest(size_t depth, std::vector<llvm::Value*>& ivs) {
  llvm::Type* t = value_type(k_.acc_dtype, ctx_);
  if (depth == k_.loops.size()) {
    llvm::Value* v = cast(evaluate(k_.body, k_.result, ivs), k_.body[k_.result].dtype, k_.acc_dtype);
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
    llvm::Value* acc = index_slot_ ? b_.CreateLoad(b_.getInt64Ty(), index_slot_)
                                   : b_.CreateLoad(value_type(k_.acc_dtype, ctx_), acc_slot_);
    if (!k_.epilogue.empty()) {
      store(evaluate(k_.epilogue, k_.epilogue_result, ivs, acc), ivs);
    } else {
      store(index_slot_ ? acc : cast(acc, k_.acc_dtype, k_.args[k_.output_arg()]), ivs);
    }
    return;
  }
  if (depth == k_.loops.size()) {
    store(evaluate(k_.body, k_.result, ivs), ivs);
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
  // vectorize without runtime overlap checks, and each size as its own
  // value; it is inlined into the entry point, which unpacks the argument
  // and size arrays.
  KernelSizes sizes(k);
  std::vector<llvm::Type*> params(k.args.size(), ptr);
  params.insert(params.end(), 2 + sizes.values().size(), i64);
  auto* body = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), params, false),
                                      llvm::Function::InternalLinkage, symbol + ".body", m.get());
  body->addFnAttr(llvm::Attribute::AlwaysInline);
  body->addFnAttr(llvm::Attribute::NoUnwind);
  for (size_t i = 0; i < k.args.size(); ++i) {
    body->addParamAttr(static_cast<unsigned>(i), llvm::Attribute::NoAlias);
    body->addParamAttr(static_cast<unsigned>(i), llvm::Attribute::NoCapture);
  }
  Emitter(k, sizes, body, ctx).run();

  auto* entry = llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr, ptr, i64, i64}, false),
                                       llvm::Function::ExternalLinkage, symbol, m.get());
  entry->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", entry));
  std::vector<llvm::Value*> call_args;
  for (size_t i = 0; i < k.args.size(); ++i) {
    llvm::Value* slot = b.CreateConstInBoundsGEP1_64(ptr, entry->getArg(0), i);
    call_args.push_back(b.CreateLoad(ptr, slot));
  }
  call_args.push_back(entry->getArg(2));
  call_args.push_back(entry->getArg(3));
  for (size_t i = 0; i < sizes.values().size(); ++i) {
    llvm::Value* slot = b.CreateConstInBoundsGEP1_64(i64, entry->getArg(1), i);
    call_args.push_back(b.CreateLoad(i64, slot));
  }
  b.CreateCall(body, call_args);
  b.CreateRetVoid();

  std::string err;
  llvm::raw_string_ostream os(err);
  if (llvm::verifyModule(*m, &os)) throw std::logic_error("llvm codegen produced invalid IR: " + os.str());
  return m;
}

}  // namespace kiln::codegen
