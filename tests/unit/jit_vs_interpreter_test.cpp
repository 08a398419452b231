// Every op of the slice, JIT against the reference interpreter, over shapes
// that stress the lowering (0-d, one element, empty, broadcast, sizes that
// are not multiples of the vector width) and over the dtypes kiln computes.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include "test_util.h"

namespace kiln {
namespace {

using testing::expect_jit_matches_interpreter;
using testing::make_tensor;
using testing::wobble;

// Small values with both signs and no pattern a wrong index could hide in.
// Divisors away from zero.
double positive(int64_t i) { return static_cast<double>((i * 5 + 1) % 9) + 1.0; }

struct ShapePair {
  std::string name;
  std::vector<int64_t> a, b;
};

const ShapePair kShapes[] = {
    {"scalar", {}, {}},
    {"one", {1}, {1}},
    {"vector5", {5}, {5}},
    {"odd2d", {7, 3}, {7, 3}},
    {"wide", {1000}, {1000}},
    {"big_odd", {33, 17}, {33, 17}},
    {"bcast_rank", {2, 1, 3}, {4, 3}},
    {"bcast_outer", {3, 1}, {1, 4}},
    {"bcast_scalar_tensor", {}, {6, 5}},
    {"bcast_vector", {19}, {3, 19}},
    {"empty", {0}, {0}},
    {"empty2d", {2, 0}, {1, 0}},
};

class Elementwise : public ::testing::TestWithParam<std::tuple<ShapePair, ScalarType>> {
 protected:
  Tensor a() const { return make_tensor(std::get<0>(GetParam()).a, std::get<1>(GetParam()), wobble); }
  Tensor b() const { return make_tensor(std::get<0>(GetParam()).b, std::get<1>(GetParam()), positive); }
};

TEST_P(Elementwise, Add) { expect_jit_matches_interpreter([&] { return a() + b(); }); }
TEST_P(Elementwise, Sub) { expect_jit_matches_interpreter([&] { return a() - b(); }); }
TEST_P(Elementwise, Mul) { expect_jit_matches_interpreter([&] { return a() * b(); }); }
TEST_P(Elementwise, Div) { expect_jit_matches_interpreter([&] { return a() / b(); }); }
TEST_P(Elementwise, DivByMixedSigns) { expect_jit_matches_interpreter([&] { return b() / a(); }); }
TEST_P(Elementwise, Neg) { expect_jit_matches_interpreter([&] { return -a(); }); }
TEST_P(Elementwise, AddAlpha) { expect_jit_matches_interpreter([&] { return a().add(b(), 3); }); }
TEST_P(Elementwise, SubAlpha) { expect_jit_matches_interpreter([&] { return kiln::sub(a(), b(), 2); }); }
TEST_P(Elementwise, ScalarRight) {
  expect_jit_matches_interpreter([&] { return ((a() + 3) * 2 - 1) / 4; });
}
TEST_P(Elementwise, ScalarLeft) {
  expect_jit_matches_interpreter([&] { return 10 - (2 * (1 + a())); });
  expect_jit_matches_interpreter([&] { return 7 / b(); });
}
TEST_P(Elementwise, FloatScalarPromotes) { expect_jit_matches_interpreter([&] { return a() * 0.5 + 0.25; }); }
TEST_P(Elementwise, Chain) {
  // ((a*b+c)*0.5-a)*b+1.0 with c = a: one fused kernel.
  expect_jit_matches_interpreter([&] {
    Tensor x = a(), y = b();
    return ((x * y + x) * 0.5 - x) * y + 1.0;
  });
}
TEST_P(Elementwise, SharedIntermediate) {
  // t is used twice: materialized once, read by the next kernel.
  expect_jit_matches_interpreter([&] {
    Tensor t = a() * b();
    return (t + 1) * (t - 1);
  });
}
TEST_P(Elementwise, Comparisons) {
  expect_jit_matches_interpreter([&] { return a() < b(); });
  expect_jit_matches_interpreter([&] { return a() <= 0; });
  expect_jit_matches_interpreter([&] { return a().eq(b() - 6); });
  expect_jit_matches_interpreter([&] { return 1.5 > a(); });
  expect_jit_matches_interpreter([&] { return a().ne(b()); });
  expect_jit_matches_interpreter([&] { return a() >= b() - 4; });
}
TEST_P(Elementwise, MaximumMinimum) {
  expect_jit_matches_interpreter([&] { return a().maximum(b() - 5); });
  expect_jit_matches_interpreter([&] { return kiln::minimum(a(), b() - 5); });
}
TEST_P(Elementwise, ComparisonFeedsArithmetic) {
  expect_jit_matches_interpreter([&] { return (a() > 0) * a() + (a() <= 0) * 2; });
}
TEST_P(Elementwise, UnaryMath) {
  expect_jit_matches_interpreter([&] { return a().abs() + a().relu() * 2 + a().sign(); });
  expect_jit_matches_interpreter([&] { return (a() / 3).floor() + (a() / 3).ceil() * 10 + (a() * 0.5).round() * 100; });
  expect_jit_matches_interpreter([&] { return b().sqrt() + b().rsqrt(); });
}
TEST_P(Elementwise, Transcendental) {
  // The same libm functions in both engines: bit-identical results.
  expect_jit_matches_interpreter([&] { return a().exp() + a().sin() * a().cos() + a().tanh(); });
  expect_jit_matches_interpreter([&] { return b().log() + kiln::log2(b()) + a().sigmoid(); });
}
TEST_P(Elementwise, Pow) {
  expect_jit_matches_interpreter([&] { return a().pow(b()); });
  expect_jit_matches_interpreter([&] { return kiln::pow(b(), a()); });
  expect_jit_matches_interpreter([&] { return a().pow(2) + a().pow(3) + b().pow(0.5) + kiln::pow(2, b()); });
}
TEST_P(Elementwise, RemainderAndBitwise) {
  expect_jit_matches_interpreter([&] { return a() % b(); });
  expect_jit_matches_interpreter([&] { return -7 % b(); });
  expect_jit_matches_interpreter([&] { return a() % -3; });
  if (!ir::is_floating(std::get<1>(GetParam()))) {
    expect_jit_matches_interpreter([&] { return (a() & b()) | (~a() ^ 5); });
  }
  expect_jit_matches_interpreter([&] { return (a() > 0).logical_and(b()) ^ kiln::logical_not(a()); });
}
TEST_P(Elementwise, WhereAndClamp) {
  expect_jit_matches_interpreter([&] { return kiln::where(a() > 0, a(), b()); });
  expect_jit_matches_interpreter([&] { return kiln::where(b() > 4, 1.5, a()); });
  expect_jit_matches_interpreter([&] { return a().clamp(-2, 3) + a().clamp_min(0) + a().clamp(b() - 6, b()); });
}
TEST_P(Elementwise, Sum) { expect_jit_matches_interpreter([&] { return a().sum(); }, 1e-6); }
TEST_P(Elementwise, SumOfFusedProduct) { expect_jit_matches_interpreter([&] { return (a() * b()).sum(); }, 1e-6); }
TEST_P(Elementwise, ArithmeticOnSum) {
  expect_jit_matches_interpreter([&] { return (a() + a().sum()) * 2; }, 1e-6);
}

std::string shape_dtype_name(const ::testing::TestParamInfo<Elementwise::ParamType>& info) {
  return std::get<0>(info.param).name + "_" + std::string(ir::torch_name(std::get<1>(info.param)));
}

INSTANTIATE_TEST_SUITE_P(Slice, Elementwise,
                         ::testing::Combine(::testing::ValuesIn(kShapes),
                                            ::testing::Values(kInt64, kFloat32, kInt32, kFloat64)),
                         shape_dtype_name);

// Mixed dtypes: promotion inserts casts that both engines must agree on.
TEST(MixedDtypes, IntTimesFloat) {
  expect_jit_matches_interpreter([] {
    return make_tensor({4, 3}, kInt32, wobble) * make_tensor({3}, kFloat32, positive);
  });
}

TEST(MixedDtypes, IntTrueDivisionIsFloat32) {
  expect_jit_matches_interpreter([] { return make_tensor({9}, kInt64, wobble) / make_tensor({9}, kInt64, wobble); });
}

TEST(MixedDtypes, Int32PlusInt64) {
  expect_jit_matches_interpreter([] { return make_tensor({5}, kInt32, wobble) + make_tensor({5}, kInt64, positive); });
}

TEST(MixedDtypes, NewOpsOnEveryDtype) {
  for (ScalarType t : {kBool, kUInt8, kInt8, kInt16, kInt32, kInt64, kFloat16, kBFloat16, kFloat32, kFloat64}) {
    SCOPED_TRACE(std::string(ir::torch_name(t)));
    Tensor x = make_tensor({37}, t, wobble), y = make_tensor({37}, t, positive);
    if (t != kFloat16) expect_jit_matches_interpreter([&] { return x.exp() + y.log() + x.sigmoid(); });
    expect_jit_matches_interpreter([&] { return kiln::where(x > y, x, y); });
    expect_jit_matches_interpreter([&] { return x.logical_xor(y); });
    if (t == kBool) {
      expect_jit_matches_interpreter([&] { return (x + y) * x; });
      expect_jit_matches_interpreter([&] { return ~x & y; });
      continue;
    }
    expect_jit_matches_interpreter([&] { return x.pow(y) + x.pow(3); });
    expect_jit_matches_interpreter([&] { return x % y; });
    expect_jit_matches_interpreter([&] { return x.clamp_max(y); });
  }
}

// Integer edge cases that trap or overflow on the hardware: INT_MIN % -1 is
// 0 (PyTorch itself dies of SIGFPE there), powers wrap, negative powers are
// PyTorch's 1 / ±1 / 0.
TEST(MixedDtypes, IntegerEdgeCases) {
  for (ScalarType t : {kInt8, kInt16, kInt32, kInt64}) {
    int64_t min = -static_cast<int64_t>(ir::info(t).max) - 1;
    expect_jit_matches_interpreter([&] { return kiln::full({3}, min, t) % kiln::full({3}, -1, t); });
    for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
      if (b == debug::Backend::Jit && !debug::jit_available()) continue;
      testing::BackendScope scope(b);
      EXPECT_EQ((kiln::full({2}, min, t) % kiln::full({2}, -1, t)).sum().item<int64_t>(), 0);
      EXPECT_EQ(kiln::tensor({3, -3, 1, -1, 0}, t).pow(kiln::tensor({-1, -3, -2, -3, -1}, t)).sum().item<int64_t>(),
                0);
    }
  }
  expect_jit_matches_interpreter([] { return kiln::tensor({3, -3, 7}).pow(63); });
  expect_jit_matches_interpreter([] { return kiln::tensor({3, -3, 7}, kInt8).pow(kiln::tensor({7, 5, 3}, kInt8)); });
}

TEST(MixedDtypes, SumOfIntIsInt64) {
  expect_jit_matches_interpreter([] { return make_tensor({3, 5}, kInt32, wobble).sum(); });
}

// Comparisons and maximum/minimum as PyTorch computes them (values from
// torch 1.13): NaN compares false except with !=, and propagates through
// maximum/minimum; the comparison happens in the promoted dtype.
TEST(Comparisons, PyTorchSemantics) {
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    double nan = std::numeric_limits<double>::quiet_NaN();
    Tensor x = kiln::tensor({1.0, nan, -0.0, 3.0});
    Tensor y = kiln::tensor({1.0, 1.0, 0.0, nan});
    EXPECT_EQ((x == y).str(), "tensor([ True, False,  True, False])");
    EXPECT_EQ((x != y).str(), "tensor([False,  True, False,  True])");
    EXPECT_EQ((x < y).str(), "tensor([False, False, False, False])");
    EXPECT_EQ(kiln::maximum(x, y).str(), "tensor([1., nan, -0., nan])");
    EXPECT_EQ(kiln::minimum(x, y).str(), "tensor([1., nan, -0., nan])");
    EXPECT_EQ((kiln::tensor({1, 2}) == 1.5).str(), "tensor([False, False])");
    EXPECT_EQ((kiln::tensor({1, 2}) < 1.5).str(), "tensor([ True, False])");
    EXPECT_EQ((kiln::tensor({200}, kUInt8) > kiln::tensor({-1}, kInt8)).str(), "tensor([True])");
    EXPECT_EQ((kiln::tensor({true, false}) == kiln::tensor({true, true})).str(), "tensor([ True, False])");
    EXPECT_EQ(kiln::maximum(kiln::tensor({1, 5}, kInt32), kiln::tensor({3, 2}, kInt64)).str(), "tensor([3, 5])");
    EXPECT_EQ(kiln::tensor({1.5, -2.0}, kFloat16).lt(0).str(), "tensor([False,  True])");
  }
}

