// Kernels are compiled generic over their sizes (codegen/kernel_sizes.h): a
// kernel of the same structure at a new size is a cache hit, not a compile,
// and computes what the interpreter does.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "codegen/kernel_sizes.h"
#include "codegen/lower.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::expect_jit_matches_interpreter;
using testing::make_tensor;
using testing::wobble;

// Kernels made (compiled, or loaded from a disk cache) and found in the
// in-memory cache by realizing `make()` under the JIT.
struct Counts {
  int64_t made = 0, hits = 0;
};
Counts realize_counting(const std::function<Tensor()>& make) {
  testing::BackendScope jit(debug::Backend::Jit);
  Tensor t = make();
  debug::Stats before = debug::stats();
  t.realize();
  debug::Stats after = debug::stats();
  return {after.kernels_compiled - before.kernels_compiled + after.disk_hits - before.disk_hits,
          after.cache_hits - before.cache_hits};
}

// Realizes `make(shape)` for each shape: the first makes one kernel (the
// constants in the tests' kernels are their own, so no other test made
// it), the others find it; every result equals the interpreter's.
void expect_compiled_once(const std::vector<std::vector<int64_t>>& shapes,
                          const std::function<Tensor(const std::vector<int64_t>&)>& make, double rel_tol = 0.0) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  for (size_t i = 0; i < shapes.size(); ++i) {
    SCOPED_TRACE(Sizes(shapes[i]).repr());
    Counts c = realize_counting([&] { return make(shapes[i]); });
    EXPECT_EQ(c.made, i == 0 ? 1 : 0);
    EXPECT_EQ(c.hits, i == 0 ? 0 : 1);
    expect_jit_matches_interpreter([&] { return make(shapes[i]); }, rel_tol);
  }
}

TEST(GenericKernels, ElementwiseChainAtNewSizes) {
  expect_compiled_once({{1000}, {1001}, {4096}, {7}, {3, 5}}, [](const std::vector<int64_t>& s) {
    Tensor a = make_tensor(s, kFloat32, wobble);
    Tensor b = make_tensor(s, kFloat32, [](int64_t i) { return 0.25 * static_cast<double>(i % 5); });
    return (a * b + 1.0625).relu();
  });
}

// A zero max takes the sign of the first zero, in row-major order over the
// reduced dims: here two reduce loops that do not merge, whose order the
// generic kernel must take from its run-time extents (n = 20, then 24).
TEST(GenericKernels, FirstZeroOfAMaxAtNewSizes) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  for (int64_t n : {20, 24}) {
    SCOPED_TRACE(n);
    auto make = [n] {
      Tensor x = make_tensor({2, 3, n}, kFloat32, [n](int64_t i) {
        int64_t i0 = i / (3 * n), i2 = i % n;
        if (i0 == 0 && i2 == n - 1) return -0.0;  // first in row-major order
        if (i0 == 1 && i2 == 0) return 0.0;       // first if the outer stride were 20
        return -1.0;
      });
      return x.amax({0, 2});
    };
    Counts c = realize_counting(make);
    EXPECT_EQ(c.made, n == 20 ? 1 : 0);
    for (debug::Backend engine : {debug::Backend::Interpreter, debug::Backend::Jit}) {
      testing::BackendScope scope(engine);
      Tensor m = make();
      m.realize();
      for (int64_t j = 0; j < 3; ++j) EXPECT_TRUE(std::signbit(m.data_ptr<float>()[j])) << "column " << j;
    }
  }
}

TEST(GenericKernels, BroadcastAtNewSizes) {
  // [N, M] + [M]: a loop nest whose inner extent and row stride are sizes;
  // a square shape shares the code of the others.
  expect_compiled_once({{5, 20}, {300, 17}, {64, 64}, {2, 1000}}, [](const std::vector<int64_t>& s) {
    Tensor m = make_tensor(s, kFloat32, wobble);
    Tensor row = make_tensor({s[1]}, kFloat32, [](int64_t i) { return static_cast<double>(i); });
    return m * 0.8125 + row;
  });
}

