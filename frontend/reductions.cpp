// Reductions: sum mean prod max min amax amin argmax argmin all any, over
// every element or over dims, with PyTorch's result dtypes, dim rules and
// errors (checked here, at the call). Each records one Reduce node in its
// keepdim form; without keepdim a reshape drops the reduced dims.
#include <algorithm>
#include <numeric>
#include <string>

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/dims.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::cast_to;
using ir::NodePtr;
using ir::Op;

ir::Shape all_axes(const Tensor& t) {
  ir::Shape axes(static_cast<size_t>(t.dim()));
  std::iota(axes.begin(), axes.end(), 0);
  return axes;
}

// `dims` wrapped, sorted and checked; an empty list means every dim, as in
// PyTorch 1.13. A 0-d tensor accepts 0 and -1 and reduces nothing.
ir::Shape axes_of(const Tensor& t, IntArrayRef dims) {
  if (dims.empty()) return all_axes(t);
  ir::Shape axes;
  for (int64_t d : dims) {
    int64_t ax = frontend::wrap_dim(d, t.dim());
    if (std::find(axes.begin(), axes.end(), ax) != axes.end())
      throw Error("dim " + std::to_string(ax) + " appears multiple times in the list of dims");
    axes.push_back(ax);
  }
  if (t.dim() == 0) return {};
  std::sort(axes.begin(), axes.end());
  return axes;
}

// Records `op` of `n` over `axes` with result dtype `out`, dropping the
// reduced dims unless `keepdim`.
Tensor reduce(Op op, ScalarType out, const NodePtr& n, ir::Shape axes, bool keepdim) {
  NodePtr r = ir::make_reduce(op, out, n, axes);
  if (keepdim) return Tensor(std::move(r));
  ir::Shape kept;
  for (size_t d = 0; d < n->shape.size(); ++d)
    if (!std::binary_search(axes.begin(), axes.end(), static_cast<int64_t>(d))) kept.push_back(n->shape[d]);
  return Tensor(ir::make_movement(Op::Reshape, std::move(r), std::move(kept)));
}

Tensor reduce_cast(Op op, ScalarType t, const Tensor& self, ir::Shape axes, bool keepdim) {
  return reduce(op, t, cast_to(frontend::node_of(self), t), std::move(axes), keepdim);
}

// Sums and products of integers and bools are int64, as in PyTorch.
ScalarType sum_dtype(const Tensor& t, std::optional<ScalarType> dtype) {
  if (dtype) return *dtype;
  return ir::is_floating(t.scalar_type()) ? t.scalar_type() : kInt64;
}

// PyTorch has no 16-bit float product kernel; with no elements it runs none.
ScalarType prod_dtype(const Tensor& t, std::optional<ScalarType> dtype) {
  ScalarType r = sum_dtype(t, dtype);
  if ((r == kFloat16 || r == kBFloat16) && t.numel() > 0)
    throw frontend::not_implemented_for("prod_cpu", r);
  return r;
}

ScalarType mean_dtype(const Tensor& t, std::optional<ScalarType> dtype) {
  ScalarType r = dtype.value_or(t.scalar_type());
  if (!ir::is_floating(r)) {
    throw Error(std::string("mean(): could not infer output dtype. ") + (dtype ? "Optional" : "Input") +
                " dtype must be either a floating point or complex dtype. Got: " + std::string(ir::cpp_name(r)));
  }
  return r;
}

// max, min, amax, amin, argmax and argmin have no identity: PyTorch refuses
// an empty reduction. `name` is the op as PyTorch's message says it; the
// arg forms raise IndexError, with a shorter message.
void check_whole_nonempty(const Tensor& t, const char* name, bool arg) {
  if (t.numel() != 0) return;
  std::string msg = std::string(name) + "(): Expected reduction dim to be specified for input.numel() == 0.";
  if (arg) throw IndexError(msg);
  throw Error(msg + " Specify the reduction dim with the 'dim' argument.");
}

void check_dim_nonempty(const Tensor& t, const char* name, int64_t shown_dim, int64_t ax) {
  if (t.dim() > 0 && t.size(ax) == 0) {
    throw IndexError(std::string(name) + "(): Expected reduction dim " + std::to_string(shown_dim) +
                     " to have non-zero size.");
  }
}

