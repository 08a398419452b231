// Non-temporal stores for large elementwise outputs
// (codegen/streaming_stores.h): which kernels get them, and that they store
// the interpreter's values wherever the output's 64-byte lines begin and
// end — output views at odd offsets, rows that are not whole lines, every
// element size, threads' ranges cut mid-line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codegen/streaming_stores.h"
#include "test_util.h"

// In kiln::testing, for its helpers.
namespace kiln::testing {
namespace {

bool streams(const std::string& kernel) { return kernel.find("store.nt %") != std::string::npos; }

constexpr int64_t kFloats = codegen::kStreamingStoreBytes / 4;  // floats in the smallest streamed output

TEST(StreamingStores, OnlyLargeElementwiseOutputs) {
  Tensor big = make_tensor({kFloats}, kFloat32, wobble);
  ASSERT_EQ(kernels_of(big * 2).size(), 1u);
  EXPECT_TRUE(streams(kernels_of(big * 2)[0])) << kernels_of(big * 2)[0];
  Tensor smaller = make_tensor({kFloats - 16}, kFloat32, wobble);
  EXPECT_FALSE(streams(kernels_of(smaller * 2)[0]));
  // The bytes written count, not the elements: half as many doubles.
  EXPECT_TRUE(streams(kernels_of(make_tensor({kFloats / 2}, kFloat64, wobble) + 1)[0]));
  // A reduction writes one element per row.
  EXPECT_FALSE(streams(kernels_of(big.reshape({1024, kFloats / 1024}).sum(1))[0]));
}

TEST(StreamingStores, NotForShortRows) {
  // Rows of 8 floats (32 bytes) written at a stride of 16: no whole lines.
  codegen::Kernel k;
  k.args = {ir::DType::Float32, ir::DType::Float32};
  k.loops = {{kFloats / 4, false}, {8, false}};
  k.store = {{16, 1}, 0};
  codegen::mark_streaming_store(k);
  EXPECT_FALSE(k.streaming_store);
  k.loops[1].extent = 64;  // 256 bytes
  k.store.coef[0] = 128;
  codegen::mark_streaming_store(k);
  EXPECT_TRUE(k.streaming_store);
}

// `y` realized after an in-place write to it, whose kernel (under the
// JIT) must have streamed.
Tensor realize_streamed(const Tensor& y) {
  int64_t before = debug::stats().kernels_streamed;
  y.realize();
  if (debug::backend() == debug::Backend::Jit) EXPECT_EQ(debug::stats().kernels_streamed, before + 1);
  return y;
}

TEST(StreamingStores, FlatOutputMatchesInterpreter) {
  // Not a whole number of lines, split between threads mid-line.
  Tensor a = make_tensor({kFloats + 13}, kFloat32, wobble);
  Tensor b = make_tensor({kFloats + 13}, kFloat32, [](int64_t i) { return wobble(i + 5) * 0.25; });
  ASSERT_TRUE(streams(kernels_of((a * b + 1).relu())[0]));
  expect_jit_matches_interpreter([&] { return (a * b + 1).relu(); });
}

TEST(StreamingStores, OutputAtAnOddOffsetMatchesInterpreter) {
  // The output starts 3 floats into its storage: the first line is partial.
  Tensor x = make_tensor({kFloats}, kFloat32, wobble);
  expect_jit_matches_interpreter([&] {
    Tensor y = zeros({kFloats + 19}).realize();
    y.slice(0, 3, kFloats + 3).add_(x, 2);
    return realize_streamed(y);
  });
}

TEST(StreamingStores, RowsThatAreNotWholeLinesMatchInterpreter) {
  // 1029 of 1031 columns written: each row starts at another point of a line.
  Tensor x = make_tensor({4100, 1031}, kFloat32, wobble);
  expect_jit_matches_interpreter([&] {
    Tensor y = x.clone().realize();
    y.slice(1, 1, 1030).mul_(3);
    return realize_streamed(y);
  });
}

// Other element sizes: lines of 64 bools, 32 shorts, 8 doubles.
TEST(StreamingStores, BoolsMatchInterpreter) {
  Tensor s = make_tensor({codegen::kStreamingStoreBytes + 7}, kInt8, wobble);
  ASSERT_TRUE(streams(kernels_of(s > 0)[0]));
  expect_jit_matches_interpreter([&] { return s > 0; });
}

TEST(StreamingStores, ShortsMatchInterpreter) {
  Tensor s = make_tensor({codegen::kStreamingStoreBytes / 2 + 7}, kInt16, wobble);
  expect_jit_matches_interpreter([&] { return s * 3 - 1; });
}

TEST(StreamingStores, DoublesMatchInterpreter) {
  Tensor d = make_tensor({codegen::kStreamingStoreBytes / 8 + 7}, kFloat64, wobble);
  expect_jit_matches_interpreter([&] { return (d * 0.5).exp(); });
}

}  // namespace
}  // namespace kiln::testing
