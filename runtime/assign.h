// Writes: an assign node's elements are its base's with a strided region
// replaced; a scatter's, with elements at gathered offsets replaced
// (advanced-index writes). Either is applied in place, into the base's memory, so that every
// view of the storage (and memory shared with the caller, from_blob) sees
// the write; whatever still reads the old contents is computed first.
#pragma once

#include "ir/node.h"

namespace kiln::runtime {

// Realizes every pending write (assign, scatter) under `roots`, operands first, so that the
// rest of realization sees only buffers where writes were.
void apply_pending_writes(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