// Unary math as PyTorch computes it (torch 1.13): relu keeps -0.0 and NaN,
// sign of NaN is 0, round is half-to-even, integers sqrt in float32.
TEST(UnaryMath, PyTorchSemantics) {
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    Tensor x = kiln::tensor({-0.0, nan, 2.5, -2.5, 0.5, 1.5, -1.7, inf});
    EXPECT_EQ(x.relu().str(), "tensor([-0.0000,    nan, 2.5000, 0.0000, 0.5000, 1.5000, 0.0000,    inf])");
    EXPECT_EQ(x.sign().str(), "tensor([ 0.,  0.,  1., -1.,  1.,  1., -1.,  1.])");
    EXPECT_EQ(x.round().str(), "tensor([-0., nan,  2., -2.,  0.,  2., -2., inf])");
    EXPECT_EQ(x.floor().str(), "tensor([-0., nan,  2., -3.,  0.,  1., -2., inf])");
    EXPECT_EQ(x.ceil().str(), "tensor([-0., nan,  3., -2.,  1.,  2., -1., inf])");
    EXPECT_EQ(x.abs().str(), "tensor([0.0000,    nan, 2.5000, 2.5000, 0.5000, 1.5000, 1.7000,    inf])");
    EXPECT_EQ(kiln::sqrt(kiln::tensor({4, 2})).str(), "tensor([2.0000, 1.4142])");
    EXPECT_EQ(kiln::tensor({4.0, 0.0, -1.0}).rsqrt().str(), "tensor([0.5000,    inf,    nan])");
    EXPECT_EQ(kiln::tensor({INT64_MIN}).abs().str(), "tensor([-9223372036854775808])");
    EXPECT_EQ(kiln::tensor({-3, 4}).relu().str(), "tensor([0, 4])");
    EXPECT_EQ(kiln::tensor({-3, 0, 4}).sign().str(), "tensor([-1,  0,  1])");
    EXPECT_EQ(kiln::tensor({3}, kInt32).round().str(), "tensor([3], dtype=torch.int32)");
  }
  EXPECT_THROW((void)kiln::tensor({true}).abs(), Error);
}

