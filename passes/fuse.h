// fuse: decides which nodes of a pending graph become kernel outputs
// (materialized) and which are computed inside the kernels that use them.
//
// Rules (every decision carries its reason, printed in dumps):
//  1. Requested outputs are materialized ("output").
//  2. Every reduction is materialized ("reduce"): its kernel computes the
//     elementwise producers of its input inline.
//  3. An elementwise node used more than once (counting uses through views)
//     is materialized ("used N times"), so shared work is computed once,
//     unless it is read in one place only (one kernel, at one index: it is
//     computed once there) or is cheap to recompute in each place
//     (passes/shared_values.h). Sources (constants, ramps) are recomputed
//     instead: they cost nothing.
//  4. A reshape that merges dimensions of a computed value cannot be folded
//     into an affine index; it is materialized ("reshape merges dims").
//  5. Ramps are computed by the runtime on the host ("arange", "linspace"):
//     PyTorch's values follow its vector kernels' arithmetic, which only the
//     host routines reproduce (runtime/ramp.h).
//  6. Movement ops never copy when they sit on a materialized value whose
//     view stays strided: they become aliases of its storage ("view").
//  7. A strided view (as_strided) or a gather (advanced indexing) reads its
//     operand's memory at offsets counted in row-major order: the operand is
//     materialized ("read through strides", "read at gathered offsets"), and
//     a realized alias that is not row-major (a broadcast constant) is
//     copied first. A gather's offsets are computed inside its kernel.
//  8. A reduction (not an output) read once, by an elementwise kernel (or
//     a reshape's) at that kernel's output index (through elementwise ops
//     and reshapes that only add or drop size-1 dims), is computed by that
//     kernel: the
//     elementwise ops become the reduction's epilogue, applied to each
//     reduced value before the store (`x.mean(1)`, `relu(A@W + b)`,
//     `x.sum(1) * 2 + 1` are one kernel each).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ir/node.h"

namespace kiln::passes {

struct ScheduleItem {
  enum class Kind {
    Kernel,  // run a kernel that writes this node into a fresh buffer
    Alias,   // this node is a strided view of its (materialized) source
    Host,    // the runtime computes this node on the host (a ramp)
  };
  ir::NodePtr node;
  Kind kind;
  std::string reason;
};

struct Schedule {
  // Operands before users: executing items in order realizes everything.
  std::vector<ScheduleItem> items;

  // True for buffers and for nodes that an item materializes: kernels load
  // these instead of computing them.
  bool materialized(const ir::Node* n) const { return n->is_buffer() || index.count(n) != 0; }
  std::unordered_map<const ir::Node*, size_t> index;  // node → its item
};

Schedule fuse(const std::vector<ir::NodePtr>& roots);


}  // namespace kiln::passes
