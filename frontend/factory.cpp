// Factory functions. Constant-filled tensors and ranges are graph nodes too
// (a broadcast constant, an index ramp), so they cost nothing until used and
// fuse into whatever consumes them; tensor(...) copies its values into a
// buffer at the call.
#include <kiln/factory.h>

#include <cmath>
#include <algorithm>
#include <cstring>
#include <sstream>

#include "frontend/caller.h"
#include "frontend/promote.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"
#include "frontend/device_check.h"
#include "frontend/nodes.h"

namespace kiln {

namespace {

// PyTorch's dtype inference over every number in the nested list.
ScalarType infer_dtype(const TensorData& data) {
  bool any = false, all_bool = true;
  std::vector<const TensorData*> todo{&data};
  while (!todo.empty()) {
    const TensorData* d = todo.back();
    todo.pop_back();
    if (!d->is_list()) {
      if (d->value().isFloatingPoint()) return kFloat32;
      any = true;
      all_bool &= d->value().isBoolean();
    }
    for (const TensorData& e : d->elements()) todo.push_back(&e);
  }
  return any && all_bool ? kBool : any ? kInt64 : kFloat32;
}

// The shape, read along the first elements (as PyTorch does).
std::vector<int64_t> infer_shape(const TensorData& data) {
  std::vector<int64_t> shape;
  for (const TensorData* d = &data; d->is_list(); d = &d->elements()[0]) {
    shape.push_back(static_cast<int64_t>(d->elements().size()));
    if (d->elements().empty()) break;
  }
  return shape;
}

// Writes the numbers of `data` row-major at `out`, checking every sub-list
// against `shape` with PyTorch's messages.
void store(const TensorData& data, const std::vector<int64_t>& shape, size_t dim, ScalarType t, char*& out) {
  if (dim == shape.size()) {
    if (data.is_list()) {
      throw TypeError(ir::is_floating(t) ? "must be real number, not list"
                                         : "'list' object cannot be interpreted as an integer");
    }
    // Python's torch.tensor checks integers only; floats round (to inf).
    if (ir::is_integral(t) && frontend::overflows(data.value(), t)) {
      throw Error("value cannot be converted to type " + std::string(ir::torch_name(t)) + " without overflow");
    }
    frontend::write_scalar(out, t, data.value());
    out += ir::itemsize(t);
    return;
  }
  if (!data.is_list()) throw TypeError("not a sequence");
  if (static_cast<int64_t>(data.elements().size()) != shape[dim]) {
    throw ValueError("expected sequence of length " + std::to_string(shape[dim]) + " at dim " + std::to_string(dim) +
                     " (got " + std::to_string(data.elements().size()) + ")");
  }
  for (const TensorData& e : data.elements()) store(e, shape, dim + 1, t, out);
}

}  // namespace

using frontend::dtype_for;

Tensor tensor(const TensorData& data, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType t = dtype_for(options, infer_dtype(data));
  std::vector<int64_t> shape = infer_shape(data);
  frontend::check_shape(shape, t);
  auto storage = frontend::allocate(static_cast<size_t>(ir::numel(shape)) * ir::itemsize(t));
  char* out = static_cast<char*>(storage->data());
  store(data, shape, 0, t, out);
  return Tensor(ir::make_buffer(t, shape, std::move(storage), ir::contiguous_strides(shape), 0));
}

namespace {

// A constant broadcast to `sizes`: no memory until it is realized.
Tensor filled(const Sizes& sizes, const Scalar& value, ScalarType t) {
  frontend::check_shape(sizes.vec(), t);
  return Tensor(ir::make_broadcast_const(t, frontend::checked_literal(value, t), sizes.vec()));
}

}  // namespace

Tensor detail::tensor_from_host(const void* data, int64_t n, ScalarType t, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType out = dtype_for(options, t);
  auto storage = frontend::allocate(static_cast<size_t>(n) * ir::itemsize(t));
  if (n > 0) std::memcpy(storage->data(), data, static_cast<size_t>(n) * ir::itemsize(t));
  Tensor values(ir::make_buffer(t, {n}, std::move(storage), {1}, 0));
  return out == t ? values : values.to(out);
}

Tensor empty(const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType t = dtype_for(options, kFloat32);
  frontend::check_shape(sizes.vec(), t);
  auto storage = frontend::allocate(static_cast<size_t>(ir::numel(sizes.vec())) * ir::itemsize(t));
  return Tensor(ir::make_buffer(t, sizes.vec(), std::move(storage), ir::contiguous_strides(sizes.vec()), 0));
}

Tensor eye(int64_t n, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return eye(n, n, options);
}

Tensor eye(int64_t n, int64_t m, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  if (n < 0) throw Error("n must be greater or equal to 0, got " + std::to_string(n));
  if (m < 0) throw Error("m must be greater or equal to 0, got " + std::to_string(m));
  ScalarType t = dtype_for(options, kFloat32);
  frontend::check_shape({n, m}, t);
  size_t size = ir::itemsize(t);
  auto storage = frontend::allocate(static_cast<size_t>(n * m) * size);
  auto* p = static_cast<char*>(storage->data());
  std::memset(p, 0, static_cast<size_t>(n * m) * size);
  for (int64_t i = 0; i < std::min(n, m); ++i) frontend::write_scalar(p + (i * m + i) * static_cast<int64_t>(size), t, 1);
  return Tensor(ir::make_buffer(t, {n, m}, std::move(storage), {m, 1}, 0));
}

Tensor zeros(const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return filled(sizes, 0, dtype_for(options, kFloat32));
}
Tensor ones(const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return filled(sizes, 1, dtype_for(options, kFloat32));
}

Tensor full(const Sizes& sizes, const Scalar& fill_value, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return filled(sizes, fill_value, dtype_for(options, frontend::scalar_dtype(fill_value)));
}

Tensor zeros_like(const Tensor& t, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return zeros(t.sizes(), options.dtype(options.dtype_or(t.dtype())));
}
Tensor ones_like(const Tensor& t, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return ones(t.sizes(), options.dtype(options.dtype_or(t.dtype())));
}
Tensor full_like(const Tensor& t, const Scalar& fill_value, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return full(t.sizes(), fill_value, options.dtype(options.dtype_or(t.dtype())));
}

Tensor arange(const Scalar& end, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return arange(0, end, 1, options);
}
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return arange(start, end, 1, options);
}

