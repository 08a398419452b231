// Reads the textual graph IR that ir/printer.h writes back into nodes.
//
//   graph {
//     %0 = buffer : f32[2,3] {strides=[3, 1], offset=0}
//     %1 = const 2.0 : f32[]       // `//` starts a comment
//     %2 = reshape %1 : f32[1,1]
//     %3 = expand %2 : f32[2,3]
//     %4 = mul %0, %3 : f32[2,3]
//     return %4
//   }
//
// Nodes are built with the make_* constructors, so they are linked (users,
// storage readers) as the frontend's are, and each is verified as it is
// made. print_graph(parse_graph(print_graph(g))) == print_graph(g).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"
#include "ir/node.h"

namespace kiln::ir {

// Malformed or invalid text. what() is "<line>:<column>: error: <message>"
// (1-based, columns in bytes), as clang and MLIR write diagnostics.
class ParseError : public std::runtime_error {
 public:
  ParseError(int line, int column, const std::string& message);
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  int line_, column_;
  std::string message_;
};

// Memory for a buffer: the text gives a buffer's view (dtype, shape,
// strides, offset), not its contents, so each buffer gets fresh storage of
// `nbytes` bytes (enough for its view) from the caller, contents unspecified.
using StorageAllocator = std::function<std::shared_ptr<Storage>(std::size_t nbytes)>;

// The graph's `return` values, in order. Throws ParseError.
std::vector<NodePtr> parse_graph(std::string_view text, const StorageAllocator& allocate);
// Every node of the text in its order (those no value returned reaches
// too, for dce) and the returned values.
Graph parse_graph_nodes(std::string_view text, const StorageAllocator& allocate);

}  // namespace kiln::ir