// Sources are graph nodes too: constants and ramps compiled into kernels.
TEST(Sources, Factories) {
  expect_jit_matches_interpreter([] { return kiln::zeros({3, 4}); });
  expect_jit_matches_interpreter([] { return kiln::ones({2, 3}, kiln::kInt64); });
  expect_jit_matches_interpreter([] { return kiln::full({5}, 2.5); });
  expect_jit_matches_interpreter([] { return kiln::full({}, 7); });
  expect_jit_matches_interpreter([] { return kiln::arange(10); });
  expect_jit_matches_interpreter([] { return kiln::arange(1, 11, 3); });
  expect_jit_matches_interpreter([] { return kiln::arange(-1.0, 1.0, 0.1); });
  expect_jit_matches_interpreter([] { return kiln::arange(5, 0, -2); });
  expect_jit_matches_interpreter([] { return kiln::arange(0.0, 1.0, 1.0 / 3); });
  expect_jit_matches_interpreter([] { return kiln::arange(0, 100000).sum(); });
  expect_jit_matches_interpreter([] { return kiln::arange(4.0) + kiln::ones({3, 4}); });
}

TEST(Sources, WrappingIntegerArithmetic) {
  // int64 overflow wraps in both engines (two's complement), as in PyTorch.
  expect_jit_matches_interpreter([] { return kiln::full({3}, INT64_MAX) + 1; });
  expect_jit_matches_interpreter([] { return kiln::full({3}, INT64_MIN) * -1; });
}

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

