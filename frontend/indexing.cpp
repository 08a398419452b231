// Basic indexing: each index becomes a view op (select, slice, unsqueeze),
// applied left to right as PyTorch's applySlicing does, with its errors; a
// bool index makes the result a copy, as in PyTorch. Tensor indices
// (advanced indexing) are not implemented yet.
#include <kiln/indexing.h>
#include <kiln/tensor.h>

#include <string>

#include "frontend/nodes.h"

namespace kiln {

namespace indexing {
TensorIndex::TensorIndex(const Tensor& t) : kind_(Kind::Tensor), tensor_(std::make_shared<const Tensor>(t)) {}
}  // namespace indexing

namespace {

using indexing::TensorIndex;
using Kind = TensorIndex::Kind;

bool consumes_dim(Kind k) { return k == Kind::Integer || k == Kind::Slice || k == Kind::Tensor; }

}  // namespace

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return index(std::vector<TensorIndex>(indices));
}

Tensor Tensor::index(const std::vector<TensorIndex>& indices) const {
  frontend::impl_of(*this);
  int64_t specified = 0;
  for (const TensorIndex& i : indices) specified += consumes_dim(i.kind());
  if (specified > dim()) throw IndexError("too many indices for tensor of dimension " + std::to_string(dim()));
  Tensor result = *this;
  int64_t d = 0;
  // PyTorch's messages name an index's position in the list as its dim.
  int64_t position = 0;
  bool seen_ellipsis = false, copies = false;
  for (const TensorIndex& i : indices) {
    switch (i.kind()) {
      case Kind::Integer: {
        if (result.dim() == 0) {
          throw IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in "
                           "C++ to convert a 0-dim tensor to a number");
        }
        int64_t size = result.size(d), at = i.integer();
        if (at < -size || at >= size) {
          throw IndexError("index " + std::to_string(at) + " is out of bounds for dimension " + std::to_string(position) +
                           " with size " + std::to_string(size));
        }
        result = result.select(d, at);
        break;
      }
      case Kind::Slice: {
        if (i.slice().step() <= 0) throw ValueError("step must be greater than zero");
        result = result.slice(d, i.slice().start(), i.slice().stop(), i.slice().step());
        ++d;
        break;
      }
      case Kind::None:
        result = result.unsqueeze(d++);
        break;
      case Kind::Boolean:
        // True adds a dim of size 1, False one of size 0. PyTorch treats a
        // bool as a tensor index, so the result is a copy, not a view.
        result = result.unsqueeze(d);
        if (!i.boolean()) result = result.slice(d, 0, 0);
        ++d;
        copies = true;
        break;
      case Kind::Ellipsis:
        if (!seen_ellipsis) d += dim() - specified;
        seen_ellipsis = true;
        break;
      case Kind::Tensor:
        throw NotImplementedError("kiln: indexing with tensors (advanced indexing) is not implemented yet");
    }
    ++position;
  }
  return copies ? result.clone() : result;
}

}  // namespace kiln
