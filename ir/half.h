// IEEE binary16 ("half") and bfloat16 <-> float conversions, matching
// PyTorch's scalar c10::Half / c10::BFloat16 bit for bit on every non-NaN
// value (NaN handling is described per function). Header-only and
// dependency-free so that any layer of kiln (IR constant folding, runtime,
// printing) can use it.
//
// All conversions are pure integer bit manipulation: they do not depend on
// the floating-point environment (rounding mode, FTZ/DAZ flags).
#ifndef KILN_IR_HALF_H
#define KILN_IR_HALF_H

#include <bit>
#include <cstdint>

namespace kiln::ir {

// Every half value is exactly representable as a float, so this is exact.
// NaN keeps its sign and payload (shifted into the float's upper mantissa
// bits); a signalling NaN stays signalling since no arithmetic is involved.
inline float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1fu;
  std::uint32_t mant = h & 0x3ffu;
  std::uint32_t bits;
  if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);  // inf or NaN
  } else if (exp != 0) {
    // Normal: rebias the exponent from 15 to 127.
    bits = sign | ((exp + (127 - 15)) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;  // +-0
  } else {
    // Subnormal half (mant * 2^-24) is a normal float: shift the mantissa
    // until its leading one reaches the implicit-bit position (bit 10).
    std::uint32_t float_exp = 127 - 15 + 1;
    while ((mant & 0x400u) == 0) {
      mant <<= 1;
      --float_exp;
    }
    bits = sign | (float_exp << 23) | ((mant & 0x3ffu) << 13);
  }
  return std::bit_cast<float>(bits);
}

// Round to nearest, ties to even. Overflow (|f| >= 65520) gives inf; NaN
// gives a quiet NaN with the input's sign and no payload (0x7e00 | sign), which
// is what both c10::Half and PyTorch's CPU conversion kernels produce.
inline std::uint16_t float_to_half(float f) {
  const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
  const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
  const std::uint32_t ax = x & 0x7fffffffu;
  if (ax > 0x7f800000u) return sign | 0x7e00u;  // NaN
  // 65520 = 0x477ff000 is the midpoint between 65504 (the largest half, odd
  // mantissa) and 65536; ties go to the even neighbour, which is inf.
  if (ax >= 0x477ff000u) return sign | 0x7c00u;
  if (ax >= 0x38800000u) {
    // Result is a normal half (|f| >= 2^-14). Rebias the exponent in place,
    // then round away the low 13 mantissa bits. A carry out of the mantissa
    // correctly bumps the exponent.
    std::uint32_t r = ax - ((127u - 15u) << 23);
    r += 0x0fffu + ((r >> 13) & 1u);
    return sign | static_cast<std::uint16_t>(r >> 13);
  }
  // Result is a half subnormal or zero: q = round(|f| / 2^-24).
  // |f| <= 2^-25 (0x33000000) is at most half an ulp and rounds to (even) 0.
  if (ax <= 0x33000000u) return sign;
  const std::uint32_t exp = ax >> 23;  // 102..112 here
  const std::uint32_t mant = (ax & 0x7fffffu) | 0x800000u;
  // |f| = mant * 2^(exp - 150), so |f| / 2^-24 = mant >> (126 - exp).
  const std::uint32_t shift = 126 - exp;  // 14..24
  std::uint32_t q = mant >> shift;
  const std::uint32_t rem = mant & ((1u << shift) - 1);
  const std::uint32_t halfway = 1u << (shift - 1);
  // Rounding up may carry q to 0x400, which is exactly the encoding of the
  // smallest normal half: no special case needed.
  if (rem > halfway || (rem == halfway && (q & 1u) != 0)) ++q;
  return sign | static_cast<std::uint16_t>(q);
}

// bfloat16 is the top half of a float, so widening is a shift.
inline float bfloat16_to_float(std::uint16_t b) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16);
}

// Round to nearest even like c10::BFloat16(float) (round_to_nearest_even):
// NaN becomes the canonical quiet NaN 0x7fc0. Overflow rounds to inf through
// the carry, exactly as in c10.
inline std::uint16_t float_to_bfloat16(float f) {
  const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return 0x7fc0u;
  const std::uint32_t rounding_bias = 0x7fffu + ((x >> 16) & 1u);
  return static_cast<std::uint16_t>((x + rounding_bias) >> 16);
}

}  // namespace kiln::ir

#endif  // KILN_IR_HALF_H
