// View ops: new sizes, strides and offset over the same storage, computed as
// PyTorch computes them (so strides() and storage_offset() report what it
// reports), with its errors. Nothing is copied or recorded until the view is
// read; reshape and contiguous copy only when no view can describe the result.
#include <algorithm>
#include <string>

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/dims.h"
#include "frontend/nodes.h"
#include "ir/shape.h"

namespace kiln {

namespace {

using frontend::TensorImpl;
using ir::Shape;

const TensorImpl& meta(const Tensor& t) { return frontend::impl_of(t); }

Tensor make_view(const Tensor& t, Shape sizes, Shape strides, int64_t offset) {
  return Tensor(frontend::view_impl(meta(t), std::move(sizes), std::move(strides), offset));
}

// `size` with a -1 replaced by what makes the element count `numel`.
Shape infer_size(const Sizes& size, int64_t numel) {
  Shape out(size.begin(), size.end());
  std::optional<size_t> infer;
  int64_t known = 1;
  for (size_t d = 0; d < out.size(); ++d) {
    if (out[d] == -1) {
      if (infer) throw Error("only one dimension can be inferred");
      infer = d;
    } else if (out[d] < 0) {
      throw Error("invalid shape dimension " + std::to_string(out[d]));
    } else {
      known *= out[d];
    }
  }
  if (infer && numel == 0 && known == 0) {
    throw Error("cannot reshape tensor of 0 elements into shape " + ir::to_string(out) +
                " because the unspecified dimension size -1 can be any value and is ambiguous");
  }
  bool fits = infer ? known != 0 && numel % known == 0 : known == numel;
  if (!fits) throw Error("shape '" + ir::to_string(out) + "' is invalid for input of size " + std::to_string(numel));
  if (infer) out[*infer] = numel / known;
  return out;
}

}  // namespace

Sizes Tensor::strides() const { return Sizes(meta(*this).strides); }
int64_t Tensor::storage_offset() const { return meta(*this).offset; }

// PyTorch's definition: sizes of 1 may have any stride, and a tensor with no
// elements is contiguous.
bool Tensor::is_contiguous() const {
  const TensorImpl& i = meta(*this);
  if (ir::numel(i.sizes) == 0) return true;
  int64_t expected = 1;
  for (size_t d = i.sizes.size(); d-- > 0;) {
    if (i.sizes[d] == 1) continue;
    if (i.strides[d] != expected) return false;
    expected *= i.sizes[d];
  }
  return true;
}

Tensor Tensor::contiguous(Caller caller) const {
  const frontend::AtCaller here(caller);
  return is_contiguous() ? *this : clone();
}

Tensor Tensor::view(IntArrayRef size) const {
  const TensorImpl& i = meta(*this);
  Shape sizes = infer_size(size, numel());
  auto strides = ir::reshape_strides(i.sizes, i.strides, sizes);
  if (!strides) {
    throw Error("view size is not compatible with input tensor's size and stride (at least one dimension spans "
                "across two contiguous subspaces). Use .reshape(...) instead.");
  }
  return make_view(*this, std::move(sizes), std::move(*strides), i.offset);
}

Tensor Tensor::reshape(IntArrayRef shape, Caller caller) const {
  const frontend::AtCaller here(caller);
  const TensorImpl& i = meta(*this);
  Shape sizes = infer_size(shape, numel());
  if (auto strides = ir::reshape_strides(i.sizes, i.strides, sizes))
    return make_view(*this, std::move(sizes), std::move(*strides), i.offset);
  return clone().view(Sizes(sizes));
}

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim, Caller caller) const {
  const frontend::AtCaller here(caller);
  int64_t start = frontend::wrap_dim(start_dim, dim()), end = frontend::wrap_dim(end_dim, dim());
  if (dim() == 0) return reshape({1});
  if (start > end) throw Error("flatten() has invalid args: start_dim cannot come after end_dim");
  if (start == end) return *this;
  const Shape& s = meta(*this).sizes;
  Shape sizes(s.begin(), s.begin() + start);
  int64_t merged = 1;
  for (int64_t d = start; d <= end; ++d) merged *= s[d];
  sizes.push_back(merged);
  sizes.insert(sizes.end(), s.begin() + end + 1, s.end());
  return reshape(Sizes(sizes));
}

