#include "frontend/overlap.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <kiln/error.h>

namespace kiln::frontend {

namespace {

const std::string kClone = " Please clone() the tensor before performing the operation.";

// The element range [first, last] a view reaches.
std::pair<int64_t, int64_t> extent(const TensorImpl& t) {
  int64_t lo = t.offset, hi = t.offset;
  for (size_t d = 0; d < t.sizes.size(); ++d) (t.strides[d] < 0 ? lo : hi) += (t.sizes[d] - 1) * t.strides[d];
  return {lo, hi};
}

// Whether the view's elements are distinct and fill its range.
bool non_overlapping_and_dense(const TensorImpl& t) {
  std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size) of dims longer than 1
  for (size_t d = 0; d < t.sizes.size(); ++d)
    if (t.sizes[d] != 1) dims.emplace_back(t.strides[d], t.sizes[d]);
  std::sort(dims.begin(), dims.end());
  int64_t expected = 1;
  for (auto [stride, size] : dims) {
    if (stride != expected) return false;
    expected *= size;
  }
  return true;
}

enum class Overlap { No, Full, Partial, TooHard };

// ATen's get_overlap_status.
Overlap overlap(const TensorImpl& a, const TensorImpl& b) {
  if (&a == &b) return Overlap::Full;
  if (a.storage != b.storage) return Overlap::No;
  if (ir::numel(a.sizes) == 0 || ir::numel(b.sizes) == 0) return Overlap::No;
  if (!non_overlapping_and_dense(a) || !non_overlapping_and_dense(b)) return Overlap::TooHard;
  auto [a_lo, a_hi] = extent(a);
  auto [b_lo, b_hi] = extent(b);
  if (a_lo == b_lo && a_hi == b_hi) return a.strides == b.strides ? Overlap::Full : Overlap::Partial;
  return a_lo <= b_hi && b_lo <= a_hi ? Overlap::Partial : Overlap::No;
}

[[noreturn]] void shared_memory_error() {
  throw Error("unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
              "memory location." + kClone);
}

}  // namespace

bool has_internal_overlap(const TensorImpl& t) {
  if (ir::numel(t.sizes) == 0) return false;  // an empty tensor is dense, however expanded
  for (size_t d = 0; d < t.sizes.size(); ++d)
    if (t.strides[d] == 0 && t.sizes[d] > 1) return true;
  return false;
}

void assert_no_internal_overlap(const TensorImpl& t) {
  if (has_internal_overlap(t)) {
    throw Error("unsupported operation: more than one element of the written-to tensor refers to a single memory "
                "location." + kClone);
  }
}

void assert_no_partial_overlap(const TensorImpl& written, const TensorImpl& read) {
  if (overlap(written, read) == Overlap::Partial) shared_memory_error();
}

void assert_no_overlap(const TensorImpl& written, const TensorImpl& read) {
  Overlap o = overlap(written, read);
  if (o == Overlap::Partial || o == Overlap::Full) shared_memory_error();
}

}  // namespace kiln::frontend
