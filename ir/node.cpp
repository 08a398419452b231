#include "ir/node.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace kiln::ir {

namespace {
struct OpInfo {
  std::string_view name;
  OpKind kind;
  int arity;
};
constexpr OpInfo kOps[] = {
#define KILN_OP(e, name, kind, arity) {name, OpKind::kind, arity},
#include "ir/ops.def"
#undef KILN_OP
};
}  // namespace

std::string_view op_name(Op op) { return kOps[static_cast<int>(op)].name; }
OpKind op_kind(Op op) { return kOps[static_cast<int>(op)].kind; }
int op_arity(Op op) { return kOps[static_cast<int>(op)].arity; }
bool is_elementwise(Op op) {
  OpKind k = op_kind(op);
  return k == OpKind::Unary || k == OpKind::Binary || k == OpKind::Compare || k == OpKind::Ternary;
}

namespace {
// Drops operand references without recursion: destroying a long chain of
// single-owner nodes the natural way (~shared_ptr → ~Node → ~shared_ptr ...)
// would overflow the stack on deep graphs. A node about to die hands its own
// operands to the work list first, so every ~Node below runs with none.
void release_operands(std::vector<NodePtr> pending) {
  while (!pending.empty()) {
    NodePtr n = std::move(pending.back());
    pending.pop_back();
    if (n.use_count() == 1) {
      for (auto& s : n->srcs) pending.push_back(std::move(s));
      n->srcs.clear();
    }
  }
}

// Appends to a weak list, first dropping dead entries whenever the list
// would grow its allocation: amortized O(1), and a long-lived node used by
// millions of short-lived ones keeps a list as long as its live users.
void push_pruned(std::vector<std::weak_ptr<Node>>& list, const NodePtr& n) {
  if (list.size() == list.capacity() && list.size() >= 16) {
    std::erase_if(list, [](const std::weak_ptr<Node>& w) { return w.expired(); });
  }
  list.push_back(n);
}

// The value under a chain of views: the node whose memory they read.
const Node* view_base(const Node* n) {
  while (op_kind(n->op) == OpKind::Movement) n = n->srcs[0].get();
  return n;
}

// Records `n` as a user of its operands and, unless it is itself a view, as
// a reader of the realized memory its operands show.
NodePtr linked(NodePtr n) {
  for (const NodePtr& s : n->srcs) n->depth = std::max(n->depth, 1 + (s->is_buffer() ? 0 : s->depth));
  for (const NodePtr& s : n->srcs) {
    push_pruned(s->users, n);
    if (op_kind(n->op) == OpKind::Movement) continue;
    const Node* base = view_base(s.get());
    if (base->is_buffer()) base->storage->add_reader(n);
  }
  return n;
}

}  // namespace

void Storage::add_reader(const NodePtr& n) { push_pruned(readers_, n); }

std::vector<NodePtr> Storage::pending_readers() {
  std::vector<NodePtr> out;
  for (const auto& w : readers_)
    if (NodePtr n = w.lock(); n && !n->is_buffer()) out.push_back(std::move(n));
  return out;
}

Node::~Node() { release_operands(std::move(srcs)); }

void Node::become_buffer(std::shared_ptr<Storage> s, Shape view_strides, int64_t view_offset) {
  op = Op::Buffer;
  depth = 0;
  storage = std::move(s);
  strides = std::move(view_strides);
  offset = view_offset;
  axes.clear();
  release_operands(std::move(srcs));
  srcs.clear();
  // Whoever computes from this node now reads `storage`; views of this node
  // pass the reading on to their own users.
  std::vector<std::weak_ptr<Node>> todo = users;
  while (!todo.empty()) {
    NodePtr u = todo.back().lock();
    todo.pop_back();
    if (!u || u->is_buffer()) continue;
    if (op_kind(u->op) == OpKind::Movement) {
      todo.insert(todo.end(), u->users.begin(), u->users.end());
    } else {
      storage->add_reader(u);
    }
  }
}

NodePtr make_buffer(DType dtype, Shape shape, std::shared_ptr<Storage> s, Shape strides, int64_t offset) {
  auto n = std::make_shared<Node>(Op::Buffer, dtype, std::move(shape), std::vector<NodePtr>{});
  n->storage = std::move(s);
  n->strides = std::move(strides);
  n->offset = offset;
  return n;
}

NodePtr make_const(DType dtype, Literal value) {
  auto n = std::make_shared<Node>(Op::Const, dtype, Shape{}, std::vector<NodePtr>{});
  n->value = canonical_literal(value, dtype);
  return n;
}

NodePtr make_broadcast_const(DType dtype, Literal value, const Shape& shape) {
  NodePtr n = make_const(dtype, value);
  if (shape.empty()) return n;
  n = make_movement(Op::Reshape, std::move(n), Shape(shape.size(), 1));
  return n->shape == shape ? n : make_movement(Op::Expand, std::move(n), shape);
}

std::optional<Literal> broadcast_const_value(const Node& n) {
  const Node* c = &n;
  while (c->op == Op::Reshape || c->op == Op::Expand) c = c->srcs[0].get();
  if (c->op != Op::Const) return std::nullopt;
  return c->value;
}

