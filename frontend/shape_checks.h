// Checks on the shape of every tensor a call would create, done at the call.
#pragma once

#include <kiln/types.h>

#include "ir/shape.h"

namespace kiln::frontend {

// Throws kiln::Error with PyTorch's text for a negative size ("Trying to
// create tensor with negative dimension -1: [-1, 2]") and for a tensor whose
// byte size does not fit in 64 bits ("Storage size calculation overflowed
// with sizes=[...]"); kiln::NotImplementedError past kMaxDims dimensions.
void check_shape(const ir::Shape& shape, ScalarType dtype);

// PyTorch's check that an in-place op's result fits the tensor it writes:
// "output with shape [4] doesn't match the broadcast shape [2, 4]".
void check_inplace_shape(const ir::Shape& self, const ir::Shape& result);

// More dimensions than any real program uses; the limit keeps every
// per-dimension walk in the compiler cheap.
inline constexpr size_t kMaxDims = 1024;

}  // namespace kiln::frontend