// Float32 sums accumulate in float64 in both engines: a float accumulator
// stalls at 2^24 (adding 1 no longer changes it); PyTorch's cascade sum
// gets 2^25 here, and so must kiln.
TEST(Sums, Float32SumsDoNotStallAt2To24) {
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    EXPECT_EQ(kiln::ones({int64_t{1} << 25}).sum().item<double>(), 33554432.0);
  }
}

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

// Reductions ending in an epilogue (fuse rule 8) compute what the
// reduction stored and then read back would: every reduce op, dtype casts
// in and out of the accumulator, arg reductions' positions, and an
// epilogue reading other operands at the output index.
TEST(Epilogues, MatchTheInterpreter) {
  Tensor x = testing::make_tensor({6, 7}, kFloat32, [](int64_t i) { return std::sin(static_cast<double>(i)) * 5; });
  Tensor i = testing::make_tensor({6, 7}, kInt32, [](int64_t k) { return static_cast<double>(k % 9) - 4; });
  Tensor row = testing::make_tensor({6}, kFloat32, [](int64_t k) { return static_cast<double>(k) / 3; });
  expect_jit_matches_interpreter([&] { return x.sum(1) * 2 + 1; });
  expect_jit_matches_interpreter([&] { return x.mean(1); });
  expect_jit_matches_interpreter([&] { return x.amax(1).relu() - row; });
  expect_jit_matches_interpreter([&] { return x.amin(0, true).exp(); });
  expect_jit_matches_interpreter([&] { return x.prod(1) / row; });
  expect_jit_matches_interpreter([&] { return x.argmax(1) * 3 + 1; });
  expect_jit_matches_interpreter([&] { return (i.sum(1) + 1) * i.sum(1).sign(); });
  expect_jit_matches_interpreter([&] { return i.sum(1).to(kFloat16) / 3; });
  expect_jit_matches_interpreter([&] { return x.sum() > 0; });
}

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

