// ir/half.h: exhaustive round trips and tie rounding over every 16-bit
// pattern, plus a table of conversions computed with PyTorch 1.13.
#include "ir/half.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace kiln::ir {
namespace {

float from_bits(uint32_t bits) { return std::bit_cast<float>(bits); }

TEST(Half, KnownValuesToFloat) {
  EXPECT_EQ(half_to_float(0x3c00), 1.0f);
  EXPECT_EQ(half_to_float(0xc000), -2.0f);
  EXPECT_EQ(half_to_float(0x7bff), 65504.0f);
  EXPECT_EQ(half_to_float(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(half_to_float(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_EQ(half_to_float(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(half_to_float(0xfc00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::signbit(half_to_float(0x8000)));
  EXPECT_EQ(half_to_float(0x8000), 0.0f);
  EXPECT_TRUE(std::isnan(half_to_float(0x7e00)));
  EXPECT_TRUE(std::isnan(half_to_float(0x7c01)));  // signalling NaN stays NaN
}

TEST(Half, EveryHalfRoundTrips) {
  for (uint32_t h = 0; h <= 0xffff; ++h) {
    const auto half = static_cast<uint16_t>(h);
    const float f = half_to_float(half);
    if ((half & 0x7fff) > 0x7c00) {
      ASSERT_TRUE(std::isnan(f)) << std::hex << h;
      // NaNs come back as the quiet NaN of the same sign.
      ASSERT_EQ(float_to_half(f), (half & 0x8000) | 0x7e00) << std::hex << h;
    } else {
      ASSERT_EQ(float_to_half(f), half) << std::hex << h;
    }
  }
}

// Between two adjacent halves, the midpoint goes to the one with the even
// mantissa and anything off the midpoint to the nearer one. Float has 13 more
// mantissa bits than half, so the midpoint and its float neighbours are exact.
TEST(Half, RoundsToNearestEvenEverywhere) {
  for (uint16_t h = 0; h < 0x7bff; ++h) {
    const float lo = half_to_float(h);
    const float hi = half_to_float(static_cast<uint16_t>(h + 1));
    const float mid = (lo + hi) / 2;
    const uint16_t even = (h & 1) == 0 ? h : static_cast<uint16_t>(h + 1);
    ASSERT_EQ(float_to_half(mid), even) << std::hex << h;
    ASSERT_EQ(float_to_half(-mid), even | 0x8000) << std::hex << h;
    ASSERT_EQ(float_to_half(std::nextafter(mid, 0.0f)), h) << std::hex << h;
    ASSERT_EQ(float_to_half(std::nextafter(mid, 1e9f)), h + 1) << std::hex << h;
  }
  // Past the largest half, 65504: the midpoint towards 65536 rounds to inf.
  EXPECT_EQ(float_to_half(65520.0f), 0x7c00);
  EXPECT_EQ(float_to_half(std::nextafter(65520.0f, 0.0f)), 0x7bff);
  EXPECT_EQ(float_to_half(-1e10f), 0xfc00);
}

TEST(BFloat16, EveryBFloat16RoundTripsAndTiesGoToEven) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const auto bf = static_cast<uint16_t>(b);
    const float f = bfloat16_to_float(bf);
    ASSERT_EQ(std::bit_cast<uint32_t>(f), b << 16);
    if ((bf & 0x7fff) > 0x7f80) {
      ASSERT_EQ(float_to_bfloat16(f), 0x7fc0) << std::hex << b;
      continue;
    }
    ASSERT_EQ(float_to_bfloat16(f), bf) << std::hex << b;
    if ((bf & 0x7fff) >= 0x7f80) continue;  // no midpoint above inf
    // The midpoint to the next pattern (same sign, larger magnitude).
    const uint32_t mid = (b << 16) | 0x8000u;
    const uint16_t even = (bf & 1) == 0 ? bf : static_cast<uint16_t>(bf + 1);
    ASSERT_EQ(float_to_bfloat16(from_bits(mid)), even) << std::hex << b;
    ASSERT_EQ(float_to_bfloat16(from_bits(mid - 1)), bf) << std::hex << b;
    ASSERT_EQ(float_to_bfloat16(from_bits(mid + 1)), bf + 1) << std::hex << b;
  }
}

// float bits -> half bits and bfloat16 bits, from PyTorch 1.13:
// torch.tensor(x).half() / .bfloat16() on float32 scalars.
struct TorchCase {
  uint32_t f32;
  uint16_t f16;
  uint16_t bf16;
};

constexpr TorchCase kTorchCases[] = {
    {0x3dcccccd, 0x2e66, 0x3dcd},  // 0.1
    {0x3eaaaaab, 0x3555, 0x3eab},  // 1/3
    {0x477fefff, 0x7bff, 0x4780},  // 65519.996
    {0x477ff000, 0x7c00, 0x4780},  // 65520: half overflows by rounding
    {0x477fe000, 0x7bff, 0x4780},  // 65504: largest half
    {0x322bcc77, 0x0000, 0x322c},  // 1e-8: half underflows to 0
    {0x33000000, 0x0000, 0x3300},  // 2^-25: tie between 0 and the smallest subnormal
    {0x33000001, 0x0001, 0x3300},  // just above that tie
    {0x337fffff, 0x0001, 0x3380},  // just below 2^-24
    {0x38800000, 0x0400, 0x3880},  // 2^-14: smallest normal half
    {0x387fc000, 0x03ff, 0x3880},  // largest subnormal half
    {0x387fe000, 0x0400, 0x3880},  // tie: subnormal rounds up into the normals
    {0x387ff000, 0x0400, 0x3880},
    {0x7149f2ca, 0x7c00, 0x714a},  // 1e30
    {0x7f7fffff, 0x7c00, 0x7f80},  // FLT_MAX: bfloat16 rounds to inf too
    {0x80000000, 0x8000, 0x8000},  // -0
    {0x7f800000, 0x7c00, 0x7f80},  // inf
    {0xff800000, 0xfc00, 0xff80},  // -inf
    {0x000116c2, 0x0000, 0x0001},  // float subnormal 1e-40
    {0xc0490fdb, 0xc248, 0xc049},  // -pi
    {0x3f808000, 0x3c04, 0x3f80},  // bfloat16 tie, even below
    {0x3f818000, 0x3c0c, 0x3f82},  // bfloat16 tie, even above
    {0x3f80c000, 0x3c06, 0x3f81},
    {0x3f80a000, 0x3c05, 0x3f81},
};

TEST(HalfAndBFloat16, MatchPyTorch) {
  for (const TorchCase& c : kTorchCases) {
    EXPECT_EQ(float_to_half(from_bits(c.f32)), c.f16) << std::hex << c.f32;
    EXPECT_EQ(float_to_bfloat16(from_bits(c.f32)), c.bf16) << std::hex << c.f32;
  }
}

TEST(HalfAndBFloat16, NaN) {
  const float negative_nan = from_bits(0xffc00000);
  // c10::Half keeps the sign; c10::BFloat16 returns the canonical 0x7fc0.
  // (PyTorch's vectorized CPU float->bfloat16 kernel writes 0xffff instead;
  // kiln follows the scalar type.)
  EXPECT_EQ(float_to_half(negative_nan), 0xfe00);
  EXPECT_EQ(float_to_bfloat16(negative_nan), 0x7fc0);
  EXPECT_EQ(float_to_half(from_bits(0x7f800001)), 0x7e00);  // signalling NaN
  EXPECT_EQ(float_to_bfloat16(from_bits(0x7f800001)), 0x7fc0);
}

}  // namespace
}  // namespace kiln::ir
