// The graph IR: SSA nodes over whole tensors.
//
// A node is an operation on whole tensors with a known dtype and shape. Nodes
// are shared (NodePtr) between the tensors that hold them and the nodes that
// consume them; the graph is a DAG whose leaves are sources. Realizing a node
// turns it, in place, into a Buffer leaf holding the computed value, so every
// tensor and consumer that shares the node sees the value without recomputing
// it. That is the only mutation a node ever undergoes: its value never changes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/dtype.h"
#include "ir/literal.h"
#include "ir/loc.h"
#include "ir/shape.h"

namespace kiln::ir {

enum class Op : std::uint8_t {
#define KILN_OP(e, name, kind, arity) e,
#include "ir/ops.def"
#undef KILN_OP
};

enum class OpKind : std::uint8_t { Source, Unary, Binary, Compare, Ternary, Reduce, Movement, Gather, Assign };

std::string_view op_name(Op op);
OpKind op_kind(Op op);
int op_arity(Op op);
// Unary, binary, compare and ternary ops: each element of the result from
// the operands' elements at the same index.
bool is_elementwise(Op op);

struct Node;
using NodePtr = std::shared_ptr<Node>;

// Memory holding realized elements. The runtime owns the implementations (host
// memory now, device memory later); the IR only needs the address.
class Storage {
 public:
  virtual ~Storage() = default;
  virtual void* data() = 0;
  virtual std::size_t nbytes() const = 0;

  // Unrealized nodes that compute from this memory (directly or through
  // views). Before the memory is written from outside the graph (through a
  // writable data_ptr), they are realized, so they keep the values from
  // before the write, as in eager PyTorch.
  void add_reader(const NodePtr& n);
  std::vector<NodePtr> pending_readers();

 private:
  std::vector<std::weak_ptr<Node>> readers_;
};

struct Node : std::enable_shared_from_this<Node> {
  Node(Op op, DType dtype, Shape shape, std::vector<NodePtr> srcs)
      : op(op), dtype(dtype), shape(std::move(shape)), srcs(std::move(srcs)) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  // Releases the operands iteratively (see release_operands).
  ~Node();

  Op op;
  DType dtype;
  Shape shape;
  std::vector<NodePtr> srcs;
  // The nodes made with this one as an operand (weak: users own operands,
  // not the reverse). Only used to find who reads a storage.
  std::vector<std::weak_ptr<Node>> users;
  // The longest chain of unrealized nodes ending here (0 for a buffer; an
  // upper bound once operands are realized). Lets the frontend bound the
  // pending graph of loops like `acc = acc + x`.
  int64_t depth = 0;
  // Where the user's program recorded it (see ir/loc.h): the current
  // location when made; passes copy it to the nodes that replace this one.
  Loc loc = current_loc();

  // Const: the value. Arange: value(i) = start + i * step, with start and
  // step of arange_dtype(dtype). Linspace: shape[0] values from start
  // (`value`) to `end`, both of the node's dtype.
  Literal value = int64_t{0};
  Literal step = int64_t{0};
  Literal end = int64_t{0};
  // Reduce: the reduced axes (sorted, unique). Reshape/Expand use `shape`.
  Shape axes;
  // Buffer: the storage and the strided view of it (strides and offset in
  // elements) that this node's elements live at. AsStrided: the view of the
  // operand's row-major elements.
  std::shared_ptr<Storage> storage;
  Shape strides;
  int64_t offset = 0;

  bool is_buffer() const { return op == Op::Buffer; }

  // Turns this node into a Buffer leaf over `s` (the node keeps its dtype and
  // shape), registering its unrealized users as readers of `s`. Drops the
  // operands, which may free the graph above.
  void become_buffer(std::shared_ptr<Storage> s, Shape view_strides, int64_t view_offset);
};

NodePtr make_buffer(DType dtype, Shape shape, std::shared_ptr<Storage> s, Shape strides, int64_t offset);
NodePtr make_const(DType dtype, Literal value);  // 0-d
// `value` at every element of `shape`: a const, reshaped to size-1 dims and
// expanded (no memory until realized).
NodePtr make_broadcast_const(DType dtype, Literal value, const Shape& shape);
// The value of such a broadcast constant (a const under reshapes and
// expands), or nullopt for any other node.
std::optional<Literal> broadcast_const_value(const Node& n);
// Arange computes in PyTorch's CPU accumulate types: int64 for integral
// dtypes, double for float32 and float64, float for float16 and bfloat16;
// then converts each value to its dtype.
DType arange_dtype(DType t);
// The type a reduction accumulates its operand's values (of dtype `value`)
// in. Sums of float32 accumulate in float64: float partial sums stall at
// 2^24. 16-bit floats accumulate in float32 (PyTorch's acc type). Products
// stay in their type, so they overflow where PyTorch's do; max/min and
// their arg forms compare in the value's own type.
DType reduce_accumulator(Op op, DType value);
NodePtr make_arange(DType dtype, int64_t length, Literal start, Literal step);
// `steps` values from start to end, as torch.linspace.
NodePtr make_linspace(DType dtype, int64_t steps, Literal start, Literal end);
NodePtr make_unary(Op op, DType dtype, NodePtr a);
// Binary and compare ops (a compare's result is bool).
NodePtr make_binary(Op op, NodePtr a, NodePtr b);
// where(cond, a, b); the result has a's dtype.
NodePtr make_where(NodePtr cond, NodePtr a, NodePtr b);
NodePtr make_reduce(Op op, DType dtype, NodePtr a, Shape axes);
NodePtr make_movement(Op op, NodePtr a, Shape shape);
NodePtr make_as_strided(NodePtr a, Shape shape, Shape strides, int64_t offset);
// `base` with the elements of its view (value's shape, `strides`, `offset`)
// replaced by `value`'s.
NodePtr make_assign(NodePtr base, NodePtr value, Shape strides, int64_t offset);
// A new node like `n` (op, dtype, shape, attributes, location) over `srcs`: how
// passes rebuild a node whose operands they replaced. Buffers have no
// operands and are never cloned.
NodePtr clone_with_operands(const Node& n, std::vector<NodePtr> srcs);
// The elements of `src` at offset + sum(i_d * strides[d]) + offsets[i], for
// i over offsets' shape (int64 offsets; advanced indexing).
NodePtr make_gather(NodePtr src, NodePtr offsets, Shape strides, int64_t offset);
// `base` with its element offset + sum(i_d * strides[d]) + offsets[i]
// replaced by values[i], for i over offsets' shape in row-major order.
NodePtr make_scatter(NodePtr base, NodePtr offsets, NodePtr values, Shape strides, int64_t offset);

}  // namespace kiln::ir
