// Indexing as PyTorch's applySlicing: integers, slices, None and Ellipsis
// become view ops (select, slice, unsqueeze), applied left to right with
// its errors; tensor indices (and bools, which PyTorch treats as tensors)
// are recorded at the dim they index and then applied by advanced indexing
// (advanced_index.cpp), which makes a copy.
#include <kiln/factory.h>
#include <kiln/indexing.h>
#include <kiln/tensor.h>

#include <string>

#include "frontend/caller.h"
#include "frontend/advanced_index.h"
#include "frontend/nodes.h"

namespace kiln {

namespace indexing {
TensorIndex::TensorIndex(const Tensor& t) : kind_(Kind::Tensor), tensor_(std::make_shared<const Tensor>(t)) {}
}  // namespace indexing

namespace {

using indexing::TensorIndex;
using Kind = TensorIndex::Kind;

// A 0-d integer tensor indexes as its value (a select), as in libtorch.
bool is_integer_scalar(const Tensor& t) {
  return t.dim() == 0 && ir::is_integral(t.scalar_type()) && !frontend::is_mask(t.scalar_type());
}

// The dims of the tensor an index consumes (PyTorch's
// count_specified_dimensions): a mask covers as many as it has.
int64_t consumed_dims(const TensorIndex& i) {
  switch (i.kind()) {
    case Kind::Integer:
    case Kind::Slice:
      return 1;
    case Kind::Tensor:
      return frontend::is_mask(i.tensor().scalar_type()) ? i.tensor().dim() : 1;
    default:
      return 0;
  }
}

Tensor select_checked(const Tensor& t, int64_t d, int64_t at, int64_t position) {
  if (t.dim() == 0) {
    throw IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in "
                     "C++ to convert a 0-dim tensor to a number");
  }
  int64_t size = t.size(d);
  if (at < -size || at >= size) {
    throw IndexError("index " + std::to_string(at) + " is out of bounds for dimension " + std::to_string(position) +
                     " with size " + std::to_string(size));
  }
  return t.select(d, at);
}

// A bool adds a dim of size 1 and indexes it with [0] (true) or [] (false):
// PyTorch treats it as a tensor index, so the result is a copy.
frontend::RecordedIndex bool_index(int64_t d, bool value) {
  return {d, value ? zeros({1}, kLong) : zeros({0}, kLong)};
}

}  // namespace

namespace frontend {

BasicIndexed apply_basic_indexing(const Tensor& self, const std::vector<TensorIndex>& indices) {
  impl_of(self);
  int64_t specified = 0;
  for (const TensorIndex& i : indices) specified += consumed_dims(i);
  if (specified > self.dim()) throw IndexError("too many indices for tensor of dimension " + std::to_string(self.dim()));
  BasicIndexed out{self, {}};
  Tensor& result = out.view;
  int64_t d = 0;
  // PyTorch's messages name an index's position in the list as its dim.
  int64_t position = 0;
  bool seen_ellipsis = false;
  for (const TensorIndex& i : indices) {
    switch (i.kind()) {
      case Kind::Integer:
        result = select_checked(result, d, i.integer(), position);
        break;
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
        result = result.unsqueeze(d);
        out.tensors.push_back(bool_index(d++, i.boolean()));
        break;
      case Kind::Ellipsis:
        if (!seen_ellipsis) d += self.dim() - specified;
        seen_ellipsis = true;
        break;
      case Kind::Tensor: {
        const Tensor& t = i.tensor();
        if (is_integer_scalar(t)) {
          result = select_checked(result, d, t.item<int64_t>(), position);
        } else if (t.dim() == 0 && frontend::is_mask(t.scalar_type())) {
          result = result.unsqueeze(d);
          out.tensors.push_back(bool_index(d++, t.item<int64_t>() != 0));
        } else {
          out.tensors.push_back({d++, t});
        }
        break;
      }
    }
    ++position;
  }
  return out;
}

}  // namespace frontend

Tensor Tensor::index(std::initializer_list<TensorIndex> indices, Caller caller) const {
  const frontend::AtCaller here(caller);
  return index(std::vector<TensorIndex>(indices));
}

Tensor Tensor::index(const std::vector<TensorIndex>& indices, Caller caller) const {
  const frontend::AtCaller here(caller);
  frontend::BasicIndexed r = frontend::apply_basic_indexing(*this, indices);
  return r.tensors.empty() ? r.view : frontend::advanced_index(r.view, r.tensors);
}

}  // namespace kiln