// After the shape checks. PyTorch has no bool kernel, but runs none, so
// raises nothing, when there are no elements or the dim has size 1 (a 0-d
// tensor still raises).
void check_arg_dtype(const Tensor& t, const char* name, std::optional<int64_t> ax) {
  bool trivial = t.numel() == 0 || (ax && t.dim() > 0 && t.size(*ax) == 1);
  if (t.scalar_type() == kBool && !trivial) throw frontend::not_implemented_for(std::string(name) + "_cpu", kBool);
}

Tensor extreme(Op op, const Tensor& self, const char* name) {
  check_whole_nonempty(self, name, false);
  return reduce(op, self.scalar_type(), frontend::node_of(self), all_axes(self), false);
}

Tensor arg_extreme(Op op, const Tensor& self, std::optional<int64_t> dim, bool keepdim, const char* name) {
  if (!dim) {
    check_whole_nonempty(self, name, true);
    check_arg_dtype(self, name, std::nullopt);
    return reduce(op, kInt64, frontend::node_of(self), all_axes(self), keepdim);
  }
  int64_t ax = frontend::wrap_dim(*dim, self.dim());
  check_dim_nonempty(self, name, ax, ax);
  check_arg_dtype(self, name, ax);
  return reduce(op, kInt64, frontend::node_of(self), axes_of(self, *dim), keepdim);
}

Tensor amax_amin(Op op, const Tensor& self, IntArrayRef dim, bool keepdim, const char* name) {
  if (dim.empty()) check_whole_nonempty(self, name, false);
  for (int64_t d : dim) check_dim_nonempty(self, name, d, frontend::wrap_dim(d, self.dim()));
  ir::Shape axes = axes_of(self, dim);
  return reduce(op, self.scalar_type(), frontend::node_of(self), std::move(axes), keepdim);
}

std::tuple<Tensor, Tensor> extreme_dim(Op op, Op arg_op, const Tensor& self, int64_t dim, bool keepdim,
                                       const char* name) {
  int64_t ax = frontend::wrap_dim(dim, self.dim());
  check_dim_nonempty(self, name, ax, ax);
  const NodePtr& n = frontend::node_of(self);
  ir::Shape axes = axes_of(self, dim);
  return {reduce(op, self.scalar_type(), n, axes, keepdim), reduce(arg_op, kInt64, n, axes, keepdim)};
}

// all/any: bool results (uint8 stays uint8, as in PyTorch 1.13): the min or
// max of the values tested against zero.
Tensor all_any(Op op, const Tensor& self, ir::Shape axes, bool keepdim) {
  NodePtr n = cast_to(frontend::node_of(self), kBool);
  ScalarType out = self.scalar_type() == kUInt8 ? kUInt8 : kBool;
  Tensor r = reduce(op, kBool, n, std::move(axes), keepdim);
  return out == kBool ? r : r.to(out);
}

}  // namespace

Tensor Tensor::sum(std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType t = sum_dtype(*this, dtype);
  return reduce_cast(Op::Sum, t, *this, all_axes(*this), false);
}

Tensor Tensor::sum(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType t = sum_dtype(*this, dtype);
  return reduce_cast(Op::Sum, t, *this, axes_of(*this, dim), keepdim);
}

// The sum divided by the count, in the result dtype, as PyTorch's CPU mean.
Tensor Tensor::mean(std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  return mean(IntArrayRef{}, false, dtype);
}

Tensor Tensor::mean(IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType t = mean_dtype(*this, dtype);
  ir::Shape axes = axes_of(*this, dim);
  int64_t count = 1;
  for (int64_t ax : axes) count *= size(ax);
  return reduce_cast(Op::Sum, t, *this, std::move(axes), keepdim) / Scalar(static_cast<double>(count));
}

Tensor Tensor::prod(std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType t = prod_dtype(*this, dtype);
  return reduce_cast(Op::Prod, t, *this, all_axes(*this), false);
}

