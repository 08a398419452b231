// Cache tiling of kernels with strided reads (codegen/tile_loops.h): which
// kernels it tiles, and that tiled kernels compute the interpreter's values
// over shapes a wrong split or reorder would scramble.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/stats.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::expect_jit_matches_interpreter;
using testing::kernels_of;
using testing::make_tensor;
using testing::wobble;

std::string loops_of(const std::string& kernel) {
  size_t at = kernel.find("loops=");
  return kernel.substr(at, kernel.find(']', at) - at + 1);
}

TEST(TileLoops, TransposeIsTiled) {
  Tensor x = make_tensor({64, 96}, kFloat32, wobble);
  std::vector<std::string> k = kernels_of(x.t().contiguous());
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(loops_of(k[0]), "loops=[3, 2, 32, 32]") << k[0];
  EXPECT_NE(k[0].find("load %a0[32*i0 + 3072*i1 + i2 + 96*i3]"), std::string::npos) << k[0];
  EXPECT_NE(k[0].find("store %a1[2048*i0 + 32*i1 + 64*i2 + i3]"), std::string::npos) << k[0];
  // Named by what it computes, not by its tiles.
  EXPECT_EQ(k[0].rfind("kernel E_96x64_copy(", 0), 0u) << k[0];
}

TEST(TileLoops, ContiguousAndNarrowReadsAreNot) {
  Tensor x = make_tensor({64, 96}, kFloat32, wobble);
  EXPECT_EQ(loops_of(kernels_of(x * 2)[0]), "loops=[6144]");
  // A stride of 2 elements still uses every line it loads.
  EXPECT_EQ(loops_of(kernels_of(x.slice(1, 0, 96, 2) + 1)[0]), "loops=[3072]");
  // 33 columns: no tile size divides the inner loop.
  Tensor odd = make_tensor({33, 40}, kFloat32, wobble);
  EXPECT_EQ(loops_of(kernels_of(odd.t().contiguous())[0]), "loops=[40, 33]");
  // Reductions keep their order.
  EXPECT_EQ(loops_of(kernels_of(x.t().sum(1))[0]), "loops=[96, r64]");
}

TEST(TileLoops, ARowNoTileDividesMovesIntoTheTile) {
  // 100 rows of the output: no tile size divides 100, so that loop runs
  // whole inside each tile of the 64 columns.
  Tensor x = make_tensor({64, 100}, kFloat32, wobble);
  EXPECT_EQ(loops_of(kernels_of(x.t().contiguous())[0]), "loops=[2, 100, 32]");
}

TEST(TileLoops, MatchTheInterpreter) {
  for (ScalarType t : {kFloat32, kFloat64, kInt8, kBool, kFloat16}) {
    SCOPED_TRACE(static_cast<int>(t));
    Tensor sq = make_tensor({64, 64}, t, wobble);
    Tensor rect = make_tensor({96, 40}, t, wobble);
    Tensor odd = make_tensor({100, 72}, t, wobble);
    Tensor cube = make_tensor({8, 48, 40}, t, wobble);
    expect_jit_matches_interpreter([&] { return sq.t().contiguous(); });
    expect_jit_matches_interpreter([&] { return rect.t().contiguous(); });
    expect_jit_matches_interpreter([&] { return odd.t().contiguous(); });
    expect_jit_matches_interpreter([&] { return cube.permute({2, 0, 1}).contiguous(); });
    expect_jit_matches_interpreter([&] { return cube.permute({1, 2, 0}).contiguous(); });
    expect_jit_matches_interpreter([&] { return cube.permute({2, 1, 0}).contiguous(); });
    expect_jit_matches_interpreter([&] { return cube.transpose(0, 1).contiguous(); });
  }
  Tensor a = make_tensor({96, 40}, kFloat32, wobble);
  Tensor b = make_tensor({40, 96}, kFloat32, wobble);
  Tensor row = make_tensor({96}, kFloat32, wobble);
  Tensor col = make_tensor({40, 1}, kFloat32, wobble);
  // A transposed read beside a contiguous one and broadcast ones.
  expect_jit_matches_interpreter([&] { return a.t() * b + row - col; });
  expect_jit_matches_interpreter([&] { return a.t() + a.t().exp(); });
  expect_jit_matches_interpreter([&] { return row.expand({40, 96}).t() * a; });
  expect_jit_matches_interpreter([&] { return a.t().reshape({40, 2, 48}).permute({2, 0, 1}) * 3; });
  // In place: the operand read at the stored addresses, another transposed.
  expect_jit_matches_interpreter([&] {
    Tensor out = b.clone();
    out.add_(a.t());
    return out;
  });
}

// Threads split the outer tile loop: [384, 4096] runs as 3 tiles of 128
// output rows, one per thread (each large enough to split off).
TEST(TileLoops, SplitAcrossThreads) {
  int saved = get_num_threads();
  set_num_threads(3);
  Tensor x = make_tensor({4096, 384}, kFloat32, wobble);
  EXPECT_EQ(loops_of(kernels_of(x.t().contiguous())[0]), "loops=[3, 128, 128, 32]");
  int64_t splits = runtime::stats().kernels_split;
  expect_jit_matches_interpreter([&] { return x.t().contiguous(); });
  if (debug::jit_available()) EXPECT_GT(runtime::stats().kernels_split, splits);
  expect_jit_matches_interpreter([&] { return x.t() * 2 + x.t().abs(); });
  set_num_threads(saved);
}

}  // namespace
}  // namespace kiln