DType arange_dtype(DType t) {
  if (t == DType::Float16 || t == DType::BFloat16) return DType::Float32;
  return is_floating(t) ? DType::Float64 : DType::Int64;
}

DType reduce_accumulator(Op op, DType value) {
  if (value == DType::Float16 || value == DType::BFloat16) return DType::Float32;
  if (op == Op::Sum && value == DType::Float32) return DType::Float64;
  return value;
}

NodePtr make_arange(DType dtype, int64_t length, Literal start, Literal step) {
  auto n = std::make_shared<Node>(Op::Arange, dtype, Shape{length}, std::vector<NodePtr>{});
  n->value = canonical_literal(start, arange_dtype(dtype));
  n->step = canonical_literal(step, arange_dtype(dtype));
  return n;
}

NodePtr make_linspace(DType dtype, int64_t steps, Literal start, Literal end) {
  auto n = std::make_shared<Node>(Op::Linspace, dtype, Shape{steps}, std::vector<NodePtr>{});
  n->value = canonical_literal(start, dtype);
  n->end = canonical_literal(end, dtype);
  return n;
}

NodePtr make_unary(Op op, DType dtype, NodePtr a) {
  Shape shape = a->shape;
  return linked(std::make_shared<Node>(op, dtype, std::move(shape), std::vector<NodePtr>{std::move(a)}));
}

NodePtr make_binary(Op op, NodePtr a, NodePtr b) {
  DType dtype = op_kind(op) == OpKind::Compare ? DType::Bool : a->dtype;
  Shape shape = a->shape;
  return linked(std::make_shared<Node>(op, dtype, std::move(shape), std::vector<NodePtr>{std::move(a), std::move(b)}));
}

NodePtr make_where(NodePtr cond, NodePtr a, NodePtr b) {
  DType dtype = a->dtype;
  Shape shape = a->shape;
  return linked(std::make_shared<Node>(Op::Where, dtype, std::move(shape),
                                       std::vector<NodePtr>{std::move(cond), std::move(a), std::move(b)}));
}

NodePtr make_reduce(Op op, DType dtype, NodePtr a, Shape axes) {
  Shape shape = a->shape;
  // Out-of-range axes are left for the verifier to report.
  for (int64_t ax : axes)
    if (ax >= 0 && ax < static_cast<int64_t>(shape.size())) shape[ax] = 1;
  auto n = std::make_shared<Node>(op, dtype, std::move(shape), std::vector<NodePtr>{std::move(a)});
  n->axes = std::move(axes);
  return linked(std::move(n));
}

namespace {

// A node that addresses its operand 0 through offset + Σ i_d·strides[d]
// (as_strided, gather, assign, scatter): `dtype` is operand 0's.
NodePtr make_strided(Op op, Shape shape, std::vector<NodePtr> srcs, Shape strides, int64_t offset) {
  DType dtype = srcs[0]->dtype;
  auto n = std::make_shared<Node>(op, dtype, std::move(shape), std::move(srcs));
  n->strides = std::move(strides);
  n->offset = offset;
  return linked(std::move(n));
}

}  // namespace

NodePtr clone_with_operands(const Node& n, std::vector<NodePtr> srcs) {
  if (n.is_buffer()) throw std::logic_error("clone_with_operands: a buffer has no operands");
  auto c = std::make_shared<Node>(n.op, n.dtype, n.shape, std::move(srcs));
  c->value = n.value;
  c->step = n.step;
  c->end = n.end;
  c->axes = n.axes;
  c->strides = n.strides;
  c->offset = n.offset;
  c->loc = n.loc;
  return linked(std::move(c));
}

NodePtr make_as_strided(NodePtr a, Shape shape, Shape strides, int64_t offset) {
  return make_strided(Op::AsStrided, std::move(shape), {std::move(a)}, std::move(strides), offset);
}

NodePtr make_assign(NodePtr base, NodePtr value, Shape strides, int64_t offset) {
  Shape shape = base->shape;
  return make_strided(Op::Assign, std::move(shape), {std::move(base), std::move(value)}, std::move(strides), offset);
}

NodePtr make_gather(NodePtr src, NodePtr offsets, Shape strides, int64_t offset) {
  Shape shape = offsets->shape;
  return make_strided(Op::Gather, std::move(shape), {std::move(src), std::move(offsets)}, std::move(strides), offset);
}

NodePtr make_scatter(NodePtr base, NodePtr offsets, NodePtr values, Shape strides, int64_t offset) {
  Shape shape = base->shape;
  return make_strided(Op::Scatter, std::move(shape), {std::move(base), std::move(offsets), std::move(values)},
                      std::move(strides), offset);
}

NodePtr make_movement(Op op, NodePtr a, Shape shape) {
  DType dtype = a->dtype;
  return linked(std::make_shared<Node>(op, dtype, std::move(shape), std::vector<NodePtr>{std::move(a)}));
}

}  // namespace kiln::ir