Tensor Tensor::prod(int64_t dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  ScalarType t = prod_dtype(*this, dtype);
  return reduce_cast(Op::Prod, t, *this, axes_of(*this, dim), keepdim);
}

Tensor Tensor::max(Caller caller) const {
  const frontend::AtCaller here(caller);
  return extreme(Op::Max, *this, "max");
}
Tensor Tensor::min(Caller caller) const {
  const frontend::AtCaller here(caller);
  return extreme(Op::Min, *this, "min");
}
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return extreme_dim(Op::Max, Op::ArgMax, *this, dim, keepdim, "max");
}
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return extreme_dim(Op::Min, Op::ArgMin, *this, dim, keepdim, "min");
}
Tensor Tensor::amax(IntArrayRef dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return amax_amin(Op::Max, *this, dim, keepdim, "amax");
}
Tensor Tensor::amin(IntArrayRef dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return amax_amin(Op::Min, *this, dim, keepdim, "amin");
}
Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return arg_extreme(Op::ArgMax, *this, dim, keepdim, "argmax");
}
Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return arg_extreme(Op::ArgMin, *this, dim, keepdim, "argmin");
}

Tensor Tensor::all(Caller caller) const {
  const frontend::AtCaller here(caller);
  return all_any(Op::Min, *this, all_axes(*this), false);
}
Tensor Tensor::any(Caller caller) const {
  const frontend::AtCaller here(caller);
  return all_any(Op::Max, *this, all_axes(*this), false);
}
Tensor Tensor::all(int64_t dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return all_any(Op::Min, *this, axes_of(*this, dim), keepdim);
}
Tensor Tensor::any(int64_t dim, bool keepdim, Caller caller) const {
  const frontend::AtCaller here(caller);
  return all_any(Op::Max, *this, axes_of(*this, dim), keepdim);
}

Tensor sum(const Tensor& a, std::optional<ScalarType> dtype, Caller caller) { return a.sum(dtype, caller); }
Tensor sum(const Tensor& a, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.sum(dim, keepdim, dtype);
}
Tensor mean(const Tensor& a, std::optional<ScalarType> dtype, Caller caller) { return a.mean(dtype, caller); }
Tensor mean(const Tensor& a, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.mean(dim, keepdim, dtype);
}
Tensor prod(const Tensor& a, std::optional<ScalarType> dtype, Caller caller) { return a.prod(dtype, caller); }
Tensor prod(const Tensor& a, int64_t dim, bool keepdim, std::optional<ScalarType> dtype, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.prod(dim, keepdim, dtype);
}
Tensor max(const Tensor& a, Caller caller) { return a.max(caller); }
Tensor min(const Tensor& a, Caller caller) { return a.min(caller); }
std::tuple<Tensor, Tensor> max(const Tensor& a, int64_t dim, bool keepdim, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.max(dim, keepdim);
}
std::tuple<Tensor, Tensor> min(const Tensor& a, int64_t dim, bool keepdim, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.min(dim, keepdim);
}
Tensor max(const Tensor& a, const Tensor& b, Caller caller) { return a.maximum(b, caller); }
Tensor min(const Tensor& a, const Tensor& b, Caller caller) { return a.minimum(b, caller); }
Tensor amax(const Tensor& a, IntArrayRef dim, bool keepdim, Caller caller) { return a.amax(dim, keepdim, caller); }
Tensor amin(const Tensor& a, IntArrayRef dim, bool keepdim, Caller caller) { return a.amin(dim, keepdim, caller); }
Tensor argmax(const Tensor& a, std::optional<int64_t> dim, bool keepdim, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.argmax(dim, keepdim);
}
Tensor argmin(const Tensor& a, std::optional<int64_t> dim, bool keepdim, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.argmin(dim, keepdim);
}
Tensor all(const Tensor& a, Caller caller) { return a.all(caller); }
Tensor any(const Tensor& a, Caller caller) { return a.any(caller); }
Tensor all(const Tensor& a, int64_t dim, bool keepdim, Caller caller) { return a.all(dim, keepdim, caller); }
Tensor any(const Tensor& a, int64_t dim, bool keepdim, Caller caller) { return a.any(dim, keepdim, caller); }

}  // namespace kiln
