#include "runtime/generator.h"

#include <bit>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <type_traits>

#include "ir/half.h"

namespace kiln::runtime {

void CpuGenerator::set_seed(uint64_t seed) {
  seed_ = seed;
  engine_.seed(static_cast<uint32_t>(seed));
  spare_normal_.reset();
}

uint64_t CpuGenerator::random64() {
  uint64_t hi = random();
  return hi << 32 | random();
}

std::optional<double> CpuGenerator::take_spare_normal() {
  std::optional<double> v = spare_normal_;
  spare_normal_.reset();
  return v;
}

CpuGenerator& default_cpu_generator() {
  static CpuGenerator gen([] {
    std::random_device rd;
    uint64_t hi = rd();
    return hi << 32 | rd();
  }());
  return gen;
}

namespace {

// float16 and bfloat16 as c10::Half and c10::BFloat16 compute: arithmetic
// widens to float, storing rounds back.
struct Half {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

float widen(Half h) { return ir::half_to_float(h.bits); }
float widen(BFloat16 h) { return ir::bfloat16_to_float(h.bits); }
double widen(double v) { return v; }

// A value converted to T as C++ and c10 convert it: the 16-bit types round
// through float (c10::Half(float) is their only converting constructor).
template <typename T>
T narrow(double v) {
  if constexpr (std::is_same_v<T, Half>) return Half{ir::float_to_half(static_cast<float>(v))};
  else if constexpr (std::is_same_v<T, BFloat16>) return BFloat16{ir::float_to_bfloat16(static_cast<float>(v))};
  else return static_cast<T>(v);
}

// randint's int64 result converted to the tensor's dtype.
template <typename T>
T from_int64(int64_t v) {
  if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) return narrow<T>(static_cast<float>(v));
  else return static_cast<T>(v);
}

// ATen's uniform_real_distribution on [0, 1): the low `digits` bits of one
// draw (a 64-bit draw for double only), times 2^-digits, in float for every
// type but double. (Its x * (to - from) + from is x itself here.)
template <typename T>
T uniform01(CpuGenerator& g) {
  if constexpr (std::is_same_v<T, double>) {
    return static_cast<double>(g.random64() & ((uint64_t{1} << 53) - 1)) * 0x1p-53;
  } else {
    constexpr int digits = std::is_same_v<T, float> ? 24 : std::is_same_v<T, Half> ? 11 : 8;
    float x = static_cast<float>(g.random() & ((1u << digits) - 1)) * (1.0f / (1u << digits));
    return narrow<T>(x);
  }
}

// ATen's normal_distribution<double>, used for fewer than 16 values: Box-Muller
// on two 53-bit uniforms, cos first; the sin half is kept in the generator
// and returned by the next draw of this kind, even in a later call (only
// manual_seed drops it). PyTorch then adds the mean, 0, which turns -0 into +0.
double normal_scalar(CpuGenerator& g) {
  if (std::optional<double> spare = g.take_spare_normal()) return *spare + 0.0;
  double u1 = uniform01<double>(g);
  double u2 = uniform01<double>(g);
  double radius = std::sqrt(-2.0 * std::log(1.0 - u2));
  double theta = 2.0 * std::numbers::pi * u1;
  g.set_spare_normal(radius * std::sin(theta));
  return radius * std::cos(theta) + 0.0;
}

// c10 overloads std::log, std::sqrt, std::cos and std::sin for BFloat16 (not
// for Half), so for bfloat16 each of their results is rounded to bfloat16.
template <typename T, typename W>
W math_result(W v) {
  if constexpr (std::is_same_v<T, BFloat16>) return widen(narrow<T>(v));
  else return v;
}

// ATen's normal_fill_16 for double, float16 and bfloat16: value j and j + 8
// of a block of 16 uniforms become the cos and sin of one Box-Muller pair,
// with T's own rounding at every step.
template <typename T>
void box_muller_16(T* d) {
  for (int j = 0; j < 8; ++j) {
    const T u1 = narrow<T>(1 - widen(d[j]));  // [0, 1) -> (0, 1] for log
    const T u2 = d[j + 8];
    const T radius = narrow<T>(std::sqrt(-2 * math_result<T>(std::log(widen(u1)))));
    const T theta = narrow<T>(2.0 * std::numbers::pi * widen(u2));
    d[j] = narrow<T>(widen(radius) * math_result<T>(std::cos(widen(theta))) + 0);
    d[j + 8] = narrow<T>(widen(radius) * math_result<T>(std::sin(widen(theta))) + 0);
  }
}

// float32 takes PyTorch's AVX2 kernel, whose log, sin and cos are the Cephes
// single-precision routines of avx_mathfun.h (Pommier's sse_mathfun ported
// to AVX), evaluated step by step in float. Below, the same steps on one
// lane, for the inputs Box-Muller gives them. PyTorch's build (GCC, -mfma,
// contraction on) fuses every multiply whose one use is an add into an FMA;
// std::fma does the same here, the other multiplies round on their own
// (checked against 50M of torch's values).

// The routines' coefficients are written as doubles and rounded to float.
constexpr float f32(double v) { return static_cast<float>(v); }

// log(x) for x in [2^-24, 1] (1 - u with u in [0, 1)), so the routine's
// guards for zero, negative and denormal inputs never fire.
float cephes_log(float x) {
  constexpr float kSqrtHalf = f32(0.707106781186547524);
  constexpr float kP[] = {f32(7.0376836292E-2), f32(-1.1514610310E-1), f32(1.1676998740E-1),
                          f32(-1.2420140846E-1), f32(1.4249322787E-1), f32(-1.6668057665E-1),
                          f32(2.0000714765E-1),  f32(-2.4999993993E-1), f32(3.3333331174E-1)};
  constexpr float kLn2Low = f32(-2.12194440e-4), kLn2High = f32(0.693359375);

  // x = m * 2^e with m in [0.5, 1).
  auto bits = std::bit_cast<uint32_t>(x);
  float e = static_cast<float>(static_cast<int32_t>(bits >> 23) - 127) + 1.0f;
  float m = std::bit_cast<float>((bits & ~0x7f800000u) | std::bit_cast<uint32_t>(0.5f));
  // Below sqrt(1/2), use 2m - 1 and e - 1; else m - 1.
  bool low = m < kSqrtHalf;
  float low_m = low ? m : 0.0f;
  m = m - 1.0f;
  e = e - (low ? 1.0f : 0.0f);
  m = m + low_m;

  float z = m * m;
  float y = kP[0];
  for (int k = 1; k < 9; ++k) y = std::fma(y, m, kP[k]);
  y = y * m;
  y = std::fma(y, z, e * kLn2Low);
  y = std::fma(-z, 0.5f, y);
  return std::fma(e, kLn2High, m + y);
}

// sin(x) and cos(x) for x in [0, 2pi): reduced by multiples of pi/4 in
// extended precision, then the cos or sin polynomial on [-pi/4, pi/4].
void cephes_sincos(float x, float& sin_x, float& cos_x) {
  constexpr float kFourOverPi = f32(1.27323954473516);
  constexpr float kMinusDP1 = f32(-0.78515625), kMinusDP2 = f32(-2.4187564849853515625e-4),
                  kMinusDP3 = f32(-3.77489497744594108e-8);
  constexpr float kSin[] = {f32(-1.9515295891E-4), f32(8.3321608736E-3), f32(-1.6666654611E-1)};
  constexpr float kCos[] = {f32(2.443315711809948E-005), f32(-1.388731625493765E-003),
                            f32(4.166664568298827E-002)};

  // The octant, rounded up to even.
  auto j = static_cast<int32_t>(x * kFourOverPi);
  j = (j + 1) & ~1;
  float y = static_cast<float>(j);
  uint32_t sin_sign = static_cast<uint32_t>(j & 4) << 29;
  uint32_t cos_sign = static_cast<uint32_t>(~(j - 2) & 4) << 29;
  bool sin_from_sin_poly = (j & 2) == 0;

  x = std::fma(y, kMinusDP1, x);
  x = std::fma(y, kMinusDP2, x);
  x = std::fma(y, kMinusDP3, x);
  float z = x * x;

  float yc = std::fma(kCos[0], z, kCos[1]);
  yc = std::fma(yc, z, kCos[2]);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;

  float ys = std::fma(kSin[0], z, kSin[1]);
  ys = std::fma(ys, z, kSin[2]);
  ys = ys * z;
  ys = std::fma(ys, x, x);

  // The routine selects with masks and adds: the unselected side is +0.
  float sin_part_s = sin_from_sin_poly ? ys : 0.0f;
  float sin_part_c = sin_from_sin_poly ? 0.0f : yc;
  float s = sin_part_c + sin_part_s;
  float c = (yc - sin_part_c) + (ys - sin_part_s);
  sin_x = std::bit_cast<float>(std::bit_cast<uint32_t>(s) ^ sin_sign);
  cos_x = std::bit_cast<float>(std::bit_cast<uint32_t>(c) ^ cos_sign);
}

// normal_fill_16_AVX2 on one block of 16 float uniforms.
void box_muller_16_f32(float* d) {
  const auto two_pi = static_cast<float>(2.0 * std::numbers::pi);
  for (int j = 0; j < 8; ++j) {
    float u1 = 1.0f - d[j];
    float u2 = d[j + 8];
    float radius = std::sqrt(-2.0f * cephes_log(u1));
    float s, c;
    cephes_sincos(two_pi * u2, s, c);
    // fmadd(n, std = 1, mean = 0): exact, but -0 becomes +0.
    d[j] = radius * c + 0.0f;
    d[j + 8] = radius * s + 0.0f;
  }
}

// ATen's normal_fill, used from 16 values up: all n uniforms first, then
// Box-Muller per block of 16. A partial last block is not handled as such:
// the last 16 positions are drawn again and transformed, overwriting the
// normals already there.
template <typename T, typename Block>
void normal_fill(CpuGenerator& g, T* d, int64_t n, Block box_muller) {
  for (int64_t i = 0; i < n; ++i) d[i] = uniform01<T>(g);
  for (int64_t i = 0; i + 16 <= n; i += 16) box_muller(d + i);
  if (n % 16 != 0) {
    T* last = d + n - 16;
    for (int i = 0; i < 16; ++i) last[i] = uniform01<T>(g);
    box_muller(last);
  }
}

// uniform_int_from_to_distribution: one 32-bit draw per value, or a 64-bit
// one when the range needs it, but only for the types on PyTorch's list.
template <typename T>
void fill_from_to(CpuGenerator& g, T* out, int64_t n, uint64_t range, int64_t base) {
  constexpr bool may_be_wide = std::is_same_v<T, int64_t> || std::is_same_v<T, double> ||
                               std::is_same_v<T, float> || std::is_same_v<T, BFloat16>;
  bool wide = may_be_wide && range >= (uint64_t{1} << 32);
  for (int64_t i = 0; i < n; ++i) {
    uint64_t v = wide ? g.random64() : g.random();
    out[i] = from_int64<T>(static_cast<int64_t>(v % range + static_cast<uint64_t>(base)));
  }
}

// Calls f with `out` as a pointer to t's element type.
template <typename F>
void visit(ir::DType t, void* out, F&& f) {
  switch (t) {
    case ir::DType::Bool: return f(static_cast<bool*>(out));
    case ir::DType::UInt8: return f(static_cast<uint8_t*>(out));
    case ir::DType::Int8: return f(static_cast<int8_t*>(out));
    case ir::DType::Int16: return f(static_cast<int16_t*>(out));
    case ir::DType::Int32: return f(static_cast<int32_t*>(out));
    case ir::DType::Int64: return f(static_cast<int64_t*>(out));
    case ir::DType::Float16: return f(static_cast<Half*>(out));
    case ir::DType::BFloat16: return f(static_cast<BFloat16*>(out));
    case ir::DType::Float32: return f(static_cast<float*>(out));
    case ir::DType::Float64: return f(static_cast<double*>(out));
  }
  throw std::logic_error("random: unknown dtype");
}

template <typename T>
constexpr bool kFloating = std::is_floating_point_v<T> || std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

}  // namespace

void fill_uniform(CpuGenerator& gen, ir::DType t, int64_t n, void* out) {
  visit(t, out, [&](auto* d) {
    using T = std::remove_pointer_t<decltype(d)>;
    if constexpr (!kFloating<T>) throw std::logic_error("rand: not a floating dtype");
    else for (int64_t i = 0; i < n; ++i) d[i] = uniform01<T>(gen);
  });
}

void fill_normal(CpuGenerator& gen, ir::DType t, int64_t n, void* out) {
  visit(t, out, [&](auto* d) {
    using T = std::remove_pointer_t<decltype(d)>;
    if constexpr (!kFloating<T>) {
      throw std::logic_error("randn: not a floating dtype");
    } else if (n < 16) {
      for (int64_t i = 0; i < n; ++i) d[i] = narrow<T>(normal_scalar(gen));
    } else if constexpr (std::is_same_v<T, float>) {
      normal_fill(gen, d, n, box_muller_16_f32);
    } else {
      normal_fill(gen, d, n, box_muller_16<T>);
    }
  });
}

void fill_random_from_to(CpuGenerator& gen, ir::DType t, int64_t n, void* out, uint64_t range, int64_t base) {
  visit(t, out, [&](auto* d) { fill_from_to(gen, d, n, range, base); });
}

}  // namespace kiln::runtime
