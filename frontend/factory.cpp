// Factory functions. Constant-filled tensors and ranges are graph nodes too
// (a broadcast constant, an index ramp), so they cost nothing until used and
// fuse into whatever consumes them; tensor(...) copies its values into a
// buffer at the call.
#include <kiln/factory.h>

#include <cmath>
#include <sstream>

#include "frontend/promote.h"
#include "frontend/scalar_io.h"
#include "ir/node.h"
#include "runtime/host_storage.h"

namespace kiln {

TensorData::TensorData(Scalar value) : values_{value} {}

TensorData::TensorData(std::initializer_list<TensorData> list) {
  shape_ = {static_cast<int64_t>(list.size())};
  if (list.size() == 0) return;
  const std::vector<int64_t>& inner = list.begin()->shape();
  for (const TensorData& item : list) {
    if (item.shape() != inner) {
      // Python names the first dimension where the lengths disagree.
      size_t d = 0;
      while (d < inner.size() && d < item.shape().size() && inner[d] == item.shape()[d]) ++d;
      if (d < inner.size() && d < item.shape().size()) {
        throw ValueError("expected sequence of length " + std::to_string(inner[d]) + " at dim " + std::to_string(d + 1) +
                         " (got " + std::to_string(item.shape()[d]) + ")");
      }
      throw ValueError("kiln::tensor: nested lists mix numbers and lists at dim " + std::to_string(d + 1));
    }
    values_.insert(values_.end(), item.values().begin(), item.values().end());
  }
  shape_.insert(shape_.end(), inner.begin(), inner.end());
}

ScalarType TensorData::inferred_dtype() const {
  bool all_bool = !values_.empty();
  for (const Scalar& v : values_) {
    if (v.isFloatingPoint()) return kFloat32;
    all_bool &= v.isBoolean();
  }
  if (values_.empty()) return kFloat32;
  return all_bool ? kBool : kInt64;
}

Tensor tensor(const TensorData& data, TensorOptions options) {
  ScalarType t = options.dtype_or(data.inferred_dtype());
  size_t size = ir::itemsize(t);
  auto storage = runtime::allocate_host(data.values().size() * size);
  auto* p = static_cast<char*>(storage->data());
  for (size_t i = 0; i < data.values().size(); ++i) frontend::write_scalar(p + i * size, t, data.values()[i]);
  return Tensor(ir::make_buffer(t, data.shape(), std::move(storage), ir::contiguous_strides(data.shape()), 0));
}

namespace {

void check_sizes(const Sizes& sizes) {
  for (int64_t d : sizes) {
    if (d < 0) {
      std::ostringstream os;
      os << "Trying to create tensor with negative dimension " << d << ": " << sizes;
      throw Error(os.str());
    }
  }
}

// A constant broadcast to `sizes`: no memory until it is realized.
Tensor filled(const Sizes& sizes, const Scalar& value, ScalarType t) {
  check_sizes(sizes);
  ir::Literal v = ir::is_floating(t) ? ir::Literal{value.toDouble()} : ir::Literal{value.toLong()};
  ir::NodePtr n = ir::make_const(t, v);
  if (!sizes.empty()) {
    n = ir::make_movement(ir::Op::Reshape, std::move(n), ir::Shape(sizes.size(), 1));
    if (n->shape != sizes.vec()) n = ir::make_movement(ir::Op::Expand, std::move(n), sizes.vec());
  }
  return Tensor(std::move(n));
}

}  // namespace

Tensor zeros(const Sizes& sizes, TensorOptions options) { return filled(sizes, 0, options.dtype_or(kFloat32)); }
Tensor ones(const Sizes& sizes, TensorOptions options) { return filled(sizes, 1, options.dtype_or(kFloat32)); }

Tensor full(const Sizes& sizes, const Scalar& fill_value, TensorOptions options) {
  return filled(sizes, fill_value, options.dtype_or(frontend::scalar_dtype(fill_value)));
}

Tensor zeros_like(const Tensor& t, TensorOptions options) { return zeros(t.sizes(), options.dtype_or(t.dtype())); }
Tensor ones_like(const Tensor& t, TensorOptions options) { return ones(t.sizes(), options.dtype_or(t.dtype())); }
Tensor full_like(const Tensor& t, const Scalar& fill_value, TensorOptions options) {
  return full(t.sizes(), fill_value, options.dtype_or(t.dtype()));
}

Tensor arange(const Scalar& end, TensorOptions options) { return arange(0, end, 1, options); }
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options) { return arange(start, end, 1, options); }

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options) {
  bool integral = start.isIntegral(true) && end.isIntegral(true) && step.isIntegral(true);
  ScalarType t = options.dtype_or(integral ? kInt64 : kFloat32);
  for (const Scalar* s : {&start, &end, &step}) {
    if (!std::isfinite(s->toDouble())) {
      std::ostringstream os;
      os << "unsupported range: " << start << " -> " << end;
      throw Error(os.str());
    }
  }
  if (step.toDouble() == 0.0) throw Error("step must be nonzero");
  if ((step.toDouble() > 0 && end.toDouble() < start.toDouble()) ||
      (step.toDouble() < 0 && end.toDouble() > start.toDouble())) {
    throw Error("upper bound and larger bound inconsistent with step sign");
  }
  // PyTorch's length: ceil((end - start) / step), in int64 arithmetic for
  // int64 results and in double otherwise.
  double length = t == kInt64 ? std::ceil(static_cast<double>(end.toLong() - start.toLong()) /
                                          static_cast<double>(step.toLong()))
                              : std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
  ir::Literal first = ir::is_floating(t) ? ir::Literal{start.toDouble()} : ir::Literal{start.toLong()};
  ir::Literal stride = ir::is_floating(t) ? ir::Literal{step.toDouble()} : ir::Literal{step.toLong()};
  return Tensor(ir::make_arange(t, static_cast<int64_t>(length), first, stride));
}

}  // namespace kiln
