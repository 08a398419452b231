// memory-plan: which kernel outputs can take the memory of a value the
// schedule no longer needs, instead of fresh memory.
//
// Rules:
//  1. Only memory a kernel of this schedule wrote is handed on; earlier
//     buffers belong to their tensors.
//  2. A value is never handed on when it may be read after the schedule
//     has run: a root, a value something outside the schedule holds
//     (`held_outside`: a tensor, or a pending node of another
//     computation), a value an unmaterialized node reads on behalf of such
//     a holder, and the source of a view that aliases it.
//  3. In place: an elementwise kernel writes over an operand's memory when
//     that operand dies in this kernel, has the output's shape and element
//     size, and is read only through elementwise ops, so element i is read
//     at the address it is written and before it is written.
//  4. Otherwise a kernel takes the memory of a value that died in an
//     earlier item, of exactly its byte size, if there is one.
#pragma once

#include <functional>
#include <unordered_map>

#include "ir/node.h"
#include "passes/fuse.h"

namespace kiln::passes {

struct BufferReuse {
  const ir::Node* from;  // the dead value whose memory the kernel writes
  bool in_place;         // `from` is an operand of the kernel (rule 3)
};

struct MemoryPlan {
  // Kernel item node → the memory it takes; kernels not listed get fresh memory.
  std::unordered_map<const ir::Node*, BufferReuse> reuse;
};

MemoryPlan plan_memory(const Schedule& schedule, const std::vector<ir::NodePtr>& roots,
                       const std::function<bool(const ir::Node*)>& held_outside);

}  // namespace kiln::passes
