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

// a * b loads two values its size, so it is materialized when two kernels
// read it rather than recomputed (fuse rule 3).
struct Operands {
  Tensor a = realized({64, 32}), b = realized({64, 32});
};

TEST(MemoryPlan, ATemporaryIsWrittenOverInPlace) {
  Operands o;
  auto f = [&](const Tensor& a) { return (a * o.b) / (a * o.b).sum(1, true); };
  Tensor y = f(o.a);
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_2048_mul (used 2 times)", "R_64x32_sum (reduce)",
                                           "E_64x32_div (output; in place of E_2048_mul)"}));
  EXPECT_EQ(values_of(y), reference(o.a, f));
}

TEST(MemoryPlan, AKernelTakesMemoryFreedBeforeIt) {
  Operands o;
  auto f = [&](const Tensor& a) {
    Tensor t = a * o.b;
    Tensor r1 = t.sum(1, true);
    Tensor r2 = (t * r1).sum(1, true);  // r1 dies here
    Tensor r3 = (t * r2).sum(1, true);  // and its memory is free for this one
    return t / r3;
  };
  Tensor y = f(o.a);
  EXPECT_EQ(debug::kernel_plan({y}),
            (Plan{"E_2048_mul (used 4 times)", "R_64x32_sum (reduce)", "R_64x32_sum (reduce)",
                  "R_64x32_sum (reduce; reuses the memory of R_64x32_sum)",
                  "E_64x32_div (output; in place of E_2048_mul)"}));
  EXPECT_EQ(values_of(y), reference(o.a, f));
}

class MemoryPlanJit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
    jit_.emplace(debug::Backend::Jit);
  }
  std::optional<testing::BackendScope> jit_;
  Operands o;
  const Plan not_in_place{"E_2048_mul (used 2 times)", "R_64x32_sum (reduce)", "E_64x32_div (output)"};
};

TEST_F(MemoryPlanJit, AValueATensorHoldsKeepsItsMemory) {
  Tensor e = o.a * o.b;
  Tensor y = e / e.sum(1, true);
  EXPECT_EQ(debug::kernel_plan({y}), not_in_place);
  y.realize();
  EXPECT_EQ(values_of(e), reference(o.a, [&](const Tensor& a) { return a * o.b; }));
}

TEST_F(MemoryPlanJit, APendingReaderOutsideKeepsTheMemoryItReads) {
  Tensor later, y;
  {
    Tensor e = o.a * o.b;
    later = e + 1;  // not part of y's realization, reads e afterwards
    y = e / e.sum(1, true);
  }
  EXPECT_EQ(debug::kernel_plan({y}), not_in_place);
  y.realize();
  EXPECT_EQ(values_of(later), reference(o.a, [&](const Tensor& a) { return a * o.b + 1; }));
}

TEST_F(MemoryPlanJit, AFusedNodeATensorHoldsKeepsWhatItReads) {
  Tensor g, y;
  {
    Tensor e = o.a * o.b;
    g = e * 3;  // computed inside y's kernel, and held: it reads e again when realized
    y = g / e.sum(1, true);
  }
  EXPECT_EQ(debug::kernel_plan({y}), (Plan{"E_2048_mul (used 2 times)", "R_64x32_sum (reduce)", "E_64x32_fused2 (output)"}));
  y.realize();
  EXPECT_EQ(values_of(g), reference(o.a, [&](const Tensor& a) { return a * o.b * 3; }));
}

TEST_F(MemoryPlanJit, AViewATensorHoldsKeepsItsBase) {
  Tensor v, y;
  {
    Tensor e = o.a * o.b;
    v = e.t();
    y = e / e.sum(1, true);
  }
  EXPECT_EQ(debug::kernel_plan({y}), not_in_place);
  y.realize();
  EXPECT_EQ(values_of(v), reference(o.a, [&](const Tensor& a) { return (a * o.b).t(); }));
}

TEST_F(MemoryPlanJit, ReusedMemoryIsCounted) {
  debug::Stats before = debug::stats();
  // Named: a full expression's temporaries (the two a * b) live until its
  // end, so realizing a temporary would find a * b held.
  Tensor y = (o.a * o.b) / (o.a * o.b).sum(1, true);
  y.realize();
  EXPECT_EQ(debug::stats().buffers_reused - before.buffers_reused, 1);
}

}  // namespace
}  // namespace kiln