// Large reductions into few values run in two steps on the JIT
// (split-reductions); the interpreter reduces in one. Max and min and
// integer sums are exact in any order; float32 sums keep float64 partials,
// so they round to the same float32.
TEST(SplitReductions, MatchTheInterpreter) {
  Tensor x = testing::make_tensor({256, 1024}, kFloat32, [](int64_t i) { return std::sin(static_cast<double>(i)); });
  Tensor i = testing::make_tensor({1 << 17}, kInt32, [](int64_t k) { return static_cast<double>(k % 1001) - 500; });
  EXPECT_EQ(debug::kernel_plan({x.sum()}).size(), 2u);
  expect_jit_matches_interpreter([&] { return x.sum(); });
  expect_jit_matches_interpreter([&] { return x.mean(); });
  expect_jit_matches_interpreter([&] { return x.amax(); });
  expect_jit_matches_interpreter([&] { return x.amin({0, 1}, true); });
  expect_jit_matches_interpreter([&] { return x.sum(0).sum(); });
  expect_jit_matches_interpreter([&] { return i.sum(); });
  expect_jit_matches_interpreter([&] { return i.max(); });
  expect_jit_matches_interpreter([&] { return x.to(kFloat64).sum(); }, 1e-15);
}

}  // namespace
}  // namespace kiln
