// fold-views: movement chains become one op, and strided views move to the
// leaves, where lowering turns them into index math.
//   reshape(x) to x's shape, expand(x) to x's shape    → x
//   reshape(reshape(x)), expand(expand(x))             → one reshape/expand
//   as_strided(reshape(x))                             → as_strided(x)
//     (a reshape keeps the row-major order as_strided counts in)
//   as_strided(as_strided(x) laid out row-major)       → one as_strided
//   as_strided(x) covering x in row-major order        → x, or reshape(x)
//   as_strided(broadcast constant)                     → broadcast constant
//   as_strided(f(a, b, ...)), f elementwise, used once → f(as_strided(a),
//     as_strided(b), ...), on down through operands that are elementwise
//     and used once: f is computed at the viewed positions only, inside the
//     consumer's kernel, instead of into a buffer that the view then copies
//     from (`(a + b).t().contiguous()` is one kernel). Values used more than
//     once stay put (the view would make them computed twice).
#include <optional>
#include <vector>

#include "passes/passes.h"
#include "passes/rewrite.h"
#include "passes/uses.h"

namespace kiln::passes {

namespace {

using ir::Node;
using ir::NodePtr;
using ir::Op;
using ir::OpKind;

// The local rules for one movement node (not pushing through values).
NodePtr fold_movement(const NodePtr& n) {
  const NodePtr& x = n->srcs[0];
  switch (n->op) {
    case Op::Reshape:
    case Op::Expand:
      if (x->shape == n->shape) return x;
      if (x->op == n->op) return ir::make_movement(n->op, x->srcs[0], n->shape);
      return n;
    case Op::AsStrided: {
      if (std::optional<ir::Literal> c = ir::broadcast_const_value(*x)) {
        return ir::make_broadcast_const(x->dtype, *c, n->shape);
      }
      if (x->op == Op::Reshape) return fold_movement(ir::make_as_strided(x->srcs[0], n->shape, n->strides, n->offset));
      if (x->op == Op::AsStrided && ir::is_row_major(x->shape, x->strides)) {
        return fold_movement(ir::make_as_strided(x->srcs[0], n->shape, n->strides, n->offset + x->offset));
      }
      if (n->offset == 0 && ir::numel(n->shape) == ir::numel(x->shape) && ir::is_row_major(n->shape, n->strides)) {
        return fold_movement(ir::make_movement(Op::Reshape, x, n->shape));
      }
      return n;
    }
    default:
      return n;
  }
}

// A new node computing what `like` computes, over `ops`; it keeps like's
// provenance (not the view's, in whose place the rewrite builds it).
NodePtr rebuild_elementwise(const Node& like, std::vector<NodePtr> ops) {
  ir::LocScope at(like.loc, ir::LocScope::Replace);
  switch (ir::op_kind(like.op)) {
    case OpKind::Unary:
      return ir::make_unary(like.op, like.dtype, std::move(ops[0]));
    case OpKind::Ternary:
      return ir::make_where(std::move(ops[0]), std::move(ops[1]), std::move(ops[2]));
    default:
      return ir::make_binary(like.op, std::move(ops[0]), std::move(ops[1]));
  }
}

// as_strided `view` (already folded) applied to `value`, pushed down through
// the elementwise nodes used once; `original` is value's input-graph node.
// Iterative: the tree is listed top down, then rebuilt bottom up.
NodePtr push_view(const Node& view, const NodePtr& value, const Node* original, const Uses& uses) {
  struct Item {
    NodePtr value;
    const Node* original;
    int parent;
    size_t slot;
    std::vector<NodePtr> operands;
  };
  auto pushable = [&](const Item& it) {
    auto u = uses.find(it.original);
    return ir::is_elementwise(it.value->op) && u != uses.end() && u->second == 1;
  };
  std::vector<Item> items{{value, original, -1, 0, {}}};
  for (size_t i = 0; i < items.size(); ++i) {
    if (!pushable(items[i])) continue;
    NodePtr v = items[i].value;  // copies: push_back moves the items
    const Node* o = items[i].original;
    items[i].operands.resize(v->srcs.size());
    for (size_t k = 0; k < v->srcs.size(); ++k) {
      const Node* ok = k < o->srcs.size() ? o->srcs[k].get() : nullptr;
      items.push_back(Item{v->srcs[k], ok, static_cast<int>(i), k, {}});
    }
  }
  NodePtr built;
  for (size_t i = items.size(); i-- > 0;) {
    Item& it = items[i];
    built = pushable(it) ? rebuild_elementwise(*it.value, std::move(it.operands))
                         : fold_movement(ir::make_as_strided(it.value, view.shape, view.strides, view.offset));
    if (it.parent >= 0) items[static_cast<size_t>(it.parent)].operands[it.slot] = built;
  }
  return built;
}

}  // namespace

ir::Graph fold_views(const ir::Graph& g, bool keep_roots) {
  std::vector<Node*> order;
  for (const NodePtr& n : g.nodes) order.push_back(n.get());
  Uses uses = count_uses(order, g.roots);
  auto rule = [&](const NodePtr& n, const Node& original) -> NodePtr {
    if (ir::op_kind(n->op) != OpKind::Movement) return n;
    NodePtr folded = fold_movement(n);
    if (folded->op != Op::AsStrided || folded != n) return folded;
    const NodePtr& value = n->srcs[0];
    auto u = uses.find(original.srcs[0].get());
    if (!ir::is_elementwise(value->op) || u == uses.end() || u->second != 1) return n;
    return push_view(*n, value, original.srcs[0].get(), uses);
  };
  return rewrite(g, rule, RewriteOptions{keep_roots});
}

}  // namespace kiln::passes
