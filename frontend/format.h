// Text rendering of realized arrays, character-for-character identical to
// PyTorch 1.13's repr(tensor) (torch/_tensor_str.py) under the default print
// options: precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode
// chosen automatically.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/dtype.h"

namespace kiln::frontend {

// A realized array in host memory: sizes/strides in elements.
struct HostView {
  ir::DType dtype;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  const void* data;
};

// PyTorch's repr of the tensor, e.g. "tensor([[ 7,  8],\n        [ 9, 10]])".
// `device` is "" for the CPU, else e.g. "cuda:0" (adds PyTorch's device='cuda:0' suffix).
std::string format_tensor(const HostView& v, std::string_view device = "");

}  // namespace kiln::frontend
