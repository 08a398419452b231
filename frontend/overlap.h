// PyTorch's memory-overlap checks for writes (ATen's MemoryOverlap): a
// write may not go to memory that the same call reads in a way whose result
// would depend on the order of element updates.
#pragma once

#include "frontend/tensor_impl.h"

namespace kiln::frontend {

// Whether `t` is a non-empty view with a stride-0 dim (an expand): elements
// sharing a memory location.
bool has_internal_overlap(const TensorImpl& t);
// "more than one element of the written-to tensor refers to a single memory
// location" when it has.
void assert_no_internal_overlap(const TensorImpl& t);
// When `written` and `read` share some but not all of their memory.
void assert_no_partial_overlap(const TensorImpl& written, const TensorImpl& read);
// When they share any memory (index_put_'s rule for its value).
void assert_no_overlap(const TensorImpl& written, const TensorImpl& read);

}  // namespace kiln::frontend
