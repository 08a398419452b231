// Matrix products: dot mv mm bmm matmul. Each checks its operands in
// PyTorch's order with PyTorch's messages (matmul reports what the dot, mv,
// mm or bmm it would dispatch to reports), then records one contraction:
// the operands broadcast to [batch..., M, K, N], multiplied, and summed over
// K. Fusion turns that into a single reduction kernel with no materialized
// product.
#include <optional>
#include <string>

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "ir/node.h"
#include "ir/shape.h"

namespace kiln {

namespace {

using frontend::broadcast_to;
using frontend::cast_to;
using ir::NodePtr;
using ir::Op;
using ir::Shape;

std::string dims_string(const Shape& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) out += (i ? "x" : "") + std::to_string(s[i]);
  return out;
}

std::string type_name(ScalarType t) { return std::string(ir::cpp_name(t)); }

// PyTorch's CPU kernels `kernel` exist for every dtype but bool and float16.
void check_supported(ScalarType t, const std::string& kernel) {
  if (t == kBool || t == kFloat16) throw frontend::not_implemented_for(kernel, t);
}

// The second operand's dtype must be the first's (no promotion), as the
// BLAS-style kernels read both with the first's type.
void check_same_dtype(ScalarType a, ScalarType b) {
  if (a != b) throw Error("expected scalar type " + type_name(a) + " but found " + type_name(b));
}

NodePtr reshaped(const NodePtr& n, Shape shape) { return ir::make_movement(Op::Reshape, n, std::move(shape)); }

// a [batch..., M, K] · b [batch..., K, N] → [batch..., M, N]; the batch dims
// are already equal. 16-bit floats multiply and accumulate in float32.
NodePtr contract(NodePtr a, NodePtr b) {
  size_t rank = a->shape.size();
  ScalarType out = a->dtype;
  ScalarType compute = out == kBFloat16 ? kFloat32 : out;
  Shape full(a->shape.begin(), a->shape.end() - 2);
  int64_t m = a->shape[rank - 2], k = a->shape[rank - 1], n = b->shape[rank - 1];
  full.insert(full.end(), {m, k, n});
  Shape a_shape = a->shape, b_shape = b->shape;
  a_shape.push_back(1);
  b_shape.insert(b_shape.end() - 2, 1);
  NodePtr x = broadcast_to(ir::make_movement(Op::Reshape, cast_to(std::move(a), compute), a_shape), full);
  NodePtr y = broadcast_to(ir::make_movement(Op::Reshape, cast_to(std::move(b), compute), b_shape), full);
  NodePtr sum = ir::make_reduce(Op::Sum, compute, ir::make_binary(Op::Mul, x, y), {static_cast<int64_t>(rank - 1)});
  Shape result(full.begin(), full.end() - 3);
  result.insert(result.end(), {m, n});
  return cast_to(ir::make_movement(Op::Reshape, std::move(sum), std::move(result)), out);
}

// The checks below each return the dtype of a trivial product, or nothing
// when there is work to do. PyTorch runs no kernel when the product has no
// elements or sums over an empty dim: it then skips its dtype checks and
// returns zeros, typed as the entry point types its output (mm: as the
// first operand; mv and bmm: as the second).
using Trivial = std::optional<ScalarType>;

bool no_work(int64_t outputs, int64_t k) { return outputs == 0 || k == 0; }

Trivial check_mm(const Shape& a, const Shape& b, ScalarType ta, ScalarType tb) {
  if (a[1] != b[0]) {
    throw Error("mat1 and mat2 shapes cannot be multiplied (" + dims_string(a) + " and " + dims_string(b) + ")");
  }
  if (no_work(a[0] * b[1], a[1])) return ta;
  check_supported(ta, "addmm_impl_cpu_");
  check_same_dtype(ta, tb);
  return std::nullopt;
}

Trivial check_mv(const Shape& a, const Shape& v, ScalarType ta, ScalarType tv) {
  if (a.size() != 2 || v.size() != 1) {
    throw Error("vector + matrix @ vector expected, got 1, " + std::to_string(a.size()) + ", " +
                std::to_string(v.size()));
  }
  if (a[1] != v[0]) {
    throw Error("size mismatch, got " + std::to_string(a[0]) + ", " + dims_string(a) + "," + std::to_string(v[0]));
  }
  if (no_work(a[0], a[1])) return tv;
  check_supported(ta, "addmv_impl_cpu");
  check_same_dtype(ta, tv);
  return std::nullopt;
}

void check_dot(const Shape& a, const Shape& b, ScalarType ta, ScalarType tb) {
  if (a.size() != 1 || b.size() != 1) {
    throw Error("1D tensors expected, but got " + std::to_string(a.size()) + "D and " + std::to_string(b.size()) +
                "D tensors");
  }
  if (ta != tb) {
    throw Error("dot : expected both vectors to have same dtype, but found " + type_name(ta) + " and " +
                type_name(tb));
  }
  if (a[0] != b[0]) {
    throw Error("inconsistent tensor size, expected tensor [" + std::to_string(a[0]) + "] and src [" +
                std::to_string(b[0]) + "] to have the same number of elements, but got " + std::to_string(a[0]) +
                " and " + std::to_string(b[0]) + " elements respectively");
  }
  check_supported(ta, "dot");
}

Trivial check_bmm(const Shape& a, const Shape& b, ScalarType ta, ScalarType tb) {
  if (a.size() != 3) throw Error("batch1 must be a 3D tensor");
  if (b.size() != 3) throw Error("batch2 must be a 3D tensor");
  if (b[0] != a[0] || b[1] != a[2]) {
    throw Error("Expected size for first two dimensions of batch2 tensor to be: [" + std::to_string(a[0]) + ", " +
                std::to_string(a[2]) + "] but got: [" + std::to_string(b[0]) + ", " + std::to_string(b[1]) + "].");
  }
  if (no_work(a[0] * a[1] * b[2], a[2])) return tb;
  check_supported(ta, "bmm");
  check_same_dtype(ta, tb);
  return std::nullopt;
}

Shape swap_last(Shape s) {
  if (s.size() >= 2) std::swap(s[s.size() - 1], s[s.size() - 2]);
  return s;
}

// The checks of PyTorch 1.13's matmul for operands of rank >= 3 on one
// side: it folds the batch dims into rows and calls mm or mv when the other
// side is 1-d or 2-d (transposing everything when the right side has more
// dims), and otherwise broadcasts the batch dims and calls bmm.
Trivial check_matmul_batched(const Shape& a, const Shape& b, ScalarType ta, ScalarType tb) {
  bool transpose = b.size() > a.size();
  Shape t1 = transpose ? swap_last(b) : a;
  Shape t2 = transpose ? swap_last(a) : b;
  ScalarType d1 = transpose ? tb : ta, d2 = transpose ? ta : tb;
  if (t2.size() <= 2) {
    int64_t rows = 1;
    for (size_t i = 0; i + 1 < t1.size(); ++i) rows *= t1[i];
    Shape folded{rows, t1.back()};
    return t2.size() == 1 ? check_mv(folded, t2, d1, d2) : check_mm(folded, t2, d1, d2);
  }
  Shape batch_a(a.begin(), a.end() - 2), batch_b(b.begin(), b.end() - 2);
  ir::BroadcastResult batch = ir::broadcast_shapes(batch_a, batch_b);
  if (batch.bad_dim) {
    throw Error("The size of tensor a (" + std::to_string(batch.size_a) + ") must match the size of tensor b (" +
                std::to_string(batch.size_b) + ") at non-singleton dimension " + std::to_string(*batch.bad_dim));
  }
  int64_t count = ir::numel(batch.shape);
  return check_bmm({count, a[a.size() - 2], a.back()}, {count, b[b.size() - 2], b.back()}, ta, tb);
}

// The product, or zeros of `trivial`'s dtype when there is no work.
Tensor product(const Trivial& trivial, const NodePtr& a, const NodePtr& b, Shape shape) {
  if (trivial) return Tensor(broadcast_to(ir::make_const(*trivial, int64_t{0}), shape));
  return Tensor(reshaped(contract(a, b), std::move(shape)));
}

}  // namespace