Tensor Tensor::permute(IntArrayRef dims) const {
  const TensorImpl& i = meta(*this);
  if (static_cast<int64_t>(dims.size()) != dim()) {
    throw Error("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
                "desired ordering of dimensions i.e. input.dim() = " + std::to_string(dim()) +
                " is not equal to len(dims) = " + std::to_string(dims.size()));
  }
  Shape sizes, strides;
  std::vector<bool> seen(dims.size(), false);
  for (int64_t d : dims) {
    int64_t w = frontend::wrap_dim(d, dim());
    if (seen[w]) throw Error("permute(): duplicate dims are not allowed.");
    seen[w] = true;
    sizes.push_back(i.sizes[w]);
    strides.push_back(i.strides[w]);
  }
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  const TensorImpl& i = meta(*this);
  int64_t a = frontend::wrap_dim(dim0, dim()), b = frontend::wrap_dim(dim1, dim());
  if (dim() == 0) return make_view(*this, i.sizes, i.strides, i.offset);
  Shape sizes = i.sizes, strides = i.strides;
  std::swap(sizes[a], sizes[b]);
  std::swap(strides[a], strides[b]);
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::t() const {
  if (dim() > 2) throw Error("t() expects a tensor with <= 2 dimensions, but self is " + std::to_string(dim()) + "D");
  return dim() < 2 ? transpose(0, 0) : transpose(0, 1);
}

Tensor Tensor::mT() const {
  if (dim() == 0) return *this;  // as PyTorch 1.13
  if (dim() < 2) {
    throw Error("tensor.mT is only supported on matrices or batches of matrices. Got " + std::to_string(dim()) +
                "-D tensor.");
  }
  return transpose(-2, -1);
}

Tensor Tensor::squeeze() const {
  const TensorImpl& i = meta(*this);
  Shape sizes, strides;
  for (size_t d = 0; d < i.sizes.size(); ++d) {
    if (i.sizes[d] == 1) continue;
    sizes.push_back(i.sizes[d]);
    strides.push_back(i.strides[d]);
  }
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::squeeze(int64_t dim_) const {
  const TensorImpl& i = meta(*this);
  int64_t d = frontend::wrap_dim(dim_, dim());
  if (dim() == 0 || i.sizes[d] != 1) return make_view(*this, i.sizes, i.strides, i.offset);
  Shape sizes = i.sizes, strides = i.strides;
  sizes.erase(sizes.begin() + d);
  strides.erase(strides.begin() + d);
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::unsqueeze(int64_t dim_) const {
  const TensorImpl& i = meta(*this);
  int64_t d = frontend::wrap_dim(dim_, dim() + 1);
  // PyTorch's stride for the new dim: what stepping over it would take.
  int64_t stride = d >= dim() ? 1 : i.sizes[d] * i.strides[d];
  Shape sizes = i.sizes, strides = i.strides;
  sizes.insert(sizes.begin() + d, 1);
  strides.insert(strides.begin() + d, stride);
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::expand(IntArrayRef size, bool /*implicit*/) const {
  const TensorImpl& i = meta(*this);
  int64_t n = static_cast<int64_t>(size.size());
  if (n < dim()) {
    // PyTorch names the type as its legacy tensor type, or the dispatch key
    // for the types that never had one.
    std::string type = i.dtype == kBool || i.dtype == kBFloat16
                           ? "CPU" + std::string(ir::cpp_name(i.dtype)) + "Type"
                           : "torch." + std::string(ir::cpp_name(i.dtype)) + "Tensor";
    throw Error("expand(" + type + "{" + ir::to_string(i.sizes) +
                "}, size=" + ir::to_string(size.vec()) + "): the number of sizes provided (" + std::to_string(n) +
                ") must be greater or equal to the number of dimensions in the tensor (" + std::to_string(dim()) +
                ")");
  }
  Shape sizes(static_cast<size_t>(n)), strides(static_cast<size_t>(n));
  for (int64_t d = n - 1; d >= 0; --d) {
    int64_t from = d - (n - dim());  // the matching dim of this tensor, if any
    int64_t want = size[static_cast<size_t>(d)];
    if (from < 0) {
      if (want < 0 && dim() == 0) throw Error("numel: integer multiplication overflow");
      if (want < 0) {
        throw Error("The expanded size of the tensor (" + std::to_string(want) +
                    ") isn't allowed in a leading, non-existing dimension " + std::to_string(d));
      }
      // A new dim of size 1 gets the stride stepping over it would take,
      // except over a 0-d tensor (PyTorch's rules).
      bool stepped = want == 1 && dim() > 0;
      sizes[d] = want;
      strides[d] = !stepped ? 0 : d + 1 < n ? sizes[d + 1] * strides[d + 1] : 1;
      continue;
    }
    int64_t have = i.sizes[from];
    if (want == -1) want = have;
    if (have != want) {
      if (have != 1) {
        throw Error("The expanded size of the tensor (" + std::to_string(want) +
                    ") must match the existing size (" + std::to_string(have) + ") at non-singleton dimension " +
                    std::to_string(d) + ".  Target sizes: " + ir::to_string(size.vec()) +
                    ".  Tensor sizes: " + ir::to_string(i.sizes));
      }
      strides[d] = 0;
    } else {
      strides[d] = i.strides[from];
    }
    sizes[d] = want;
  }
  return make_view(*this, std::move(sizes), std::move(strides), i.offset);
}

Tensor Tensor::expand_as(const Tensor& other) const { return expand(other.sizes()); }

Tensor Tensor::slice(int64_t dim_, std::optional<int64_t> start, std::optional<int64_t> end, int64_t step) const {
  const TensorImpl& i = meta(*this);
  if (dim() == 0) throw IndexError("slice() cannot be applied to a 0-dim tensor.");
  int64_t d = frontend::wrap_dim(dim_, dim());
  if (step <= 0) throw Error("slice step must be positive");
  int64_t size = i.sizes[d];
  // Python's rules: negative bounds count from the end; both are clamped.
  auto clamp = [&](int64_t v) {
    if (v < 0) v += size;
    return std::clamp<int64_t>(v, 0, size);
  };
  int64_t lo = start ? clamp(*start) : 0;
  int64_t hi = end ? clamp(*end) : size;
  if (hi < lo) hi = lo;
  Shape sizes = i.sizes, strides = i.strides;
  sizes[d] = (hi - lo + step - 1) / step;
  strides[d] = i.strides[d] * step;
  return make_view(*this, std::move(sizes), std::move(strides), i.offset + lo * i.strides[d]);
}

Tensor Tensor::narrow(int64_t dim_, int64_t start, int64_t length) const {
  if (dim() == 0) throw Error("narrow() cannot be applied to a 0-dim tensor.");
  int64_t d = frontend::wrap_dim(dim_, dim());
  int64_t size = meta(*this).sizes[d];
  // PyTorch wraps start like a dim index, but also allows start == size.
  if (start != size) start = frontend::wrap_dim(start, size);
  if (length < 0 || start > size - length) {
    throw Error("start (" + std::to_string(start) + ") + length (" + std::to_string(length) +
                ") exceeds dimension size (" + std::to_string(size) + ").");
  }
  return slice(d, start, start + length, 1);
}

Tensor Tensor::select(int64_t dim_, int64_t index) const {
  const TensorImpl& i = meta(*this);
  if (dim() == 0) throw IndexError("select() cannot be applied to a 0-dim tensor.");
  int64_t d = frontend::wrap_dim(dim_, dim());
  int64_t size = i.sizes[d];
  if (index < -size || index >= size) {
    throw IndexError("select(): index " + std::to_string(index) + " out of range for tensor of size " +
                     ir::to_string(i.sizes) + " at dimension " + std::to_string(d));
  }
  if (index < 0) index += size;
  Shape sizes = i.sizes, strides = i.strides;
  sizes.erase(sizes.begin() + d);
  strides.erase(strides.begin() + d);
  return make_view(*this, std::move(sizes), std::move(strides), i.offset + index * i.strides[d]);
}

Tensor Tensor::operator[](int64_t index) const { return select(0, index); }

std::vector<Tensor> Tensor::split(int64_t split_size, int64_t dim_) const {
  if (dim() == 0) throw Error("split expects at least a 1-dimensional tensor");
  int64_t d = frontend::wrap_dim(dim_, dim());
  int64_t size = meta(*this).sizes[d];
  if (split_size < 0) throw Error("split expects split_size be non-negative, but got split_size=" + std::to_string(split_size));
  if (split_size == 0 && size != 0) {
    throw Error("split_size can only be 0 if dimension size is 0, but got dimension size of " + std::to_string(size));
  }
  // PyTorch always returns at least one piece.
  int64_t pieces = split_size == 0 ? 1 : std::max<int64_t>((size + split_size - 1) / split_size, 1);
  std::vector<Tensor> out;
  for (int64_t p = 0; p < pieces; ++p) {
    int64_t start = p * split_size;
    out.push_back(narrow(d, start, std::min(split_size, size - start)));
  }
  return out;
}

std::vector<Tensor> Tensor::split(IntArrayRef split_sizes, int64_t dim_) const {
  if (dim() == 0) throw Error("split expects at least a 1-dimensional tensor");
  int64_t d = frontend::wrap_dim(dim_, dim());
  int64_t size = meta(*this).sizes[d], total = 0;
  for (int64_t s : split_sizes) {
    if (s < 0) {
      throw Error("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=" +
                  ir::to_string(split_sizes.vec()));
    }
    total += s;
  }
  if (total != size) {
    throw Error("split_with_sizes expects split_sizes to sum exactly to " + std::to_string(size) +
                " (input tensor's size at dimension " + std::to_string(d) + "), but got split_sizes=" +
                ir::to_string(split_sizes.vec()));
  }
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t s : split_sizes) {
    out.push_back(narrow(d, start, s));
    start += s;
  }
  return out;
}

std::vector<Tensor> Tensor::chunk(int64_t chunks, int64_t dim_) const {
  if (dim() == 0) throw Error("chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0) throw Error("chunk expects `chunks` to be greater than 0, got: " + std::to_string(chunks));
  int64_t d = frontend::wrap_dim(dim_, dim());
  int64_t size = meta(*this).sizes[d];
  int64_t split_size = (size + chunks - 1) / chunks;
  // An empty dim still gives one (empty) chunk per PyTorch's split rule.
  if (split_size == 0 && size == 0) {
    std::vector<Tensor> out;
    for (int64_t c = 0; c < chunks; ++c) out.push_back(narrow(d, 0, 0));
    return out;
  }
  return split(split_size, d);
}

}  // namespace kiln
