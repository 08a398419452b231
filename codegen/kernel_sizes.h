// A kernel's sizes: the loop extents and the coefficients and offsets of its
// affine addresses that the compiled code takes as run-time values instead
// of constants. One compiled kernel then serves every size of the same
// structure (`a + b` on 1000 elements and on 1001), and the kernel cache
// keys on the generic text, where each size prints as a parameter:
//
//   kernel R_sum(%a0: f32, %a1: f32) loops=[*, rs0] {
//     %0 = load %a0[s1*i0 + i1] : f32
//     ...
//
// What stays literal, because the code's speed depends on it: the
// coefficients and offsets 0, 1 and -1 (a unit stride is what vectorizes), and
// the innermost loop's extent up to 16 (LLVM unrolls such a
// loop whole). The outermost parallel loop's extent is not in the code at
// all: the caller passes the range to run (`*`). Each occurrence gets its own
// parameter, numbered in print order, so a kernel whose sizes happen to be
// equal (a square matrix) shares the code of one whose sizes are not.
// Constants of the body (`mul %0, 2.0`) are values, not sizes: they stay.
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

  std::vector<const int64_t*> where_;  // each parameter's place in the kernel
  std::vector<int64_t> values_;
};

// The name of k's generic form: "E_6_mul" → "E_mul", the name lower.cpp
// gives without the extents (a name of another form is kept whole).
std::string generic_name(const Kernel& k);

}  // namespace kiln::codegen
