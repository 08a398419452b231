// A kernel's sizes: the loop extents and the coefficients and offsets of its
// affine addresses that the compiled code takes as run-time values instead
// of constants. One compiled kernel then serves every size of the same
// structure (`a + b` on 1000 elements and on 1001), and the kernel cache
// keys on the generic text, where each size prints as a parameter:
//
//   kernel R_sum(%a0: f32, %a1: f32) loops=[*, rs0] {   (x.sum(1) on [N, M])
//     %0 = load %a0[s1*i0 + i1] : f32
//     ...
//
// What stays literal is what LLVM's code depends on, measured (thread CPU
// time, cache-resident data): a generic stride or trip count there costs
// 1.2x to 5x.
// * Coefficients and offsets 0, 1 and -1: a unit stride vectorizes.
// * The strides of the loops LLVM vectorizes: the innermost loop, and the
//   one around it when the innermost is unrolled whole (below). With a
//   known stride the vectorizer uses wide loads and shuffles; with a
//   generic one, gathers (`x.sum(1)` on [N, 3] 4x slower, a 256x256 matmul
//   1.4x).
// * The innermost loop's extent when it is at most 16 (LLVM unrolls the
//   loop whole) or its accesses are strided (LLVM shuffles strided loads
//   only for a known trip count: a column sum of [N, 3] 3x slower).
// So a kernel whose innermost loop walks memory contiguously (elementwise
// ops, broadcasts, row reductions, softmax) serves every size, and one
// that walks it at a stride (a transpose, a column sum, a matmul) serves the
// sizes of its other loops. The outermost parallel loop's extent is not in
// the code at all: the caller passes the range to run (`*`). Each
// occurrence of a size gets its own parameter, numbered in print order, so
// a kernel whose sizes happen to be equal (a square matrix) shares the code
// of one whose sizes are not. Constants of the body (`mul %0, 2.0`) are
// values, not sizes: they stay (`x.mean()` divides by the count, a constant).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codegen/kernel.h"

namespace kiln::codegen {

class KernelSizes {
 public:
  explicit KernelSizes(const Kernel& k);

  // The parameter holding `v` — a loop extent, or an affine coefficient or
  // offset of the kernel, by reference — or -1 when the code has v literally.
  int param(const int64_t& v) const;
  // The parameters' values, in order: what the compiled kernel is called with.
  const std::vector<int64_t>& values() const { return values_; }

 private:
  void add(const int64_t& v);
  void add(const Affine& a);

  std::vector<bool> literal_stride_;   // per loop: its coefficients stay in the code
  std::vector<const int64_t*> where_;  // each parameter's place in the kernel
  std::vector<int64_t> values_;
};

// The name of k's generic form: "E_6_mul" → "E_mul", the name lower.cpp
// gives without the extents (a name of another form is kept whole).
std::string generic_name(const Kernel& k);

}  // namespace kiln::codegen