TEST(GenericKernels, FullSumAtNewSizes) {
  expect_compiled_once({{1000}, {1001}, {4097}, {17}}, [](const std::vector<int64_t>& s) {
    return (make_tensor(s, kFloat32, wobble) * 1.1875).sum();
  }, 1e-6);
}

TEST(GenericKernels, RowSumAtNewSizes) {
  expect_compiled_once({{3, 100}, {50, 37}, {64, 64}, {200, 19}}, [](const std::vector<int64_t>& s) {
    return (make_tensor(s, kFloat32, wobble) * 1.3125).sum(1);
  }, 1e-6);
}

TEST(GenericKernels, ArgMaxAtNewSizes) {
  expect_compiled_once({{5, 20}, {7, 33}, {2, 1000}}, [](const std::vector<int64_t>& s) {
    return (make_tensor(s, kFloat32, wobble) * 1.4375).argmax(1);
  });
}

TEST(GenericKernels, ColumnSumServesOtherColumnCounts) {
  // x.sum(0): the innermost loop walks a column at the row stride, so the
  // stride and the column's length stay in the code (LLVM's strided loads
  // need both); the number of columns is the caller's range.
  auto columns = [](int64_t rows, int64_t n) {
    return (make_tensor({rows, 1000}, kFloat32, wobble).slice(1, 0, n) * 1.6875).sum(0);
  };
  expect_compiled_once({{30}, {7}, {1000}}, [&](const std::vector<int64_t>& s) { return columns(40, s[0]); }, 1e-6);
  if (!debug::jit_available()) return;
  EXPECT_EQ(realize_counting([&] { return columns(41, 30); }).made, 1);
}

TEST(GenericKernels, ShortInnerLoopKeepsItsExtent) {
  // An innermost loop of at most 16 iterations is compiled for its extent
  // (LLVM unrolls it whole): rows of 3 and of 4 are two kernels, rows of 3
  // at another row count one.
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  auto rows = [](int64_t n, int64_t m) { return (make_tensor({n, m}, kFloat32, wobble) * 1.5625).sum(1); };
  EXPECT_EQ(realize_counting([&] { return rows(100, 3); }).made, 1);
  EXPECT_EQ(realize_counting([&] { return rows(100, 4); }).made, 1);
  EXPECT_EQ(realize_counting([&] { return rows(33, 3); }).made, 0);
  expect_jit_matches_interpreter([&] { return rows(33, 3); }, 1e-6);
}

// The generic form names each size once, in print order; the values are
// what the kernel is called with.
TEST(GenericKernels, GenericText) {
  // Row sums of x[:, 2:] for x: [6, 40].
  Tensor y = make_tensor({6, 40}, kFloat32, wobble).slice(1, 2).sum(1);
  codegen::Kernel k = codegen::lower(*y.node()).kernel;
  codegen::KernelSizes sizes(k);
  EXPECT_EQ(codegen::print_kernel(k), "kernel R_6x38_sum(%a0: f32, %a1: f32) loops=[6, r38] {\n"
                                      "  %0 = load %a0[40*i0 + i1 + 2] : f32\n"
                                      "  acc = sum %0 over r-loops : f64\n"
                                      "  %e0 = acc : f32\n"
                                      "  store %a1[i0] = %e0\n"
                                      "}\n");
  EXPECT_EQ(codegen::print_kernel(k, &sizes), "kernel R_sum(%a0: f32, %a1: f32) loops=[*, rs0] {\n"
                                              "  %0 = load %a0[s1*i0 + i1 + s2] : f32\n"
                                              "  acc = sum %0 over r-loops : f64\n"
                                              "  %e0 = acc : f32\n"
                                              "  store %a1[i0] = %e0\n"
                                              "}\n");
  EXPECT_EQ(sizes.values(), (std::vector<int64_t>{38, 40, 2}));
}

}  // namespace
}  // namespace kiln
