// The realization plan cache (runtime/plan_cache.h): a second realization
// of the same graph structure replays the first one's kernels, and any
// difference that matters to the plan gives a plan of its own.
#include <gtest/gtest.h>

#include "ir/node.h"
#include "runtime/stats.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::values_of;

class PlanCache : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
    scope_.emplace(debug::Backend::Jit);
  }
  static int64_t replays() { return runtime::stats().plans_replayed; }

 private:
  std::optional<testing::BackendScope> scope_;
};

Tensor input(int64_t n, double scale) {
  return testing::make_tensor({n}, kFloat32, [=](int64_t i) { return scale * static_cast<double>(i % 7) - 2.0; });
}

Tensor chain(const Tensor& a, const Tensor& b) { return ((a * b + a) * 0.5 - b).relu() * b + 1.0; }

std::vector<double> interpreted(const std::function<Tensor()>& make) {
  testing::BackendScope scope(debug::Backend::Interpreter);
  return values_of(make());
}

TEST_F(PlanCache, SecondRealizationReplaysWithoutCompiling) {
  Tensor a = input(300, 1.5), b = input(300, -0.25);
  std::vector<double> first = values_of(chain(a, b));
  runtime::Stats before = runtime::stats();
  Tensor c = input(300, 3.0), d = input(300, 0.75);  // other memory, same structure
  Tensor again = chain(c, d);
  again.realize();
  runtime::Stats after = runtime::stats();
  EXPECT_EQ(after.plans_replayed, before.plans_replayed + 1);
  EXPECT_EQ(after.kernels_compiled, before.kernels_compiled);
  EXPECT_EQ(after.kernels_run, before.kernels_run + 1);
  EXPECT_EQ(after.cache_hits, before.cache_hits + 1);
  EXPECT_TRUE(again.node()->is_buffer());
  EXPECT_EQ(values_of(again), interpreted([&] { return chain(c, d); }));
  EXPECT_EQ(first, interpreted([&] { return chain(a, b); }));
}

TEST_F(PlanCache, ConstantsAndShapesAreInTheKey) {
  Tensor a = input(50, 1.0);
  EXPECT_EQ(values_of(a * 2.0 + 1.0), interpreted([&] { return a * 2.0 + 1.0; }));
  int64_t before = replays();
  EXPECT_EQ(values_of(a * 3.0 + 1.0), interpreted([&] { return a * 3.0 + 1.0; }));
  Tensor longer = input(51, 1.0);
  EXPECT_EQ(values_of(longer * 2.0 + 1.0), interpreted([&] { return longer * 2.0 + 1.0; }));
  EXPECT_EQ(replays(), before);
}

TEST_F(PlanCache, WhichInputsShareMemoryIsInTheKey) {
  Tensor a = input(64, 1.0), b = input(64, -3.0);
  auto f = [](const Tensor& x, const Tensor& y) { return x * y + x; };
  EXPECT_EQ(values_of(f(a, b)), interpreted([&] { return f(a, b); }));
  int64_t before = replays();
  EXPECT_EQ(values_of(f(a, a)), interpreted([&] { return f(a, a); }));
  EXPECT_EQ(replays(), before);
  Tensor c = input(64, 2.0);
  EXPECT_EQ(values_of(f(c, c)), interpreted([&] { return f(c, c); }));
  EXPECT_EQ(replays(), before + 1);
}

TEST_F(PlanCache, ViewsOfInputsAreInTheKey) {
  Tensor m = testing::make_tensor({4, 6}, kFloat32, [](int64_t i) { return static_cast<double>(i); });
  EXPECT_EQ(values_of(m.t() + 1.0), interpreted([&] { return m.t() + 1.0; }));
  int64_t before = replays();
  EXPECT_EQ(values_of(m.view({6, 4}) + 1.0), interpreted([&] { return m.view({6, 4}) + 1.0; }));
  EXPECT_EQ(replays(), before);
}

// A reduction another tensor holds is a kernel output: the replay makes it
// a buffer too, with the values it had the first time.
TEST_F(PlanCache, HeldIntermediatesBecomeBuffers) {
  int64_t before = replays();
  for (double scale : {1.0, 2.5}) {
    Tensor x = testing::make_tensor({3, 5}, kFloat32, [=](int64_t i) { return scale * static_cast<double>(i); });
    Tensor sums = x.sum({1}, /*keepdim=*/true);
    Tensor out = x / sums + sums;
    out.realize();
    EXPECT_TRUE(sums.node()->is_buffer()) << "scale " << scale;
    EXPECT_EQ(values_of(sums), interpreted([&] { return x.sum({1}, true); }));
    EXPECT_EQ(values_of(out), interpreted([&] { return x / x.sum({1}, true) + x.sum({1}, true); }));
  }
  EXPECT_EQ(replays(), before + 1);
}

// Who else holds a node decides whether its memory may be reused, so it is
// in the key: the same expression with an intermediate held or not gets
// its own plan, and a replay reuses memory as its recording did.
TEST_F(PlanCache, HoldersAreInTheKeyAndReusedMemoryReplays) {
  auto run = [](bool hold) {
    Tensor x = testing::make_tensor({8, 16}, kFloat32, [](int64_t i) { return static_cast<double>(i % 11) / 4; });
    Tensor s = x.softmax(1);
    Tensor out = (s * 2.0).sum(1);
    if (!hold) s = Tensor();
    runtime::Stats before = runtime::stats();
    out.realize();
    runtime::Stats after = runtime::stats();
    EXPECT_EQ(values_of(out), interpreted([&] { return (x.softmax(1) * 2.0).sum(1); }));
    return std::pair{after.plans_replayed - before.plans_replayed, after.buffers_reused - before.buffers_reused};
  };
  auto [replayed0, reused0] = run(false);
  auto [replayed1, reused1] = run(false);
  EXPECT_EQ(replayed1, 1);
  EXPECT_EQ(reused1, reused0);
  auto [replayed2, reused2] = run(true);
  EXPECT_EQ(replayed2, 0);
  (void)reused2;
}

TEST_F(PlanCache, ViewRootsAliasTheirInputs) {
  for (int i = 0; i < 2; ++i) {
    Tensor m = testing::make_tensor({3, 4}, kFloat32, [](int64_t j) { return static_cast<double>(j); });
    Tensor t = m.t();
    t.realize();
    EXPECT_EQ(t.data_ptr<float>(), m.data_ptr<float>());
    EXPECT_EQ(values_of(t), interpreted([&] { return m.t(); }));
  }
}

TEST_F(PlanCache, HostRampsAreNotCached) {
  int64_t before = replays();
  for (int i = 0; i < 2; ++i) EXPECT_EQ(values_of(kiln::arange(6) * 7), (std::vector<double>{0, 7, 14, 21, 28, 35}));
  EXPECT_EQ(replays(), before);
}

TEST_F(PlanCache, WritesThenReplay) {
  Tensor x = testing::make_tensor({10}, kFloat32, [](int64_t i) { return static_cast<double>(i); });
  for (int step = 1; step <= 3; ++step) {
    x.add_(1.0);
    Tensor y = x * 2.0;
    std::vector<double> expected;
    for (int i = 0; i < 10; ++i) expected.push_back(2.0 * (i + step));
    EXPECT_EQ(values_of(y), expected) << "step " << step;
  }
}

}  // namespace
}  // namespace kiln
