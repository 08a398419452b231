// Textual graph IR, MLIR-flavoured: one SSA node per line.
//
//   graph {
//     %0 = buffer : f32[2,3] {strides=[3,1], offset=0}
//     %1 = const 2 : f32[]
//     %2 = expand %1 : f32[2,3]
//     %3 = mul %0, %2 : f32[2,3] loc("main.cpp":12)
//     return %3
//   }
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ir/node.h"

namespace kiln::ir {

// "f32[2,3]"
std::string type_string(DType dtype, const Shape& shape);

// A literal as the IR writes it: integers exactly, floats with enough digits
// to read back the same double.
std::string literal_string(const Literal& v, DType dtype);

// A node's provenance as its line ends: `loc("main.cpp":12)`, the file's
// last path component (text does not depend on where the program was
// built), with `"` and `\` escaped by a backslash.
std::string loc_string(const Loc& loc);

// `note`, when given, annotates nodes: a non-empty note is appended to the
// node's line as a `// note` comment (which the parser skips).
using NodeNote = std::function<std::string(const Node&)>;
std::string print_graph(const std::vector<NodePtr>& roots, const NodeNote& note = nullptr);
// The same for a graph that may hold nodes no root reaches (they print too).
std::string print_graph(const Graph& g, const NodeNote& note = nullptr);

}  // namespace kiln::ir
