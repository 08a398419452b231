// Max, min, argmax and argmin as the JIT vectorizes them (llvm.maximum /
// llvm.minimum, then a min-position pass: codegen/llvm/emit.cpp) against
// the interpreter's first-wins scan: signed zeros, NaNs, ties, several
// reduced dims, every dtype, and rows of every length around the vector
// width.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

#include "ir/dtype.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::expect_jit_matches_interpreter;
using testing::make_tensor;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Row r of a [rows, n] tensor: element i is `pattern(r, i)`.
Tensor rows_of(int64_t rows, int64_t n, ScalarType t, double (*pattern)(int64_t, int64_t)) {
  return make_tensor({rows, n}, t, [=](int64_t k) { return pattern(k / n, k % n); });
}

// Only signed zeros, their signs varying by row.
double zeros(int64_t r, int64_t i) { return ((i * 5 + r * 3) % 7) < 3 ? -0.0 : 0.0; }
// Zeros beside negatives (max is a zero) and positives (min is a zero).
double zeros_and_negatives(int64_t r, int64_t i) { return (i + r) % 3 == 0 ? -1.0 - i : zeros(r, i); }
double zeros_and_positives(int64_t r, int64_t i) { return (i + r) % 3 == 0 ? 1.0 + i : zeros(r, i); }
// A few values, each repeated: ties everywhere.
double ties(int64_t r, int64_t i) { return static_cast<double>((i * 7 + r) % 5) - 2.0; }
// Ties with NaNs in some rows, at varying positions.
double some_nans(int64_t r, int64_t i) { return r % 2 == 1 && i % (r + 2) == r % 5 ? kNaN : ties(r, i); }

TEST(ReduceExtremes, SignedZerosAsPyTorch) {
  // PyTorch 1.13, reducing a dim: the first of equal zeros.
  Tensor a = testing::from_texts(kFloat32, {"80000000", "00000000"}, {1, 2});
  Tensor b = testing::from_texts(kFloat32, {"00000000", "80000000"}, {1, 2});
  EXPECT_EQ(a.amax(1).str(), "tensor([-0.])");
  EXPECT_EQ(a.amin(1).str(), "tensor([-0.])");
  EXPECT_EQ(b.amax(1).str(), "tensor([0.])");
  EXPECT_EQ(b.amin(1).str(), "tensor([0.])");
  EXPECT_EQ(a.argmax(1).str(), "tensor([0])");
  EXPECT_EQ(b.argmin(1).str(), "tensor([0])");
}

TEST(ReduceExtremes, MatchTheInterpreter) {
  for (int64_t n : {1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 65, 100, 1000}) {
    SCOPED_TRACE(n);
    for (auto pattern : {zeros, zeros_and_negatives, zeros_and_positives, ties, some_nans}) {
      Tensor x = rows_of(6, n, kFloat32, pattern);
      expect_jit_matches_interpreter([&] { return x.amax(1); });
      expect_jit_matches_interpreter([&] { return x.amin(1); });
      expect_jit_matches_interpreter([&] { return x.argmax(1); });
      expect_jit_matches_interpreter([&] { return x.argmin(1); });
      // Along the strided dim, and over everything.
      expect_jit_matches_interpreter([&] { return x.amax(0); });
      expect_jit_matches_interpreter([&] { return x.argmin(0); });
      expect_jit_matches_interpreter([&] { return x.amin(); });
      expect_jit_matches_interpreter([&] { return x.argmax(); });
    }
  }
}

TEST(ReduceExtremes, EveryDtype) {
  for (ScalarType t : {kFloat64, kFloat16, kBFloat16, kInt64, kInt32, kInt8, kUInt8}) {
    SCOPED_TRACE(static_cast<int>(t));
    for (auto pattern : {zeros_and_negatives, ties, some_nans}) {
      if (!ir::is_floating(t) && pattern == some_nans) continue;
      Tensor x = rows_of(5, 37, t, pattern);
      expect_jit_matches_interpreter([&] { return x.amax(1); });
      expect_jit_matches_interpreter([&] { return x.amin(0); });
      expect_jit_matches_interpreter([&] { return x.argmax(1); });
      expect_jit_matches_interpreter([&] { return x.argmin(); });
    }
  }
  // Bool max and min are any and all (PyTorch has no bool argmax).
  Tensor flags = rows_of(5, 37, kBool, ties);
  expect_jit_matches_interpreter([&] { return flags.any(1); });
  expect_jit_matches_interpreter([&] { return flags.all(); });
}

TEST(ReduceExtremes, SeveralReducedDimsAndEpilogues) {
  Tensor x = make_tensor({4, 6, 9}, kFloat32, [](int64_t k) { return zeros_and_negatives(k % 5, k / 5); });
  expect_jit_matches_interpreter([&] { return x.amax({0, 2}); });
  expect_jit_matches_interpreter([&] { return x.permute({2, 0, 1}).amin({1, 2}, true); });
  expect_jit_matches_interpreter([&] { return x.argmax(); });
  expect_jit_matches_interpreter([&] { return x.transpose(0, 2).argmin(1); });
  expect_jit_matches_interpreter([&] { return x.amax(2) * 2 - 1; });
  expect_jit_matches_interpreter([&] { return x.argmax(1) + 3; });
  // A reduced dim of size 1 leaves no reduce loop.
  Tensor column = make_tensor({3, 1}, kFloat32, [](int64_t k) { return zeros(k, 0); });
  expect_jit_matches_interpreter([&] { return column.argmax(1); });
  expect_jit_matches_interpreter([&] { return column.amin(1); });
  expect_jit_matches_interpreter([&] { return std::get<0>(x.max(1)); });
  expect_jit_matches_interpreter([&] { return std::get<1>(x.min(2)); });
}

}  // namespace
}  // namespace kiln
