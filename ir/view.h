// Views: how a chain of movement ops over a materialized value reads its
// memory. A view is shape + strides + offset over a base's storage.
#pragma once

#include <functional>
#include <optional>

#include "ir/node.h"

namespace kiln::ir {

struct StridedView {
  const Node* base;  // the materialized value under the movement chain
  Shape strides;     // in elements, one per dim of the viewing node
  int64_t offset;    // in elements
};

// The strided view that node `n` (a movement chain, or a value itself) is of
// the first materialized node under it, or nullopt when the chain ends in an
// unmaterialized computation or is not expressible as one strided view (a
// reshape that no strides can describe). Buffers contribute their own view;
// other materialized nodes are contiguous.
std::optional<StridedView> strided_view(const Node* n, const std::function<bool(const Node*)>& materialized);

}  // namespace kiln::ir
