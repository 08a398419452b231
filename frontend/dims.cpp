#include "frontend/dims.h"

#include <string>

#include <kiln/error.h>

namespace kiln::frontend {

int64_t wrap_dim(int64_t dim, int64_t rank) {
  if (rank == 0) {
    // PyTorch lets a 0-d tensor be addressed as if it had one dimension.
    if (dim == 0 || dim == -1) return 0;
    rank = 1;
  }
  if (dim < -rank || dim >= rank) {
    throw IndexError("Dimension out of range (expected to be in range of [" + std::to_string(-rank) + ", " +
                     std::to_string(rank - 1) + "], but got " + std::to_string(dim) + ")");
  }
  return dim < 0 ? dim + rank : dim;
}

}  // namespace kiln::frontend
