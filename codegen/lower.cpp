#include "codegen/lower.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>

#include "codegen/simplify_loops.h"
#include "codegen/streaming_stores.h"
#include "codegen/tile_loops.h"
#include "ir/view.h"

namespace kiln::codegen {

using ir::Node;
using ir::Op;
using ir::OpKind;

namespace {

// An index into each dimension of a node, as affine functions of the loops.
using IndexVec = std::vector<Affine>;

void add_scaled(Affine& acc, const Affine& x, int64_t k) {
  for (size_t l = 0; l < acc.coef.size(); ++l) acc.coef[l] += x.coef[l] * k;
  acc.offset += x.offset * k;
}

std::string memo_key(const Node* n, const IndexVec& idx) {
  std::string key(reinterpret_cast<const char*>(&n), sizeof n);
  for (const Affine& a : idx) {
    key.append(reinterpret_cast<const char*>(a.coef.data()), a.coef.size() * sizeof(int64_t));
    key.append(reinterpret_cast<const char*>(&a.offset), sizeof a.offset);
  }
  return key;
}

template <typename T>
void append(std::string& key, const T& v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Equal keys, identical instructions (literals are canonical, so equal
// constants have equal bits).
std::string instr_key(const Instr& in) {
  std::string key;
  for (int field : {static_cast<int>(in.kind), static_cast<int>(in.dtype), static_cast<int>(in.op), in.a, in.b, in.c,
                    in.arg})
    append(key, field);
  append(key, in.index.offset);
  key.append(reinterpret_cast<const char*>(in.index.coef.data()), in.index.coef.size() * sizeof(int64_t));
  if (in.kind == Instr::Kind::Const) {
    append(key, in.value.index());
    std::visit([&](auto x) { append(key, x); }, in.value);
  }
  return key;
}

class Lowerer {
 public:
  Lowerer(size_t num_loops, const Node* root, const Materialized& planned, const Node* inline_reduce)
      : num_loops_(num_loops), root_(root), planned_(planned), inline_reduce_(inline_reduce) {}

  // Whether `x` is read from memory rather than computed in this kernel.
  bool is_read(const Node* x) const { return x->is_buffer() || (x != root_ && planned_ && planned_(x)); }

  Affine zero() const { return Affine{std::vector<int64_t>(num_loops_, 0), 0}; }
  Affine unit(size_t loop) const {
    Affine a = zero();
    a.coef[loop] = 1;
    return a;
  }
  // Element address of index `idx` in a strided layout.
  Affine address(const IndexVec& idx, const ir::Shape& strides, int64_t offset) const {
    Affine a = zero();
    a.offset = offset;
    for (size_t d = 0; d < idx.size(); ++d) add_scaled(a, idx[d], strides[d]);
    return a;
  }

  // Emits the instructions computing node `root` at index `idx` and returns
  // the instruction that holds the value. Iterative, because fused chains can
  // be arbitrarily deep; values already emitted at the same index are reused.
  int emit(const Node* root, const IndexVec& idx);

  // The input argument reading `base`, or -1.
  int arg_of(const Node* base) const {
    const void* key = base->is_buffer() ? static_cast<const void*>(base->storage.get()) : base;
    for (size_t i = 0; i < arg_keys_.size(); ++i)
      if (arg_keys_[i] == key && arg_dtypes_[i] == base->dtype) return static_cast<int>(i);
    return -1;
  }

  // What `emit` emits from here on is the epilogue, evaluated after the
  // reduction: values of the body are not reused in it.
  void begin_epilogue() {
    reduce_body_ = std::move(body_);
    body_.clear();
    memo_.clear();
    emitted_.clear();
  }

  // Moves the body (and epilogue) and arguments into `k`; the output
  // argument is appended.
  LoweredKernel finish(Kernel k, ir::DType out_dtype) {
    if (inline_reduce_) {
      k.body = std::move(reduce_body_);
      k.epilogue = std::move(body_);
    } else {
      k.body = std::move(body_);
    }
    k.args = std::move(arg_dtypes_);
    k.args.push_back(out_dtype);
    note_source(root_);
    std::sort(sources_.begin(), sources_.end(), [](const ir::Loc& a, const ir::Loc& b) {
      int c = std::strcmp(a.file, b.file);
      return c != 0 ? c < 0 : a.line < b.line;
    });
    sources_.erase(std::unique(sources_.begin(), sources_.end()), sources_.end());
    return LoweredKernel{std::move(k), std::move(inputs_), std::move(sources_)};
  }

 private:
  struct Frame {
    const Node* n;
    IndexVec idx;
    std::vector<IndexVec> operand_idx;
    bool planned = false;
  };

  // Appends an instruction, or returns the identical one already emitted
  // (the same buffer read through different view nodes, repeated constants).
  int push(Instr in) {
    std::string key = instr_key(in);
    if (auto it = emitted_.find(key); it != emitted_.end()) return it->second;
    body_.push_back(std::move(in));
    int id = static_cast<int>(body_.size()) - 1;
    emitted_.emplace(std::move(key), id);
    return id;
  }
  // The argument reading `base` (a buffer's storage, or a planned node).
  int arg_for(const Node* base);
  int load(const ir::StridedView& v, const IndexVec& idx);
  // Loads gather `n`'s source at `n`'s affine offset plus the value `offsets`.
  int gather_load(const Node& n, const IndexVec& idx, int offsets);
  // Emits a node that needs no operand values and returns its instruction,
  // or returns -1 and fills `operand_idx` with the indices to read its
  // operands at.
  int emit_leaf_or_plan(const Node* n, const IndexVec& idx, std::vector<IndexVec>& operand_idx);

  // Records where a node computed in this kernel was recorded.
  void note_source(const Node* n) {
    if (n->loc.known()) sources_.push_back(n->loc);
  }

  size_t num_loops_;
  const Node* root_;
  const Materialized& planned_;
  const Node* inline_reduce_;  // the reduction an epilogue reads, if any
  std::vector<Instr> reduce_body_;
  std::vector<const void*> arg_keys_;
  std::vector<Instr> body_;
  std::vector<ir::DType> arg_dtypes_;
  std::vector<std::shared_ptr<ir::Storage>> inputs_;
  std::unordered_map<std::string, int> memo_;     // (node, index) → value
  std::unordered_map<std::string, int> emitted_;  // instruction → value
  std::vector<ir::Loc> sources_;
};

int Lowerer::arg_for(const Node* base) {
  if (int i = arg_of(base); i >= 0) return i;
  arg_keys_.push_back(base->is_buffer() ? static_cast<const void*>(base->storage.get()) : base);
  inputs_.push_back(base->storage);
  arg_dtypes_.push_back(base->dtype);
  return static_cast<int>(inputs_.size()) - 1;
}

int Lowerer::load(const ir::StridedView& v, const IndexVec& idx) {
  Instr in{Instr::Kind::Load, v.base->dtype};
  in.arg = arg_for(v.base);
  in.index = address(idx, v.strides, v.offset);
  return push(std::move(in));
}

int Lowerer::gather_load(const Node& n, const IndexVec& idx, int offsets) {
  auto v = ir::strided_view(n.srcs[0].get(), [this](const Node* x) { return is_read(x); });
  if (!v || !ir::is_row_major(n.srcs[0]->shape, v->strides))
    throw std::logic_error("lower: the source of a gather was not materialized in row-major order");
  Instr in{Instr::Kind::Load, v->base->dtype};
  in.arg = arg_for(v->base);
  in.index = address(idx, n.strides, v->offset + n.offset);
  in.a = offsets;
  return push(std::move(in));
}

int Lowerer::emit_leaf_or_plan(const Node* n, const IndexVec& idx, std::vector<IndexVec>& operand_idx) {
  auto is_read = [this](const Node* x) { return this->is_read(x); };
  if (n == inline_reduce_) return push(Instr{Instr::Kind::Acc, n->dtype});
  if (!n->is_buffer() && is_read(n)) return load(ir::StridedView{n, ir::contiguous_strides(n->shape), 0}, idx);
  switch (ir::op_kind(n->op)) {
    case OpKind::Source:
      if (n->op == Op::Buffer) return load(ir::StridedView{n, n->strides, n->offset}, idx);
      if (n->op == Op::Arange || n->op == Op::Linspace)
        throw std::logic_error("lower: ramps (arange, linspace) are computed on the host, not in kernels");
      {
        Instr c{Instr::Kind::Const, n->dtype};
        c.value = n->value;
        return push(std::move(c));
      }
    case OpKind::Movement: {
      if (auto v = ir::strided_view(n, is_read)) return load(*v, idx);
      if (n->op == Op::AsStrided) throw std::logic_error("lower: the operand of as_strided was not materialized");
      const ir::Shape& from = n->srcs[0]->shape;
      IndexVec src(from.size(), zero());
      if (n->op == Op::Expand) {
        for (size_t d = 0; d < from.size(); ++d)
          if (from[d] == n->shape[d]) src[d] = idx[d];
      } else {
        auto terms = ir::reshape_index_map(from, n->shape);
        if (!terms) throw std::logic_error("lower: reshape merging dims of a computed value was not materialized");
        for (size_t j = 0; j < terms->size(); ++j)
          if ((*terms)[j].dim >= 0) add_scaled(src[(*terms)[j].dim], idx[j], (*terms)[j].mult);
      }
      operand_idx.push_back(std::move(src));
      return -1;
    }
    case OpKind::Unary:
    case OpKind::Binary:
    case OpKind::Compare:
    case OpKind::Ternary:
      operand_idx.assign(n->srcs.size(), idx);
      return -1;
    case OpKind::Gather:
      // Only the offsets (operand 1) are computed; the source is loaded.
      operand_idx.push_back(idx);
      return -1;
    case OpKind::Reduce:
      break;
    case OpKind::Assign:
      throw std::logic_error("lower: writes are applied before lowering");
  }
  throw std::logic_error("lower: a reduction inside a kernel was not materialized");
}

int Lowerer::emit(const Node* root, const IndexVec& idx) {
  std::vector<Frame> stack;
  std::vector<int> results;  // values of finished frames, in finishing order
  stack.push_back(Frame{root, idx});
  while (!stack.empty()) {
    Frame& f = stack.back();
    std::string key = memo_key(f.n, f.idx);
    if (!f.planned) {
      if (auto it = memo_.find(key); it != memo_.end()) {
        results.push_back(it->second);
        stack.pop_back();
        continue;
      }
      f.planned = true;
      if (!is_read(f.n)) note_source(f.n);
      int v = emit_leaf_or_plan(f.n, f.idx, f.operand_idx);
      if (v >= 0) {
        memo_[key] = v;
        results.push_back(v);
        stack.pop_back();
        continue;
      }
      // Push operands in reverse so they finish in order. A gather's
      // planned operand is its second (the offsets).
      size_t first = f.n->op == Op::Gather ? 1 : 0;
      std::vector<Frame> operands;
      for (size_t i = f.operand_idx.size(); i-- > 0;)
        operands.push_back(Frame{f.n->srcs[first + i].get(), std::move(f.operand_idx[i])});
      for (auto& o : operands) stack.push_back(std::move(o));
      continue;
    }
    // All operands finished: their values are the last results.
    size_t arity = f.operand_idx.size();
    std::vector<int> ops(results.end() - static_cast<std::ptrdiff_t>(arity), results.end());
    results.resize(results.size() - arity);
    int v;
    if (ir::op_kind(f.n->op) == OpKind::Movement) {
      v = ops[0];
    } else if (f.n->op == Op::Gather) {
      v = gather_load(*f.n, f.idx, ops[0]);
    } else {
      Instr in{Instr::Kind::Alu, f.n->dtype, f.n->op, ops[0], arity > 1 ? ops[1] : -1, arity > 2 ? ops[2] : -1};
      v = push(std::move(in));
    }
    memo_[key] = v;
    results.push_back(v);
    stack.pop_back();
  }
  return results.back();
}

std::string kernel_name(const Kernel& k) {
  std::string extents;
  for (const Loop& l : k.loops) extents += (extents.empty() ? "" : "x") + std::to_string(l.extent);
  if (extents.empty()) extents = "1";
  if (k.reduce) {
    std::string name = "R_" + extents + "_" + std::string(ir::op_name(*k.reduce));
    int alu = 0;
    const Instr* last = nullptr;
    for (const Instr& in : k.epilogue)
      if (in.kind == Instr::Kind::Alu) ++alu, last = &in;
    if (alu == 0) return name;
    return name + "_" + (alu == 1 ? std::string(ir::op_name(last->op)) : "fused" + std::to_string(alu));
  }
  int alu = 0, loads = 0;
  bool gathers = false;
  const Instr* last = nullptr;
  for (const Instr& in : k.body) {
    if (in.kind == Instr::Kind::Alu) ++alu, last = &in;
    if (in.kind == Instr::Kind::Load) ++loads, gathers = gathers || in.a >= 0;
  }
  std::string what = alu == 1 ? std::string(ir::op_name(last->op)) : "fused" + std::to_string(alu);
  // A cast to the same type (clone, contiguous) only copies.
  if (alu == 1 && last->op == Op::Cast && k.body[static_cast<size_t>(last->a)].dtype == last->dtype) what = "copy";
  if (alu == 0) what = gathers ? "gather" : loads ? "copy" : "fill";
  return "E_" + extents + "_" + what;
}

// Input `arg` becomes the output argument: its loads read the output's
// memory. Each must be at the address stored to, so that every element is
// read before it is overwritten.
void read_through_output(LoweredKernel& lk, int arg) {
  Kernel& k = lk.kernel;
  for (auto* list : {&k.body, &k.epilogue})
    for (Instr& in : *list) {
      if (in.kind != Instr::Kind::Load) continue;
      if (in.arg == arg) {
        if (in.a >= 0 || in.index != k.store || (list == &k.body && k.reduce))
          throw std::logic_error("lower: an in-place operand is read at another address");
        in.arg = k.output_arg();
      }
      if (in.arg > arg) --in.arg;  // the arguments after it, the output included, move down one
    }
  k.args.erase(k.args.begin() + arg);
  lk.inputs.erase(lk.inputs.begin() + arg);
}

// The reduction `root` reads without it being materialized, or null: the
// kernel computes it and then `root` as its epilogue.
const Node* inline_reduction(const Node& root, const Materialized& planned) {
  if (ir::op_kind(root.op) == OpKind::Reduce) return nullptr;
  std::vector<const Node*> todo{&root};
  std::unordered_map<const Node*, bool> seen;
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    for (const auto& s : n->srcs) {
      const Node* m = s.get();
      if (m->is_buffer() || (planned && planned(m)) || !seen.emplace(m, true).second) continue;
      if (ir::op_kind(m->op) == OpKind::Reduce) return m;
      todo.push_back(m);
    }
  }
  return nullptr;
}

// `idx` (an index into `from`) as an index into `to`, a shape with the same
// dims except size-1 ones.
IndexVec without_unit_dims(const IndexVec& idx, const ir::Shape& from, const ir::Shape& to, const Affine& zero) {
  std::vector<const Affine*> kept;
  for (size_t d = 0; d < from.size(); ++d)
    if (from[d] != 1) kept.push_back(&idx[d]);
  IndexVec out(to.size(), zero);
  size_t next = 0;
  for (size_t d = 0; d < to.size(); ++d)
    if (to[d] != 1) {
      if (next == kept.size()) throw std::logic_error("lower: an epilogue's shape is not its reduction's");
      out[d] = *kept[next++];
    }
  if (next != kept.size()) throw std::logic_error("lower: an epilogue's shape is not its reduction's");
  return out;
}

}  // namespace

std::string sources_line(const std::vector<ir::Loc>& sources) {
  std::string out;
  for (const ir::Loc& l : sources) out += (out.empty() ? "from: " : ", ") + ir::to_string(l);
  return out;
}

LoweredKernel lower(const Node& root, const Materialized& planned, const Node* in_place) {
  // An elementwise root over an unmaterialized reduction is that
  // reduction's epilogue (fuse rule 8): the kernel runs the reduction's
  // loops, then the root's ops on the reduced value.
  const Node* epilogue_of = inline_reduction(root, planned);
  const Node& reduction = epilogue_of ? *epilogue_of : root;
  // The loop nest iterates `space`. For a reduction that is its input's
  // shape, kept dims first; for a reshape it is the source's shape (a
  // contiguous output has the same element order in both shapes); otherwise
  // the root's own shape.
  const Node* value = &reduction;
  if (ir::op_kind(reduction.op) == OpKind::Reduce || (root.op == Op::Reshape)) value = reduction.srcs[0].get();
  const ir::Shape& space = value->shape;
  // Loops in order (kept dims, then reduced ones); dims of size 1 get no
  // loop at all, so index math never pays for them.
  Kernel k;
  auto reduced = [&](size_t d) {
    return std::find(reduction.axes.begin(), reduction.axes.end(), static_cast<int64_t>(d)) != reduction.axes.end();
  };
  if (ir::op_kind(reduction.op) == OpKind::Reduce) {
    k.reduce = reduction.op;
    k.acc_dtype = ir::reduce_accumulator(reduction.op, value->dtype);
  }
  std::vector<size_t> dims;  // loop → dim of `space`
  for (bool reduce_pass : {false, true})
    for (size_t d = 0; d < space.size(); ++d)
      if (space[d] != 1 && (k.reduce && reduced(d)) == reduce_pass) dims.push_back(d);
  Lowerer lw(dims.size(), &root, planned, epilogue_of);
  IndexVec idx(space.size(), lw.zero());
  for (size_t l = 0; l < dims.size(); ++l) {
    k.loops.push_back(Loop{space[dims[l]], k.reduce && reduced(dims[l])});
    idx[dims[l]] = lw.unit(l);
  }
  k.result = lw.emit(value, idx);
  // An arg reduction's position: row-major over the reduced dims.
  k.reduce_index = lw.zero();
  if (k.is_arg_reduce()) {
    ir::Shape reduced_extents = space;
    IndexVec reduced_idx = idx;
    for (size_t d = 0; d < space.size(); ++d)
      if (!reduced(d)) reduced_extents[d] = 1, reduced_idx[d] = lw.zero();
    k.reduce_index = lw.address(reduced_idx, ir::contiguous_strides(reduced_extents), 0);
  }
  // The output is contiguous in the root's layout; for a reduction the
  // reduced dims (size 1) contribute nothing.
  IndexVec out_idx = idx;
  if (k.reduce)
    for (int64_t ax : reduction.axes) out_idx[ax] = lw.zero();
  if (epilogue_of) {
    // The root's shape is the reduction's with size-1 dims added or dropped.
    out_idx = without_unit_dims(out_idx, reduction.shape, root.shape, lw.zero());
    lw.begin_epilogue();
    k.epilogue_result = lw.emit(&root, out_idx);
  }
  k.store = lw.address(out_idx, ir::contiguous_strides(k.reduce ? root.shape : space), 0);
  int in_place_arg = in_place ? lw.arg_of(in_place) : -1;
  if (in_place && in_place_arg < 0) throw std::logic_error("lower: the in-place operand is not read by the kernel");
  LoweredKernel out = lw.finish(std::move(k), root.dtype);
  simplify_loops(out.kernel);
  if (in_place) read_through_output(out, in_place_arg);
  // Named by the logical loops: the tiled ones are in the printed body.
  out.kernel.name = kernel_name(out.kernel);
  tile_loops(out.kernel);
  mark_streaming_store(out.kernel);
  return out;
}

}  // namespace kiln::codegen
