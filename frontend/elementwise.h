// Helpers the elementwise ops share (ops.cpp, math_ops.cpp, logical_ops.cpp,
// clamp.cpp): operands as graph nodes in a dtype, broadcasting with
// PyTorch's errors, and PyTorch's dispatch errors.
#pragma once

#include <string_view>
#include <vector>

#include <kiln/tensor.h>

#include "frontend/promote.h"
#include "ir/node.h"

namespace kiln::frontend {

inline Operand of(const Tensor& t) { return Operand{&t, nullptr}; }
inline Operand of(const Scalar& s) { return Operand{nullptr, &s}; }

bool is_bool(const Operand& o);
const ir::Shape& shape_of(const Operand& o);

// `n` converted to `t` (itself when it already has that dtype).
ir::NodePtr cast_to(ir::NodePtr n, ScalarType t);
// A 0-d constant: `s` converted to `t` (wrapping, as PyTorch's wrapped
// numbers are converted).
ir::NodePtr scalar_node(const Scalar& s, ScalarType t);
// `n` seen with `shape`: size-1 dims prepended, then broadcast.
ir::NodePtr broadcast_to(ir::NodePtr n, const ir::Shape& shape);
// The operand in dtype `t` with `shape`.
ir::NodePtr operand_node(const Operand& o, ScalarType t, const ir::Shape& shape);

// The broadcast shape of the operands, folded left to right as PyTorch's
// infer_size does; a mismatch throws "The size of tensor a (3) must match
// the size of tensor b (4) at non-singleton dimension 0".
ir::Shape broadcast_or_throw(const std::vector<Operand>& operands);

// PyTorch's dispatch error: "\"bitwise_and_cpu\" not implemented for 'Float'".
Error not_implemented_for(std::string_view kernel, ScalarType t);

// Elementwise math on one tensor; `floating` ops compute integers and bool
// in the default float dtype (torch.sqrt(int tensor) is float32).
Tensor unary_math(ir::Op op, const Tensor& t, bool floating);

// `op` over x and y converted to `t` and broadcast to `shape`.
Tensor record_binary(ir::Op op, const Operand& x, const Operand& y, ScalarType t, const ir::Shape& shape);

// A fresh tensor of `shape` filled with `value` in dtype `t`.
Tensor filled(const ir::Shape& shape, ScalarType t, const Scalar& value);

}  // namespace kiln::frontend
