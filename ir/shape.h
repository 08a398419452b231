// Shapes, strides and broadcasting: plain integer vectors and the arithmetic
// over them that every layer shares.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiln::ir {

using Shape = std::vector<int64_t>;

int64_t numel(const Shape& shape);

// Row-major strides in elements (PyTorch's: a size-1 or size-0 dim still gets
// the product of the sizes after it, at least 1).
Shape contiguous_strides(const Shape& shape);

// Whether `strides` lay `shape` out in row-major order (size-1 dims, which
// are never stepped, may have any stride): element offsets counted in
// row-major order are then memory offsets.
bool is_row_major(const Shape& shape, const Shape& strides);

// "[2, 3]"
std::string to_string(const Shape& shape);

// Result of broadcasting a against b under PyTorch's rules.
struct BroadcastResult {
  Shape shape;
  // Set when the shapes do not broadcast: the offending dimension, counted
  // from the front of the result, and the two sizes.
  std::optional<int64_t> bad_dim;
  int64_t size_a = 0, size_b = 0;
};
BroadcastResult broadcast_shapes(const Shape& a, const Shape& b);

// How an index into shape `to` maps to an index into shape `from` when a
// reshape only splits dimensions (and adds or drops size-1 ones): index k of
// `from` = sum of mult * to_index[j] over the terms j with dim == k. Terms
// with dim == -1 (size-1 dims of `to`) contribute nothing. nullopt when the
// reshape merges dimensions, which no affine index map can express.
struct ReshapeTerm {
  int64_t dim;
  int64_t mult;
};
std::optional<std::vector<ReshapeTerm>> reshape_index_map(const Shape& from, const Shape& to);

// Strides of `to` viewing the same elements as a tensor of shape `from` with
// strides `strides`, or nullopt when no strides exist (PyTorch's
// computeStride: `view` succeeds exactly when this does).
std::optional<Shape> reshape_strides(const Shape& from, const Shape& strides, const Shape& to);

// Walks the indices of `shape` in row-major order and calls f(offsets) with
// each index's element offset Σ idx[d] * (*strides[k])[d] in each of the N
// strided layouts `strides` (callers add their base offsets).
template <size_t N, typename F>
void for_each_offset(const Shape& shape, const std::array<const Shape*, N>& strides, F&& f) {
  int64_t count = numel(shape);
  if (count == 0) return;
  // A plain array: GCC 12 misreports freeing a std::vector here (-Wfree-nonheap-object).
  std::unique_ptr<int64_t[]> idx(new int64_t[shape.size()]());
  std::array<int64_t, N> at{};
  for (int64_t i = 0; i < count; ++i) {
    f(static_cast<const std::array<int64_t, N>&>(at));
    for (size_t d = shape.size(); d > 0; --d) {
      if (++idx[d - 1] < shape[d - 1]) {
        for (size_t k = 0; k < N; ++k) at[k] += (*strides[k])[d - 1];
        break;
      }
      for (size_t k = 0; k < N; ++k) at[k] -= (shape[d - 1] - 1) * (*strides[k])[d - 1];
      idx[d - 1] = 0;
    }
  }
}

}  // namespace kiln::ir
