// arange's values, computed on the host with PyTorch's CPU arithmetic.
//
// PyTorch 1.13 does not compute float ranges as start + i * step: its
// vectorized CPU kernel (AVX2 capability, one thread) computes blocks of two
// vectors, each vector from its own base, base + j * step, and the remainder
// with the scalar formula (float64 in 80-bit long double arithmetic, as
// measured). The results differ in the last bit for about a
// fifth of the elements, so both engines call this one function rather
// than generating the formula in kernels.
#pragma once

#include "ir/node.h"

namespace kiln::runtime {

// Writes the n.shape[0] values of Arange node `n` to `out` (contiguous).
void fill_arange(const ir::Node& n, void* out);

}  // namespace kiln::runtime
