#include "frontend/elementwise.h"

#include <string>

#include "frontend/nodes.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"

namespace kiln::frontend {

using ir::NodePtr;
using ir::Op;

bool is_bool(const Operand& o) { return o.scalar ? o.scalar->isBoolean() : node_of(*o.tensor)->dtype == kBool; }

const ir::Shape& shape_of(const Operand& o) {
  static const ir::Shape kScalarShape;
  if (!o.tensor) return kScalarShape;
  return node_of(*o.tensor)->shape;
}

NodePtr cast_to(NodePtr n, ScalarType t) { return n->dtype == t ? n : ir::make_unary(Op::Cast, t, std::move(n)); }

NodePtr scalar_node(const Scalar& s, ScalarType t) { return ir::make_const(t, literal_of(s, t)); }

NodePtr broadcast_to(NodePtr n, const ir::Shape& shape) {
  if (n->shape.size() < shape.size()) {
    ir::Shape padded(shape.size() - n->shape.size(), 1);
    padded.insert(padded.end(), n->shape.begin(), n->shape.end());
    n = ir::make_movement(Op::Reshape, std::move(n), std::move(padded));
  }
  if (n->shape != shape) n = ir::make_movement(Op::Expand, std::move(n), shape);
  return n;
}

NodePtr operand_node(const Operand& o, ScalarType t, const ir::Shape& shape) {
  return broadcast_to(o.scalar ? scalar_node(*o.scalar, t) : cast_to(node_of(*o.tensor), t), shape);
}

ir::Shape broadcast_or_throw(const std::vector<Operand>& operands) {
  ir::Shape shape = shape_of(operands.front());
  for (size_t i = 1; i < operands.size(); ++i) {
    ir::BroadcastResult r = ir::broadcast_shapes(shape, shape_of(operands[i]));
    if (r.bad_dim) {
      throw Error("The size of tensor a (" + std::to_string(r.size_a) + ") must match the size of tensor b (" +
                  std::to_string(r.size_b) + ") at non-singleton dimension " + std::to_string(*r.bad_dim));
    }
    shape = std::move(r.shape);
  }
  return shape;
}

Error not_implemented_for(std::string_view kernel, ScalarType t) {
  return Error("\"" + std::string(kernel) + "\" not implemented for '" + std::string(ir::cpp_name(t)) + "'");
}

namespace {

// PyTorch's errors for unary math on bool (sign of bool is bool itself).
void check_bool_unary(Op op) {
  switch (op) {
    case Op::Abs:
      throw not_implemented_for("abs_cpu", kBool);
    case Op::Relu:
      throw Error("Boolean inputs not supported for relu");
    case Op::Floor:
      throw not_implemented_for("floor_vml_cpu", kBool);
    case Op::Ceil:
      throw not_implemented_for("ceil_vml_cpu", kBool);
    case Op::Round:
      throw not_implemented_for("round_vml_cpu", kBool);
    default:
      return;
  }
}

// PyTorch 1.13's CPU kernels without a float16 version, by name.
void check_half_unary(Op op) {
  switch (op) {
    case Op::Sqrt:
      throw not_implemented_for("sqrt_vml_cpu", kFloat16);
    case Op::Rsqrt:
      throw not_implemented_for("rsqrt_cpu", kFloat16);
    case Op::Floor:
      throw not_implemented_for("floor_vml_cpu", kFloat16);
    case Op::Ceil:
      throw not_implemented_for("ceil_vml_cpu", kFloat16);
    case Op::Round:
      throw not_implemented_for("round_vml_cpu", kFloat16);
    case Op::Relu:
      throw not_implemented_for("clamp_min_cpu", kFloat16);
    case Op::Exp:
      throw not_implemented_for("exp_vml_cpu", kFloat16);
    case Op::Log:
      throw not_implemented_for("log_vml_cpu", kFloat16);
    case Op::Log2:
      throw not_implemented_for("log2_vml_cpu", kFloat16);
    case Op::Sin:
      throw not_implemented_for("sin_vml_cpu", kFloat16);
    case Op::Cos:
      throw not_implemented_for("cos_vml_cpu", kFloat16);
    case Op::Tanh:
      throw not_implemented_for("tanh_vml_cpu", kFloat16);
    case Op::Sigmoid:
      throw not_implemented_for("sigmoid_cpu", kFloat16);
    default:
      return;
  }
}

}  // namespace

Tensor unary_math(Op op, const Tensor& t, bool floating) {
  ScalarType in = t.scalar_type();
  ScalarType out = floating && !ir::is_floating(in) ? kFloat32 : in;
  if (out == kBool) check_bool_unary(op);
  if (out == kFloat16) check_half_unary(op);
  return Tensor(ir::make_unary(op, out, cast_to(node_of(t), out)));
}

Tensor record_binary(Op op, const Operand& x, const Operand& y, ScalarType t, const ir::Shape& shape) {
  return Tensor(ir::make_binary(op, operand_node(x, t, shape), operand_node(y, t, shape)));
}

Tensor filled(const ir::Shape& shape, ScalarType t, const Scalar& value) {
  check_shape(shape, t);
  return Tensor(broadcast_to(scalar_node(value, t), shape));
}

}  // namespace kiln::frontend
