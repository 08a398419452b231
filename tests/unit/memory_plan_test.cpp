// The memory plan (passes/memory_plan.h, runtime/buffer_plan.h): which
// kernel outputs take memory the realization no longer needs, and, what
// must never go wrong, that memory something can still read is never
// handed on: a value a tensor holds, a pending computation outside the
// realization reads, or a fused node a tensor holds reads.
#include <gtest/gtest.h>

#include <kiln/debug.h>

#include "test_util.h"

namespace kiln {
namespace {

using testing::values_of;

Tensor realized(std::vector<int64_t> shape) {
  return testing::make_tensor(std::move(shape), kFloat32, [](int64_t i) { return static_cast<double>(i % 11) / 4 - 1; });
}

// `f(x)`'s values as the interpreter (which plans no memory) computes them.
std::vector<double> reference(const Tensor& x, const std::function<Tensor(const Tensor&)>& f) {
  testing::BackendScope interp(debug::Backend::Interpreter);
  return values_of(f(x));
}

using Plan = std::vector<std::string>;

TEST(MemoryPlan, SoftmaxReusesAMaxAndDividesInPlace) {
  Tensor x = realized({64, 32});
  EXPECT_EQ(debug::kernel_plan({x.softmax(1)}),
            (Plan{"R_64x32_max (reduce)", "E_64x32_fused2 (used 2 times)",
                  "R_64x32_sum (reduce; reuses the memory of R_64x32_max)",
                  "E_64x32_div (output; in place of E_64x32_fused2)"}));
}

TEST(MemoryPlan, ATemporaryIsWrittenOverInPlace) {
  Tensor x = realized({256});
  Tensor y = (x.exp() * 2 + x.exp()).sin();  // exp(x) is one value after cse, used twice
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_256_exp (used 2 times)", "E_256_fused3 (output; in place of E_256_exp)"}));
  EXPECT_EQ(values_of(y), reference(x, [](const Tensor& v) { return (v.exp() * 2 + v.exp()).sin(); }));
}

class MemoryPlanJit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
    jit_.emplace(debug::Backend::Jit);
  }
  std::optional<testing::BackendScope> jit_;
};

TEST_F(MemoryPlanJit, AValueATensorHoldsKeepsItsMemory) {
  Tensor x = realized({256});
  Tensor e = x.exp();
  Tensor y = (e * 2 + e).sin();
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_256_exp (used 2 times)", "E_256_fused3 (output)"}));
  y.realize();
  EXPECT_EQ(values_of(e), reference(x, [](const Tensor& v) { return v.exp(); }));
  EXPECT_EQ(values_of(y), reference(x, [](const Tensor& v) { return (v.exp() * 2 + v.exp()).sin(); }));
}

TEST_F(MemoryPlanJit, APendingReaderOutsideKeepsTheMemoryItReads) {
  Tensor x = realized({256});
  Tensor later, y;
  {
    Tensor e = x.exp();
    later = e + 1;  // not part of y's realization, reads exp(x) afterwards
    y = (e * 2 + e).sin();
  }
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_256_exp (used 2 times)", "E_256_fused3 (output)"}));
  y.realize();
  EXPECT_EQ(values_of(later), reference(x, [](const Tensor& v) { return v.exp() + 1; }));
}

TEST_F(MemoryPlanJit, AFusedNodeATensorHoldsKeepsWhatItReads) {
  Tensor x = realized({256});
  Tensor g, y;
  {
    Tensor e = x.exp();
    g = e * 3;  // computed inside y's kernel, and held: it reads exp(x) again when realized
    y = (g + e).sin();
  }
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_256_exp (used 2 times)", "E_256_fused3 (output)"}));
  y.realize();
  EXPECT_EQ(values_of(g), reference(x, [](const Tensor& v) { return v.exp() * 3; }));
}

TEST_F(MemoryPlanJit, AViewATensorHoldsKeepsItsBase) {
  Tensor x = realized({16, 16});
  Tensor v, y;
  {
    Tensor e = x.exp();
    v = e.t();
    y = (e * 2 + e).sin();
  }
  y.realize();
  EXPECT_EQ(values_of(v), reference(x, [](const Tensor& w) { return w.exp().t(); }));
}

TEST_F(MemoryPlanJit, ReusedMemoryIsCountedAndGivesTheSameValues) {
  Tensor x = realized({64, 32});
  debug::Stats before = debug::stats();
  Tensor s = x.softmax(1);
  s.realize();
  EXPECT_EQ(debug::stats().buffers_reused - before.buffers_reused, 2);
  EXPECT_EQ(values_of(s), reference(x, [](const Tensor& v) { return v.softmax(1); }));
}

}  // namespace
}  // namespace kiln