Tensor Tensor::dot(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr &a = frontend::node_of(*this), &b = frontend::node_of(other);
  check_dot(a->shape, b->shape, a->dtype, b->dtype);
  int64_t k = a->shape[0];
  return Tensor(reshaped(contract(reshaped(a, {1, k}), reshaped(b, {k, 1})), {}));
}

Tensor Tensor::mv(const Tensor& vec, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr &a = frontend::node_of(*this), &v = frontend::node_of(vec);
  Trivial trivial = check_mv(a->shape, v->shape, a->dtype, v->dtype);
  return product(trivial, a, reshaped(v, {v->shape[0], 1}), {a->shape[0]});
}

Tensor Tensor::mm(const Tensor& mat2, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr &a = frontend::node_of(*this), &b = frontend::node_of(mat2);
  if (a->shape.size() != 2) throw Error("self must be a matrix");
  if (b->shape.size() != 2) throw Error("mat2 must be a matrix");
  Trivial trivial = check_mm(a->shape, b->shape, a->dtype, b->dtype);
  return product(trivial, a, b, {a->shape[0], b->shape[1]});
}

Tensor Tensor::bmm(const Tensor& mat2, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr &a = frontend::node_of(*this), &b = frontend::node_of(mat2);
  Trivial trivial = check_bmm(a->shape, b->shape, a->dtype, b->dtype);
  return product(trivial, a, b, {a->shape[0], a->shape[1], b->shape[2]});
}

