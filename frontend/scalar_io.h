// Reading and writing one element of any dtype in host memory.
#pragma once

#include <kiln/scalar.h>
#include <kiln/types.h>

namespace kiln::frontend {

// The element at `p`: bool, int64 or double, as Python's item() gives.
Scalar read_scalar(const void* p, ScalarType t);
// Stores `s` converted to `t` (as a cast from its category would).
void write_scalar(void* p, ScalarType t, const Scalar& s);

}  // namespace kiln::frontend
