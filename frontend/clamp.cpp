// clamp, clamp_min, clamp_max with PyTorch 1.13's dtypes, NaN rules and
// errors. Every form is maximum/minimum in the result dtype: with a bound
// that is not NaN, std::max(a, min) and kiln's maximum agree (a NaN input
// stays NaN, a tie keeps the input), and the min > max case gives max.
#include <cmath>
#include <limits>
#include <optional>

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

namespace {

using frontend::of;
using frontend::Operand;
using ir::NodePtr;
using ir::Op;

constexpr const char* kNoBounds = "torch.clamp: At least one of 'min' or 'max' must not be None";

bool is_nan(const Scalar& s) { return s.isFloatingPoint() && std::isnan(s.toDouble()); }

// Scalar bounds: a floating tensor keeps its dtype, others promote with the
// bounds (an int tensor clamped to 0.5 is float32).
ScalarType scalar_clamp_dtype(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  if (ir::is_floating(self.scalar_type())) return self.scalar_type();
  std::vector<Operand> all{of(self)};
  if (min) all.push_back(of(*min));
  if (max) all.push_back(of(*max));
  return frontend::result_type(all);
}

// PyTorch's clamp kernels (named `kernel`) have no float16 or bool version.
void check_kernel(ScalarType t, const char* kernel) {
  if (t == kFloat16 || t == kBool) throw frontend::not_implemented_for(kernel, t);
}

// `x` bounded by the scalar (converted to the dtype as PyTorch's kernel
// does: checked, so int8 clamped to 300 throws).
NodePtr bound(Op op, NodePtr x, const Scalar& s) {
  NodePtr b = frontend::broadcast_to(ir::make_const(x->dtype, frontend::checked_literal(s, x->dtype)), x->shape);
  return ir::make_binary(op, std::move(x), std::move(b));
}

Tensor nan_filled(const Tensor& self, ScalarType t) {
  return frontend::filled(frontend::node_of(self)->shape, t, std::numeric_limits<double>::quiet_NaN());
}

// Tensor bounds promote with the input; with only one bound, clamp is
// maximum or minimum (NaN in either propagates).
Tensor clamp_tensors(const Tensor& self, const Tensor* min, const Tensor* max) {
  std::vector<Operand> all{of(self)};
  if (min) all.push_back(of(*min));
  if (max) all.push_back(of(*max));
  ir::Shape shape = frontend::broadcast_or_throw(all);
  ScalarType t = frontend::result_type(all);
  frontend::check_shape(shape, t);
  if (min && max) check_kernel(t, "clamp_cpu");
  NodePtr x = frontend::operand_node(of(self), t, shape);
  if (min) x = ir::make_binary(Op::Maximum, x, frontend::operand_node(of(*min), t, shape));
  if (max) x = ir::make_binary(Op::Minimum, x, frontend::operand_node(of(*max), t, shape));
  return Tensor(x);
}

}  // namespace

Tensor Tensor::clamp(const std::optional<Scalar>& min, const std::optional<Scalar>& max, Caller caller) const {
  const frontend::AtCaller here(caller);
  if (!min && !max) throw Error(kNoBounds);
  ScalarType t = scalar_clamp_dtype(*this, min, max);
  if (min && max) {
    // PyTorch fills with NaN before dispatching: no dtype error then.
    if (is_nan(*min) || is_nan(*max)) return nan_filled(*this, t);
    check_kernel(t, "clamp_scalar_cpu");
    return Tensor(bound(Op::Minimum, bound(Op::Maximum, frontend::cast_to(node(), t), *min), *max));
  }
  // One bound: PyTorch's clamp_min/clamp_max kernels, where std::max(a, NaN)
  // is a, so a NaN bound changes nothing.
  const Scalar& b = min ? *min : *max;
  check_kernel(t, min ? "clamp_min_cpu" : "clamp_max_scalar_cpu");
  NodePtr x = frontend::cast_to(node(), t);
  if (is_nan(b)) return Tensor(ir::make_unary(Op::Cast, t, x));  // a copy
  return Tensor(bound(min ? Op::Maximum : Op::Minimum, std::move(x), b));
}

Tensor Tensor::clamp(const std::optional<Tensor>& min, const std::optional<Tensor>& max, Caller caller) const {
  const frontend::AtCaller here(caller);
  if (!min && !max) throw Error(kNoBounds);
  return clamp_tensors(*this, min ? &*min : nullptr, max ? &*max : nullptr);
}

// clamp_min(NaN) and clamp_max(NaN) fill with NaN (unlike clamp with one
// NaN bound).
Tensor Tensor::clamp_min(const Scalar& min, Caller caller) const {
  const frontend::AtCaller here(caller);
  if (is_nan(min)) return nan_filled(*this, ir::is_floating(scalar_type()) ? scalar_type() : kFloat32);
  return clamp(min, std::nullopt);
}
Tensor Tensor::clamp_max(const Scalar& max, Caller caller) const {
  const frontend::AtCaller here(caller);
  if (is_nan(max)) return nan_filled(*this, ir::is_floating(scalar_type()) ? scalar_type() : kFloat32);
  return clamp(std::nullopt, max);
}
Tensor Tensor::clamp_min(const Tensor& min, Caller caller) const {
  const frontend::AtCaller here(caller);
  return clamp_tensors(*this, &min, nullptr);
}
Tensor Tensor::clamp_max(const Tensor& max, Caller caller) const {
  const frontend::AtCaller here(caller);
  return clamp_tensors(*this, nullptr, &max);
}

Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max, Caller caller) {
  const frontend::AtCaller here(caller);
  return self.clamp(min, max);
}
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max, Caller caller) {
  const frontend::AtCaller here(caller);
  return self.clamp(min, max);
}
Tensor clamp_min(const Tensor& self, const Scalar& min, Caller caller) { return self.clamp_min(min, caller); }
Tensor clamp_min(const Tensor& self, const Tensor& min, Caller caller) { return self.clamp_min(min, caller); }
Tensor clamp_max(const Tensor& self, const Scalar& max, Caller caller) { return self.clamp_max(max, caller); }
Tensor clamp_max(const Tensor& self, const Tensor& max, Caller caller) { return self.clamp_max(max, caller); }

}  // namespace kiln
