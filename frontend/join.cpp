// Joining tensors: cat, stack, vstack and hstack, with PyTorch 1.13's rules
// and errors (aten's cat meta function, stack, vstack, hstack).
//
// The result is a fresh storage written piece by piece: each input is copied
// into its slice with copy_, the same functional write the in-place ops
// make. So the result's value is a chain of assign nodes over new memory;
// nothing is computed at the call, inputs written later keep their old
// values in the result (each assign reads the input's value as it was), and
// realization copies each input into place (runtime/assign.cpp).
#include <string>
#include <vector>

#include <kiln/factory.h>
#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/dims.h"
#include "frontend/promote.h"
#include "ir/shape.h"

namespace kiln {

namespace {

// PyTorch keeps skipping 1-d empty tensors in cat, from when [0] was the
// only empty shape: they take part in the dtype and nothing else.
bool skipped_in_cat(const Tensor& t) { return t.dim() == 1 && t.numel() == 0; }

// The first tensor cat does not skip, or nullptr.
const Tensor* first_joined(const TensorList& tensors) {
  for (const Tensor& t : tensors)
    if (!skipped_in_cat(t)) return &t;
  return nullptr;
}

// Every tensor's sizes must be `first`'s except in `dim`.
void check_shape_except_dim(const Tensor& first, const Tensor& t, int64_t dim, size_t index) {
  if (first.dim() != t.dim()) {
    throw Error("Tensors must have same number of dimensions: got " + std::to_string(first.dim()) + " and " +
                std::to_string(t.dim()));
  }
  for (int64_t d = 0; d < first.dim(); ++d) {
    if (d == dim || first.size(d) == t.size(d)) continue;
    throw Error("Sizes of tensors must match except in dimension " + std::to_string(dim) + ". Expected size " +
                std::to_string(first.size(d)) + " but got size " + std::to_string(t.size(d)) +
                " for tensor number " + std::to_string(index) + " in the list.");
  }
}

// atleast_1d / atleast_2d on each tensor: 0-d becomes [1] / [1, 1], 1-d
// becomes [1, n] for atleast_2d.
std::vector<Tensor> at_least(const TensorList& tensors, int64_t rank) {
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) {
    if (t.dim() == 0) {
      out.push_back(rank == 1 ? t.reshape({1}) : t.reshape({1, 1}));
    } else if (t.dim() == 1 && rank == 2) {
      out.push_back(t.unsqueeze(0));
    } else {
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace

Tensor cat(const TensorList& tensors, int64_t dim, Caller caller) {
  const frontend::AtCaller here(caller);
  // PyTorch's order of checks: zero-dim inputs, dim (wrapped by the first
  // tensor cat does not skip, left alone when it skips them all), emptiness.
  for (size_t i = 0; i < tensors.size(); ++i) {
    if (tensors[i].dim() == 0) {
      throw Error("zero-dimensional tensor (at position " + std::to_string(i) + ") cannot be concatenated");
    }
  }
  const Tensor* first = first_joined(tensors);
  if (first != nullptr) dim = frontend::wrap_dim(dim, first->dim());
  if (tensors.empty()) throw Error("torch.cat(): expected a non-empty list of Tensors");

  ScalarType dtype = tensors[0].scalar_type();
  for (const Tensor& t : tensors) dtype = frontend::promote_types(dtype, t.scalar_type());
  if (first == nullptr) return empty({0}, dtype);

  std::vector<int64_t> sizes = first->sizes().vec();
  sizes[dim] = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    if (skipped_in_cat(tensors[i])) continue;
    check_shape_except_dim(*first, tensors[i], dim, i);
    sizes[dim] += tensors[i].size(dim);
  }

  Tensor out = empty(Sizes(sizes), dtype);
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (skipped_in_cat(t)) continue;
    if (t.numel() > 0) out.narrow(dim, offset, t.size(dim)).copy_(t);
    offset += t.size(dim);
  }
  return out;
}

Tensor stack(const TensorList& tensors, int64_t dim, Caller caller) {
  const frontend::AtCaller here(caller);
  if (tensors.empty()) throw Error("stack expects a non-empty TensorList");
  int64_t rank = tensors[0].dim();
  int64_t wrapped = frontend::wrap_dim(dim, rank + 1);
  Sizes entry = tensors[0].sizes();
  for (size_t i = 1; i < tensors.size(); ++i) {
    if (tensors[i].sizes() != entry) {
      throw Error("stack expects each tensor to be equal size, but got " + ir::to_string(entry.vec()) +
                  " at entry 0 and " + ir::to_string(tensors[i].sizes().vec()) + " at entry " + std::to_string(i));
    }
  }
  if (wrapped < rank) {
    // Joined along `wrapped`, then that dim split in two.
    std::vector<int64_t> sizes = entry.vec();
    sizes.insert(sizes.begin() + wrapped, static_cast<int64_t>(tensors.size()));
    return cat(tensors, wrapped).view(Sizes(sizes));
  }
  // A new last dim, which no view of a cat along an existing dim gives.
  std::vector<Tensor> parts;
  parts.reserve(tensors.size());
  for (const Tensor& t : tensors) parts.push_back(t.unsqueeze(wrapped));
  return cat(parts, wrapped);
}

Tensor vstack(const TensorList& tensors, Caller caller) {
  const frontend::AtCaller here(caller);
  if (tensors.empty()) throw Error("vstack expects a non-empty TensorList");
  return cat(at_least(tensors, 2), 0);
}

Tensor hstack(const TensorList& tensors, Caller caller) {
  const frontend::AtCaller here(caller);
  if (tensors.empty()) throw Error("hstack expects a non-empty TensorList");
  std::vector<Tensor> parts = at_least(tensors, 1);
  return cat(parts, parts[0].dim() == 1 ? 0 : 1);
}

}  // namespace kiln