Tensor Tensor::matmul(const Tensor& other, Caller caller) const {
  const frontend::AtCaller here(caller);
  const NodePtr &a = frontend::node_of(*this), &b = frontend::node_of(other);
  size_t d1 = a->shape.size(), d2 = b->shape.size();
  if (d1 == 0 || d2 == 0) {
    throw Error("both arguments to matmul need to be at least 1D, but they are " + std::to_string(d1) + "D and " +
                std::to_string(d2) + "D");
  }
  if (d1 == 1 && d2 == 1) return dot(other);
  if (d1 == 2 && d2 == 1) return mv(other);
  // 1-d · 2-d is mm of the row vector [1, K], as in PyTorch.
  Trivial trivial = d1 <= 2 && d2 <= 2 ? check_mm(d1 == 1 ? Shape{1, a->shape[0]} : a->shape, b->shape, a->dtype, b->dtype)
                                       : check_matmul_batched(a->shape, b->shape, a->dtype, b->dtype);
  // A 1-d operand is a row (left) or a column (right) that the result drops.
  NodePtr x = d1 == 1 ? reshaped(a, {1, a->shape[0]}) : a;
  NodePtr y = d2 == 1 ? reshaped(b, {b->shape[0], 1}) : b;
  Shape batch = ir::broadcast_shapes(Shape(x->shape.begin(), x->shape.end() - 2),
                                     Shape(y->shape.begin(), y->shape.end() - 2)).shape;
  auto with_batch = [&](const NodePtr& n) {
    Shape s = batch;
    s.insert(s.end(), n->shape.end() - 2, n->shape.end());
    return broadcast_to(n, s);
  };
  Shape shape = batch;
  if (d1 > 1) shape.push_back(x->shape[x->shape.size() - 2]);
  if (d2 > 1) shape.push_back(y->shape.back());
  return product(trivial, with_batch(x), with_batch(y), std::move(shape));
}

Tensor matmul(const Tensor& a, const Tensor& b, Caller caller) { return a.matmul(b, caller); }
Tensor mm(const Tensor& a, const Tensor& b, Caller caller) { return a.mm(b, caller); }
Tensor bmm(const Tensor& a, const Tensor& b, Caller caller) { return a.bmm(b, caller); }
Tensor mv(const Tensor& a, const Tensor& v, Caller caller) { return a.mv(v, caller); }
Tensor dot(const Tensor& a, const Tensor& b, Caller caller) { return a.dot(b, caller); }

}  // namespace kiln