namespace {

std::string double_text(double v) {
  std::ostringstream os;
  os << v;  // C++ stream formatting, as PyTorch's message prints it
  return os.str();
}

}  // namespace

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  bool integral = start.isIntegral(true) && end.isIntegral(true) && step.isIntegral(true);
  ScalarType t = dtype_for(options, integral ? kInt64 : kFloat32);
  if (t == kBool) throw Error("\"arange_cpu\" not implemented for 'Bool'");
  // PyTorch's order: convert to the accumulate type (ir::arange_dtype),
  // compute the length, then check step, finiteness, sign and length.
  double size_d;
  ir::Literal first, stride;
  if (ir::is_integral(t)) {
    // Scalar::to<int64_t>: checked, truncating.
    auto to_int64 = [](const Scalar& s) { return ir::literal_as_int(frontend::checked_literal(s, kInt64)); };
    int64_t xstart = to_int64(start), xend = to_int64(end), xstep = to_int64(step);
    if (t == kInt64 && xstep != 0) {
      // PyTorch's exact int64 length, (end - start + step - sign) / step.
      // The sum wraps on overflow (computed unsigned) and the length check
      // below catches it.
      uint64_t sign = xstep > 0 ? 1 : static_cast<uint64_t>(-1);
      auto numer = static_cast<int64_t>(static_cast<uint64_t>(xend) - static_cast<uint64_t>(xstart) +
                                        static_cast<uint64_t>(xstep) - sign);
      size_d = numer == INT64_MIN && xstep == -1 ? -1.0 : static_cast<double>(numer / xstep);
    } else {
      size_d = std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
    }
    if (xstep == 0) throw Error("step must be nonzero");
    if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
      throw Error("upper bound and larger bound inconsistent with step sign");
    }
    first = xstart;
    stride = xstep;
  } else {
    // float16 and bfloat16 accumulate in float (a checked conversion); the
    // length is computed in double all the same.
    auto to_acc = [&](const Scalar& s) {
      ir::DType acc = ir::arange_dtype(t);
      return ir::literal_as_double(ir::canonical_literal(frontend::checked_literal(s, acc), acc));
    };
    double xstart = to_acc(start), xend = to_acc(end), xstep = to_acc(step);
    size_d = std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
    if (!(xstep > 0 || xstep < 0)) throw Error("step must be nonzero");
    if (!std::isfinite(xstart) || !std::isfinite(xend)) {
      throw Error("unsupported range: " + double_text(xstart) + " -> " + double_text(xend));
    }
    if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
      throw Error("upper bound and larger bound inconsistent with step sign");
    }
    first = xstart;
    stride = xstep;
  }
  if (!(size_d >= 0 && size_d < 9223372036854775808.0)) throw Error("invalid size, possible overflow?");
  auto length = static_cast<int64_t>(size_d);
  frontend::check_shape({length}, t);
  return Tensor(ir::make_arange(t, length, first, stride));
}

}  // namespace kiln
