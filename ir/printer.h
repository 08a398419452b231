// Textual graph IR, MLIR-flavoured: one SSA node per line.
//
//   graph {
//     %0 = buffer : f32[2,3] {strides=[3,1], offset=0}
//     %1 = const 2 : f32[]
//     %2 = expand %1 : f32[2,3]
//     %3 = mul %0, %2 : f32[2,3]
//     return %3
//   }
#pragma once

#include <string>
#include <vector>

#include "ir/node.h"

namespace kiln::ir {

// "f32[2,3]"
std::string type_string(DType dtype, const Shape& shape);

// A literal as the IR writes it: integers exactly, floats with enough digits
// to read back the same double.
std::string literal_string(const Literal& v, DType dtype);

std::string print_graph(const std::vector<NodePtr>& roots);

}  // namespace kiln::ir
