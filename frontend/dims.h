// Dimension arguments: negative dims count from the end, as in PyTorch.
#pragma once

#include <cstdint>

namespace kiln::frontend {

// `dim` wrapped into [0, rank); throws kiln::IndexError with PyTorch's text
// when it is out of range.
int64_t wrap_dim(int64_t dim, int64_t rank);

}  // namespace kiln::frontend
