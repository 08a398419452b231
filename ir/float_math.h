// float32 exp, log, log2 and tanh without libm, branch-free, for the interpreter
// and the constant folder. codegen/llvm/alu_float_math.cpp emits the very same
// sequence of IEEE operations (every fma explicit, rint for rounding to an
// integer, integer bit operations for 2^k and the exponent, selects for
// the special cases), so both engines agree bit for bit while the JIT's
// loop vectorizer can widen them: a libm call per element cannot be.
// All are within 1 ulp of the correctly rounded result
// (tests/unit/float_math_test.cpp sweeps the float range), the bar of
// Sleef's 1.0-ulp functions that PyTorch's vectorized CPU kernels use.
// The project compiles with -ffp-contract=off: no multiply-add here is fused
// unless written as std::fma (llvm.fma there); std::rint is llvm.rint and
// each ?: a select. float64 stays with libm (ir/scalar_ops.h).
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>

namespace kiln::ir::float_math {

// ln 2 split for Cody-Waite reduction: kLn2Hi has 15 significant bits, so
// k * kLn2Hi is exact for every |k| < 256 (x - k ln2 loses nothing there).
inline constexpr float kLn2Hi = 0.693145751953125f;
inline constexpr float kLn2Lo = 1.428606765330187045e-06f;
inline constexpr float kLog2e = 1.44269504088896341f;

// exp's inputs are clamped to [kExpMin, kExpMax] before the reduction, which
// keeps k = rint(x / ln 2) in [-150, 128]: beyond either end the result is
// already inf (exp(88.73) > FLT_MAX) or 0 (exp(-103.98) < 2^-150), and the
// clamped input still computes exactly that.
inline constexpr float kExpMax = 89.0f;
inline constexpr float kExpMin = -104.0f;

// Degree-5 minimax fit (Cephes expf) of (e^r - 1 - r) / r^2 on
// |r| <= ln2 / 2, highest degree first.
inline constexpr float kExpPoly[] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
                                     4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

// log1p(f) = f - f^2/2 + s (f^2/2 + R(s^2)) with s = f / (2 + f)
// (fdlibm's logf): R's coefficients, odd then even terms as in fdlibm.
inline constexpr float kLg1 = 0.66666662693f;
inline constexpr float kLg2 = 0.40000972152f;
inline constexpr float kLg3 = 0.28498786688f;
inline constexpr float kLg4 = 0.24279078841f;
// Mantissas are reduced to [sqrt(2)/2, sqrt(2)): the bit pattern of
// sqrt(2)/2, rounded to float.
inline constexpr uint32_t kSqrtHalfBits = 0x3f3504f3u;
inline constexpr float kMinNormal = 0x1p-126f;
inline constexpr float kDenormalScale = 0x1p23f;

// 2^k for k in [-126, 127], built from its exponent field.
inline float pow2i(int32_t k) { return std::bit_cast<float>(static_cast<uint32_t>(k + 127) << 23); }

// x = k ln2 + r with |r| <= ln2/2 (Cody-Waite, exact), and e^r - 1 by the
// polynomial: e^x = 2^k (1 + u).
struct ExpParts {
  float kf;  // k
  float u;   // e^r - 1
};

inline ExpParts exp_parts(float x) {
  ExpParts e;
  e.kf = std::rint(x * kLog2e);
  float r = std::fma(e.kf, -kLn2Hi, x);
  r = std::fma(e.kf, -kLn2Lo, r);
  float p = kExpPoly[0];
  for (size_t i = 1; i < std::size(kExpPoly); ++i) p = std::fma(p, r, kExpPoly[i]);
  e.u = std::fma(r * r, p, r);
  return e;
}

inline float exp(float x) {
  // Clamp (select): NaN compares false and lands on kExpMax, fixed at the end.
  float xc = x < kExpMax ? x : kExpMax;
  xc = xc > kExpMin ? xc : kExpMin;
  ExpParts e = exp_parts(xc);
  // (1 + u) 2^k, scaled in two halves: 2^k alone is out of float's range
  // at both ends, and the second multiply rounds once into the denormals.
  int32_t k = static_cast<int32_t>(e.kf);
  int32_t k1 = k >> 1;
  float y = (e.u + 1.0f) * pow2i(k1) * pow2i(k - k1);
  return x != x ? x : y;
}

// tanh(a) for a >= kTanhSmall is 1 - 2 / (expm1(2a) + 2), with expm1 =
// 2^k u + (2^k - 1) in one fma (2^k - 1 is exact, or its rounding is far
// below the result's ulp); below, where that cancels, a + a^3 P(a^2)
// (a least-squares fit on [0, kTanhSmall], highest degree first). From
// kTanhBig on, tanh rounds to 1, which the clamped input computes.
inline constexpr float kTanhSmall = 0.5625f;
inline constexpr float kTanhBig = 9.5f;
inline constexpr float kTanhPoly[] = {0.002489878563210368f, -0.008501044474542141f, 0.021812401711940765f,
                                      -0.05396411940455437f, 0.133333221077919f,    -0.3333333432674408f};

inline float tanh(float x) {
  float a = std::fabs(x);
  float ac = a < kTanhBig ? a : kTanhBig;  // NaN too, fixed at the end
  ExpParts e = exp_parts(ac + ac);
  float scale = pow2i(static_cast<int32_t>(e.kf));
  float expm1 = std::fma(scale, e.u, scale - 1.0f);
  float big = 1.0f - 2.0f / (expm1 + 2.0f);
  float z = a * a;
  float p = kTanhPoly[0];
  for (size_t i = 1; i < std::size(kTanhPoly); ++i) p = std::fma(p, z, kTanhPoly[i]);
  float small = std::fma(a * z, p, a);
  float t = std::copysign(a < kTanhSmall ? small : big, x);
  return x != x ? x : t;
}

// log and log2 share fdlibm's reduction: x = 2^k (1 + f) with 1 + f in
// [sqrt(2)/2, sqrt(2)), log1p(f) = f - hfsq + s (hfsq + r).
struct LogParts {
  float kf;    // k
  float f;     // 1 + f is the reduced mantissa, exactly
  float s;     // f / (2 + f)
  float hfsq;  // f^2 / 2
  float r;     // R(s^2)
};

inline LogParts log_parts(float x) {
  // Denormals scale into the normals first (exactly); their exponent
  // makes up for it.
  bool denormal = x < kMinNormal;
  float xs = denormal ? x * kDenormalScale : x;
  // Adding 1.0 - sqrt(2)/2 to the bits carries into the exponent exactly
  // when the mantissa is at least sqrt(2)/2's.
  uint32_t ix = std::bit_cast<uint32_t>(xs) + (0x3f800000u - kSqrtHalfBits);
  int32_t k = static_cast<int32_t>(ix >> 23) - 127 - (denormal ? 23 : 0);
  LogParts p;
  p.f = std::bit_cast<float>((ix & 0x007fffffu) + kSqrtHalfBits) - 1.0f;  // exact
  p.s = p.f / (2.0f + p.f);
  float z = p.s * p.s;
  float w = z * z;
  p.r = z * std::fma(w, kLg3, kLg1) + w * std::fma(w, kLg4, kLg2);
  p.hfsq = 0.5f * p.f * p.f;
  p.kf = static_cast<float>(k);
  return p;
}

// The special inputs, whose reduction above is meaningless (selects): NaN
// and negatives give NaN, ±0 gives -inf, inf gives inf.
inline float log_specials(float x, float y) {
  y = x == std::numeric_limits<float>::infinity() ? x : y;
  y = x == 0.0f ? -std::numeric_limits<float>::infinity() : y;
  return x >= 0.0f ? y : std::numeric_limits<float>::quiet_NaN();
}

inline float log(float x) {
  LogParts p = log_parts(x);
  float y = p.kf * kLn2Hi - ((p.hfsq - std::fma(p.s, p.hfsq + p.r, p.kf * kLn2Lo)) - p.f);
  return log_specials(x, y);
}

// 1/ln 2 split (fdlibm's log2f): kInvLn2Hi has 12 significant bits.
inline constexpr float kInvLn2Hi = 1.4428710938e+00f;
inline constexpr float kInvLn2Lo = -1.7605285393e-04f;

// log2 = k + log1p(f) / ln 2, with log1p(f) as hi + lo where hi keeps 12
// bits (its products with kInvLn2Hi are exact) and k added last, exactly
// for powers of two.
inline float log2(float x) {
  LogParts p = log_parts(x);
  float hi = std::bit_cast<float>(std::bit_cast<uint32_t>(p.f - p.hfsq) & 0xfffff000u);
  float lo = std::fma(p.s, p.hfsq + p.r, (p.f - hi) - p.hfsq);
  float y_hi = hi * kInvLn2Hi;
  float y_lo = std::fma(lo + hi, kInvLn2Lo, lo * kInvLn2Hi);
  float t = p.kf + y_hi;
  y_lo = y_lo + ((p.kf - t) + y_hi);
  return log_specials(x, y_lo + t);
}

}  // namespace kiln::ir::float_math
