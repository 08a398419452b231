#include "ir/shape.h"

#include <algorithm>

namespace kiln::ir {

int64_t numel(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

Shape contiguous_strides(const Shape& shape) {
  Shape strides(shape.size());
  int64_t s = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = s;
    s *= std::max<int64_t>(shape[i], 1);
  }
  return strides;
}

bool is_row_major(const Shape& shape, const Shape& strides) {
  Shape contiguous = contiguous_strides(shape);
  for (size_t d = 0; d < shape.size(); ++d)
    if (shape[d] != 1 && strides[d] != contiguous[d]) return false;
  return true;
}

std::string to_string(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

BroadcastResult broadcast_shapes(const Shape& a, const Shape& b) {
  BroadcastResult r;
  size_t n = std::max(a.size(), b.size());
  r.shape.assign(n, 1);
  // Walk from the last dimension, as PyTorch does: the error names the
  // innermost mismatching dimension.
  for (size_t i = n; i-- > 0;) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da == db || db == 1) {
      r.shape[i] = da;
    } else if (da == 1) {
      r.shape[i] = db;
    } else {
      r.bad_dim = static_cast<int64_t>(i);
      r.size_a = da;
      r.size_b = db;
      return r;
    }
  }
  return r;
}

std::optional<std::vector<ReshapeTerm>> reshape_index_map(const Shape& from, const Shape& to) {
  // Each dimension of `from` larger than 1 must be exactly covered by a run of
  // consecutive dimensions of `to` (a split); size-1 dims on either side are
  // free. The index into that `from` dim is then the row-major combination
  // of the run's indices.
  std::vector<ReshapeTerm> terms(to.size(), ReshapeTerm{-1, 0});
  size_t j = 0;
  for (size_t k = 0; k < from.size(); ++k) {
    if (from[k] == 1) continue;
    int64_t covered = 1;
    size_t run_begin = j;
    while (covered < from[k]) {
      if (j == to.size()) return std::nullopt;
      covered *= to[j++];
    }
    if (covered != from[k]) return std::nullopt;
    int64_t mult = 1;
    for (size_t r = j; r-- > run_begin;) {
      if (to[r] == 1) continue;
      terms[r] = ReshapeTerm{static_cast<int64_t>(k), mult};
      mult *= to[r];
    }
  }
  for (; j < to.size(); ++j)
    if (to[j] != 1) return std::nullopt;
  return terms;
}

std::optional<Shape> reshape_strides(const Shape& from, const Shape& strides, const Shape& to) {
  // Walk both shapes in chunks of equal element count. Inside one chunk the
  // old dims must be laid out contiguously relative to each other (each
  // stride = next stride * next size); the new dims of the chunk then get
  // contiguous strides ending at the chunk's innermost stride.
  if (numel(from) == 0 && from == to) return strides;
  if (numel(from) == 0 || from.empty()) {
    return contiguous_strides(to);
  }
  Shape out(to.size());
  int64_t view_d = static_cast<int64_t>(to.size()) - 1;
  int64_t chunk_base_stride = strides.back();
  int64_t tensor_numel = 1, view_numel = 1;
  for (int64_t d = static_cast<int64_t>(from.size()) - 1; d >= 0; --d) {
    tensor_numel *= from[d];
    bool chunk_ends = d == 0 || (from[d - 1] != 1 && strides[d - 1] != tensor_numel * chunk_base_stride);
    if (!chunk_ends) continue;
    while (view_d >= 0 && (view_numel < tensor_numel || to[view_d] == 1)) {
      out[view_d] = view_numel * chunk_base_stride;
      view_numel *= to[view_d];
      --view_d;
    }
    if (view_numel != tensor_numel) return std::nullopt;
    if (d > 0) {
      chunk_base_stride = strides[d - 1];
      tensor_numel = 1;
      view_numel = 1;
    }
  }
  if (view_d != -1) return std::nullopt;
  return out;
}

}  // namespace kiln::ir
