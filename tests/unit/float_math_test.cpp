// ir/float_math.h's float exp, log, log2 and tanh: within 1 ulp of the correctly
// rounded result (double libm rounded to float) over a dense sweep of the
// float range, exact at the special values, and computed bit for bit the
// same by the JIT's inline IR and the interpreter.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "ir/float_math.h"
#include "test_util.h"

namespace kiln {
namespace {

namespace fm = ir::float_math;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// How many floats lie between a and b (0 when both are NaN); signed zeros
// are one apart, which the functions below never produce for each other.
int64_t ulps_apart(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  // Map the sign-magnitude bit patterns onto a line that orders like floats.
  auto line = [](float v) {
    int64_t bits = std::bit_cast<uint32_t>(v);
    return bits & 0x80000000 ? 0x80000000 - bits : bits;
  };
  return std::llabs(line(a) - line(b));
}

// Every `step`th float bit pattern in [from, to] (as unsigned patterns)
// through `f` against `reference` rounded to float; the largest error and
// where it is.
template <typename F, typename R>
void expect_within_one_ulp(const char* name, uint32_t from, uint32_t to, uint32_t step, F f, R reference) {
  int64_t worst = 0;
  float worst_x = 0;
  for (uint64_t bits = from; bits <= to; bits += step) {
    float x = std::bit_cast<float>(static_cast<uint32_t>(bits));
    int64_t err = ulps_apart(f(x), static_cast<float>(reference(static_cast<double>(x))));
    if (err > worst) worst = err, worst_x = x;
  }
  EXPECT_LE(worst, 1) << name << " is " << worst << " ulp off at " << std::hexfloat << worst_x;
}

// 97 is prime: the sweep visits every low-bit pattern of the mantissa.
constexpr uint32_t kStep = 97;

TEST(FloatMath, ExpWithinOneUlp) {
  auto exp = [](float x) { return fm::exp(x); };
  auto ref = [](double x) { return std::exp(x); };
  // Positive then negative floats up to |x| = 105, past both ends of the
  // finite, nonzero results (denormal inputs included).
  expect_within_one_ulp("exp", 0, std::bit_cast<uint32_t>(105.0f), kStep, exp, ref);
  expect_within_one_ulp("exp", 0x80000000u, std::bit_cast<uint32_t>(-105.0f), kStep, exp, ref);
  // Around the overflow and underflow thresholds, every float.
  expect_within_one_ulp("exp", std::bit_cast<uint32_t>(88.7f), std::bit_cast<uint32_t>(88.8f), 1, exp, ref);
  expect_within_one_ulp("exp", std::bit_cast<uint32_t>(-103.9f), std::bit_cast<uint32_t>(-104.0f), 1, exp, ref);
}

TEST(FloatMath, LogWithinOneUlp) {
  auto log = [](float x) { return fm::log(x); };
  auto ref = [](double x) { return std::log(x); };
  // Every positive finite float's neighborhood, denormals included.
  expect_within_one_ulp("log", 1, 0x7f7fffffu, kStep, log, ref);
  expect_within_one_ulp("log", 1, 0x00100000u, 1, log, ref);  // the smallest denormals
  expect_within_one_ulp("log", std::bit_cast<uint32_t>(0.99f), std::bit_cast<uint32_t>(1.01f), 1, log, ref);
}

TEST(FloatMath, Log2WithinOneUlp) {
  auto log2 = [](float x) { return fm::log2(x); };
  auto ref = [](double x) { return std::log2(x); };
  expect_within_one_ulp("log2", 1, 0x7f7fffffu, kStep, log2, ref);
  expect_within_one_ulp("log2", 1, 0x00100000u, 1, log2, ref);
  expect_within_one_ulp("log2", std::bit_cast<uint32_t>(0.99f), std::bit_cast<uint32_t>(1.01f), 1, log2, ref);
}

TEST(FloatMath, TanhWithinOneUlp) {
  auto tanh = [](float x) { return fm::tanh(x); };
  auto ref = [](double x) { return std::tanh(x); };
  // Both signs, from the denormals to past where tanh rounds to ±1.
  expect_within_one_ulp("tanh", 0, std::bit_cast<uint32_t>(12.0f), kStep, tanh, ref);
  expect_within_one_ulp("tanh", 0x80000000u, std::bit_cast<uint32_t>(-12.0f), kStep, tanh, ref);
  // Around the switch from the polynomial to expm1, every float.
  expect_within_one_ulp("tanh", std::bit_cast<uint32_t>(0.55f), std::bit_cast<uint32_t>(0.575f), 1, tanh, ref);
}

TEST(FloatMath, ExpSpecialValues) {
  EXPECT_EQ(fm::exp(0.0f), 1.0f);
  EXPECT_EQ(fm::exp(-0.0f), 1.0f);
  EXPECT_EQ(fm::exp(kInf), kInf);
  EXPECT_EQ(std::bit_cast<uint32_t>(fm::exp(-kInf)), 0u);
  EXPECT_TRUE(std::isnan(fm::exp(kNaN)));
  EXPECT_EQ(fm::exp(88.72283f), 0x1.ffff08p+127f);  // the largest finite result
  EXPECT_EQ(fm::exp(88.72284f), kInf);
  EXPECT_EQ(fm::exp(-103.972f), 0x1p-149f);  // the smallest denormal
  EXPECT_EQ(fm::exp(-103.98f), 0.0f);
  EXPECT_EQ(fm::exp(1e-45f), 1.0f);
}

TEST(FloatMath, LogSpecialValues) {
  EXPECT_EQ(fm::log(1.0f), 0.0f);
  EXPECT_EQ(fm::log(0.0f), -kInf);
  EXPECT_EQ(fm::log(-0.0f), -kInf);
  EXPECT_EQ(fm::log(kInf), kInf);
  EXPECT_TRUE(std::isnan(fm::log(-kInf)));
  EXPECT_TRUE(std::isnan(fm::log(-1.0f)));
  EXPECT_TRUE(std::isnan(fm::log(-1e-45f)));
  EXPECT_TRUE(std::isnan(fm::log(kNaN)));
  EXPECT_EQ(fm::log(0x1p-149f), static_cast<float>(-149 * std::log(2.0)));
  EXPECT_EQ(fm::log(0x1p127f), static_cast<float>(127 * std::log(2.0)));
}

TEST(FloatMath, TanhSpecialValues) {
  EXPECT_EQ(std::bit_cast<uint32_t>(fm::tanh(0.0f)), 0u);
  EXPECT_EQ(std::bit_cast<uint32_t>(fm::tanh(-0.0f)), 0x80000000u);
  EXPECT_EQ(fm::tanh(kInf), 1.0f);
  EXPECT_EQ(fm::tanh(-kInf), -1.0f);
  EXPECT_EQ(fm::tanh(1e30f), 1.0f);
  EXPECT_EQ(fm::tanh(0x1p-149f), 0x1p-149f);
  EXPECT_TRUE(std::isnan(fm::tanh(kNaN)));
}

TEST(FloatMath, Log2SpecialValues) {
  EXPECT_EQ(fm::log2(0.0f), -kInf);
  EXPECT_EQ(fm::log2(-0.0f), -kInf);
  EXPECT_EQ(fm::log2(kInf), kInf);
  EXPECT_TRUE(std::isnan(fm::log2(-2.0f)));
  EXPECT_TRUE(std::isnan(fm::log2(kNaN)));
  // Powers of two, denormal ones included, are exact.
  for (int k = -149; k <= 127; ++k) EXPECT_EQ(fm::log2(std::ldexp(1.0f, k)), static_cast<float>(k)) << k;
}

// Float values of every magnitude: the specials, bit patterns spread over
// the whole range, then a dense ramp across exp's interesting inputs.
double varied(int64_t i) {
  const float specials[] = {0.0f, -0.0f, kInf, -kInf, kNaN, 0x1p-149f, -0x1p-149f, 0x1p-127f, 0x1p-126f,
                            88.72283f, 88.72284f, -103.972f, -103.98f, 1.0f, -1.0f, 0x1.fffffep127f};
  constexpr int64_t kSpecials = sizeof(specials) / sizeof(specials[0]);
  if (i < kSpecials) return specials[i];
  if (i % 2) return std::bit_cast<float>(static_cast<uint32_t>(i * 2654435761u));
  return -110.0 + 220.0 * static_cast<double>(i) / 100003.0;
}

TEST(FloatMath, JitMatchesInterpreterBitForBit) {
  // Not a multiple of any vector width: the loops' remainders run too.
  Tensor x = testing::make_tensor({100003}, kFloat32, varied);
  // bfloat16 computes in float (float16 has no exp in PyTorch 1.13).
  for (ScalarType t : {kFloat32, kBFloat16}) {
    SCOPED_TRACE(::testing::Message() << t);
    Tensor xt = x.to(t);
    testing::expect_jit_matches_interpreter([&] { return xt.exp(); });
    testing::expect_jit_matches_interpreter([&] { return xt.log(); });
    testing::expect_jit_matches_interpreter([&] { return kiln::log2(xt); });
    testing::expect_jit_matches_interpreter([&] { return xt.sigmoid(); });
    testing::expect_jit_matches_interpreter([&] { return xt.tanh(); });
    testing::expect_jit_matches_interpreter([&] { return (xt * 0.5).exp().log(); });
  }
}

}  // namespace
}  // namespace kiln
