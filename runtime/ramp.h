// Ramps (arange and linspace): their values, computed on the host with
// PyTorch's CPU arithmetic, bit for bit.
//
// PyTorch 1.13 does not compute a ramp as start + i * step. Its CPU loop for
// these kernels (cpu_serial_kernel_vec, AVX2 capability, one thread) fills
// blocks of two vectors, each vector from its own first element, and the
// remainder with the scalar formula; GCC fused some of the multiply-adds
// into FMAs and not others. The results differ from the plain formula in the
// last bit for a good share of the elements, so both engines call these
// functions rather than generating a formula in kernels. The arithmetic of
// each kernel (which type, which operations fused) was measured against
// torch 1.13 (tests/golden/gen_arange.py, gen_linspace.py).
#pragma once

#include <cstdint>

#include "ir/node.h"

namespace kiln::runtime {

// Write the n.shape[0] values of Arange (resp. Linspace) node `n` to `out`
// (contiguous).
void fill_arange(const ir::Node& n, void* out);
void fill_linspace(const ir::Node& n, void* out);

// Either, by the node's op.
inline void fill_ramp(const ir::Node& n, void* out) {
  if (n.op == ir::Op::Linspace) return fill_linspace(n, out);
  fill_arange(n, out);
}

// PyTorch's loop order: blocks of 2 * width elements, where each vector of
// `width` elements at i is lane(at(i), j) for j < width, then at(i) for the
// remaining elements. `width` is Vectorized<T>::size() under AVX2: 32 bytes.
template <typename T, typename At, typename Lane>
void fill_in_vector_blocks(T* out, int64_t n, At at, Lane lane) {
  constexpr auto width = static_cast<int64_t>(32 / sizeof(T));
  int64_t vector_end = n / (2 * width) * (2 * width);
  int64_t i = 0;
  for (; i < vector_end; i += width) {
    T base = at(i);
    for (int64_t j = 0; j < width; ++j) out[i + j] = lane(base, j);
  }
  for (; i < n; ++i) out[i] = at(i);
}

}  // namespace kiln::runtime
