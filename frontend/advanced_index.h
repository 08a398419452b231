// Advanced indexing (PyTorch's aten::index and index_put_): tensor indices
// into a tensor that basic indexing has already narrowed to `view`.
//
// The index tensors are read at the call, as PyTorch's eager kernels read
// them: their bounds are checked there (errors at the call, never at
// realize), and a boolean mask's true count decides the result's shape.
// The element offsets they select are computed on the host into one int64
// buffer over the broadcast index shape; the read itself stays lazy, a
// `gather` node that fuses into the kernels that use it. A write becomes a
// `scatter` of the storage's value, applied in place at realize.
#pragma once

#include <vector>

#include <kiln/tensor.h>

namespace kiln::frontend {

// Whether a tensor index of this dtype is a mask (bool, or uint8 as
// PyTorch still accepts) rather than integer indices.
inline bool is_mask(ScalarType t) { return t == kBool || t == kByte; }

// A tensor index, at dimension `dim` of the basically-indexed view (PyTorch
// records each tensor at the dim basic indexing has reached; a k-dim mask
// still advances that dim by one).
struct RecordedIndex {
  int64_t dim;
  Tensor tensor;
};

// Basic indexing of `self` (integers, slices, None, Ellipsis: views), with
// the tensor indices it meets recorded for advanced indexing.
struct BasicIndexed {
  Tensor view;
  std::vector<RecordedIndex> tensors;
};
BasicIndexed apply_basic_indexing(const Tensor& self, const std::vector<indexing::TensorIndex>& indices);

// view[indices]: a new tensor (a copy), PyTorch's result shape.
Tensor advanced_index(const Tensor& view, const std::vector<RecordedIndex>& indices);

// view[indices] = value. A one-element value with a single boolean mask
// index is PyTorch's masked_fill_ dispatch (the value converts to view's
// dtype); otherwise value must have view's dtype and broadcast to the
// indexing result.
void advanced_index_put(const Tensor& view, const std::vector<RecordedIndex>& indices, const Tensor& value);

// view[mask] = value, `mask` a bool tensor of view's shape: the value is
// scattered to the masked elements only, so on an expanded view a location
// is set when any element over it is masked (PyTorch's masked_fill_ there).
void fill_masked_elements(const Tensor& view, const Tensor& mask, const Scalar& value);

}  // namespace kiln::frontend
