// Laziness is the contract: recording computes nothing, realization
// computes each value once, and graph size never threatens the stack.
#include <gtest/gtest.h>

#include "ir/node.h"
#include "passes/fuse.h"
#include "runtime/kernel_cache.h"
#include "runtime/stats.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::values_of;

int64_t compiles() { return runtime::stats().kernels_compiled; }

// How many kernels realizing `t` would run (aliases need none).
int kernels_for(const Tensor& t) {
  int n = 0;
  for (const auto& item : passes::fuse({t.node()}).items) n += item.kind == passes::ScheduleItem::Kind::Kernel;
  return n;
}

TEST(Laziness, RecordingComputesNothing) {
  Tensor a = kiln::tensor({1.0, 2.0, 3.0});
  int64_t before = compiles();
  Tensor c = a * 3.25 + 1.0;
  EXPECT_FALSE(c.node()->is_buffer());
  EXPECT_EQ(c.sizes(), Sizes({3}));  // known without computing
  EXPECT_EQ(c.scalar_type(), kFloat32);
  EXPECT_EQ(compiles(), before);
  c.realize();
  EXPECT_TRUE(c.node()->is_buffer());
  EXPECT_EQ(values_of(c), (std::vector<double>{4.25, 7.5, 10.75}));
}

TEST(Laziness, RealizedValueIsNotRecomputed) {
  Tensor c = kiln::arange(5) * 7;
  EXPECT_EQ(c.str(), "tensor([ 0,  7, 14, 21, 28])");
  runtime::Stats stats = runtime::stats();
  EXPECT_EQ(c.str(), "tensor([ 0,  7, 14, 21, 28])");
  EXPECT_EQ(c.data_ptr<int64_t>()[4], 28);
  EXPECT_EQ(runtime::stats().kernels_compiled, stats.kernels_compiled);
  EXPECT_EQ(runtime::stats().cache_hits, stats.cache_hits);
}

TEST(Laziness, SameKernelIsCompiledOnce) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope jit(debug::Backend::Jit);
  Tensor a = kiln::tensor({{1.5, 2.5}, {3.5, 4.5}});
  (a * a - 0.125).realize();
  int64_t after_first = compiles();
  int64_t hits = runtime::stats().cache_hits;
  Tensor again = a * a - 0.125;
  again.realize();
  EXPECT_EQ(compiles(), after_first);
  EXPECT_EQ(runtime::stats().cache_hits, hits + 1);
}

TEST(Laziness, RealizingTogetherSharesWork) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope jit(debug::Backend::Jit);  // the interpreter keeps no intermediates
  Tensor a = kiln::arange(6.0), b = kiln::arange(6.0) + 0;
  b.realize();
  Tensor shared = a * b;
  Tensor x = shared + 1, y = shared - 1;
  kiln::realize({x, y});
  EXPECT_EQ(values_of(x), (std::vector<double>{1, 2, 5, 10, 17, 26}));
  EXPECT_EQ(values_of(y), (std::vector<double>{-1, 0, 3, 8, 15, 24}));
  // The shared value was materialized on the way, once.
  EXPECT_TRUE(shared.node()->is_buffer());
  // A cheap one (loading one value its size) is recomputed by each instead.
  Tensor cheap = a * 2;
  Tensor u = cheap + 1, v = cheap - 1;
  kiln::realize({u, v});
  EXPECT_FALSE(cheap.node()->is_buffer());
  EXPECT_EQ(values_of(v), (std::vector<double>{-1, 1, 3, 5, 7, 9}));
}

TEST(Laziness, ErrorsLeaveOperandsIntact) {
  Tensor a = kiln::tensor({1, 2, 3});
  Tensor b = kiln::tensor({1, 2, 3, 4});
  EXPECT_THROW(a + b, Error);
  EXPECT_EQ((a + 1).str(), "tensor([2, 3, 4])");
  EXPECT_EQ(b.sum().item<int64_t>(), 10);
}

// Kernel counts under the fusion rules of passes/fuse.h.
TEST(Fusion, ElementwiseChainIsOneKernel) {
  Tensor a = kiln::arange(64.0), b = kiln::ones({64}), c = kiln::full({64}, 3.0);
  EXPECT_EQ(kernels_for(((a * b + c) * 0.5 - a) * b + 1.0), 1);
}

TEST(Fusion, ProducerFusesIntoReduction) {
  Tensor x = kiln::arange(12.0);
  EXPECT_EQ(kernels_for((x * 2).sum()), 1);  // the reshape to 0-d is a view
  EXPECT_EQ((x * 2).sum().item<double>(), 132.0);
}

TEST(Fusion, ASharedValueReadInOneKernelIsComputedOnceThere) {
  Tensor t = kiln::arange(8.0) * 3;
  EXPECT_EQ(kernels_for((t + 1) * (t - 1)), 1);
}

TEST(Fusion, ASharedValueTwoKernelsReadIsMaterializedUnlessCheap) {
  Tensor a = kiln::arange(16.0).reshape({4, 4}), b = kiln::arange(16.0).reshape({4, 4}) + 1;
  // a * b loads two values its size: recomputing it would read more than
  // loading it. a * b, and the two sums (the second adds as its epilogue).
  Tensor t = a * b;
  EXPECT_EQ(kernels_for(t.sum(0) + t.sum(1)), 3);
  // a * 3 loads one: each sum recomputes it.
  Tensor u = a * 3;
  EXPECT_EQ(kernels_for(u.sum(0) + u.sum(1)), 2);
}

TEST(Fusion, ReductionFeedsANewKernel) {
  Tensor x = kiln::arange(10.0);
  EXPECT_EQ(kernels_for(x + x.sum()), 2);
}

TEST(Fusion, BroadcastConstantsNeedNoMemory) {
  // zeros/ones/full are computed in the consuming kernel.
  EXPECT_EQ(kernels_for(kiln::ones({1000, 1000}) * kiln::full({1000}, 3.0) + kiln::zeros({1, 1000})), 1);
}

TEST(Fusion, ArangeIsComputedOnTheHost) {
  passes::Schedule s = passes::fuse({(kiln::arange(8.0) * 2).node()});
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].kind, passes::ScheduleItem::Kind::Host);
  EXPECT_EQ(s.items[0].reason, "arange");
  EXPECT_EQ(s.items[1].kind, passes::ScheduleItem::Kind::Kernel);
}

// Deep graphs: every walk (scheduling, lowering, verification, printing,
// destruction) is iterative.
TEST(DeepGraphs, LongChainRealizes) {
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    Tensor x = kiln::tensor({0, 1});
    for (int i = 0; i < 20000; ++i) x = x + 1;
    EXPECT_EQ(x.str(), "tensor([20000, 20001])");
  }
}

TEST(DeepGraphs, UnrealizedChainIsFreedWithoutRecursion) {
  Tensor x = kiln::tensor({1.0});
  for (int i = 0; i < 1000000; ++i) x = x * 1.0;
  x = Tensor();  // drops a million-node graph
  SUCCEED();
}

}  // namespace
}  // namespace kiln
