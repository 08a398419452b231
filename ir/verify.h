// Structural checks of a graph: operand counts, shapes, dtypes and literals
// agree with each op's rules. The executor runs it on every graph it
// realizes (it is linear in the graph's size).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/node.h"

namespace kiln::ir {

// The first violation found, described with the offending node's op, or
// nullopt when the graph is well formed.
std::optional<std::string> verify(const std::vector<NodePtr>& roots);

// The checks of `verify` for one node against its operands (not the nodes
// below them): what a parser needs to report an error at the node's line.
std::optional<std::string> verify_node(const Node& n);

}  // namespace kiln::ir
