// Every elementwise op on one element, as the reference interpreter computes
// it. codegen/llvm emits the same computations, so both engines agree bit for
// bit: float exp, log, log2, tanh (and sigmoid, built on exp) are
// ir/float_math.h's, sin, cos and pow libm's (sinf, pow, ...) in
// both, integers wrap, and float16/bfloat16 compute in float and round back
// after each op.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "ir/element_types.h"
#include "ir/float_math.h"
#include "ir/node.h"

namespace kiln::ir {

// Integer arithmetic wraps like two's complement hardware (and the JIT):
// computing in uint64 keeps C++ free of signed-overflow UB.
template <typename T, typename F>
T wrap(T a, T b, F f) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return static_cast<T>(f(static_cast<uint64_t>(a), static_cast<uint64_t>(b)));
  } else {
    return f(a, b);
  }
}

// maximum/minimum: std::max / std::min (ties, such as -0.0 against 0.0, keep
// the first operand); NaN on either side gives NaN.
template <typename T>
T pick(ir::Op op, T x, T y) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<T>::quiet_NaN();
  }
  return (op == ir::Op::Maximum ? x < y : y < x) ? y : x;
}

template <typename T>
bool compare(ir::Op op, T x, T y) {
  switch (op) {
    case ir::Op::Eq:
      return x == y;
    case ir::Op::Ne:
      return x != y;
    case ir::Op::Lt:
      return x < y;
    case ir::Op::Le:
      return x <= y;
    case ir::Op::Gt:
      return x > y;
    case ir::Op::Ge:
      return x >= y;
    default:
      throw std::logic_error("interpreter: not a comparison: " + std::string(ir::op_name(op)));
  }
}

// PyTorch's powi: by squaring, wrapping (in uint64: the low bits of the
// product are the same). A negative exponent gives 1 for base 1, ±1 for
// base -1 and 0 otherwise.
template <typename T>
T powi(T a, T b) {
  if constexpr (std::is_signed_v<T>) {
    if (b < 0) {
      if (a == 1) return 1;
      if (a == -1) return (b & 1) ? -1 : 1;
      return 0;
    }
  }
  uint64_t result = 1, base = static_cast<uint64_t>(a), e = static_cast<uint64_t>(b);
  while (e) {
    if (e & 1) result *= base;
    e >>= 1;
    base *= base;
  }
  return static_cast<T>(result);
}

// Python's modulo, as PyTorch computes it: fmod (exact), then the divisor
// added when the signs differ. Integer divisors of 0 never reach a kernel
// (the frontend throws ZeroDivisionError); they and -1 (INT_MIN % -1 traps
// on x86) divide by 1 instead, which gives the right 0 for -1.
template <typename T>
T remainder(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    T mod = std::fmod(a, b);
    if (mod != 0 && ((b < 0) != (mod < 0))) mod += b;
    return mod;
  } else {
    bool unit = b == 0 || (std::is_signed_v<T> && b == static_cast<T>(-1));
    T r = static_cast<T>(a % (unit ? T{1} : b));
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
    return r;
  }
}

// exp, log, log2, tanh: ir/float_math.h's for float (whose JIT twin vectorizes,
// where a libm call does not), libm's for double.
template <typename T>
T op_exp(T x) {
  if constexpr (std::is_same_v<T, float>) return float_math::exp(x);
  else return std::exp(x);
}

template <typename T>
T op_log(T x) {
  if constexpr (std::is_same_v<T, float>) return float_math::log(x);
  else return std::log(x);
}

template <typename T>
T op_log2(T x) {
  if constexpr (std::is_same_v<T, float>) return float_math::log2(x);
  else return std::log2(x);
}

template <typename T>
T op_tanh(T x) {
  if constexpr (std::is_same_v<T, float>) return float_math::tanh(x);
  else return std::tanh(x);
}

// The floating-only unary ops: libm's but for exp, log, log2, tanh and
// sigmoid.
template <typename T>
T transcendental(ir::Op op, T x) {
  switch (op) {
    case ir::Op::Exp:
      return op_exp(x);
    case ir::Op::Log:
      return op_log(x);
    case ir::Op::Log2:
      return op_log2(x);
    case ir::Op::Sin:
      return std::sin(x);
    case ir::Op::Cos:
      return std::cos(x);
    case ir::Op::Tanh:
      return op_tanh(x);
    case ir::Op::Sigmoid:
      return T{1} / (T{1} + op_exp(-x));
    case ir::Op::Sqrt:
      return std::sqrt(x);
    case ir::Op::Rsqrt:
      return T{1} / std::sqrt(x);
    case ir::Op::Floor:
      return std::floor(x);
    case ir::Op::Ceil:
      return std::ceil(x);
    case ir::Op::Round:  // half to even in the default rounding mode
      return std::nearbyint(x);
    default:
      break;
  }
  throw std::logic_error("interpreter: cannot evaluate " + std::string(ir::op_name(op)));
}

// `op` on x (and y) of type T, whose result is a T: every unary and binary
// op but cast and the comparisons. T is a C++ arithmetic type; 16-bit floats
// go through float (see elementwise below).
template <typename T>
T alu(ir::Op op, T x, T y) {
  using ir::Op;
  constexpr bool fp = std::is_floating_point_v<T>;
  constexpr bool boolean = std::is_same_v<T, bool>;
  switch (op) {
    case Op::Neg:
      return wrap<T>(T{}, x, [](auto, auto v) { return -v; });
    case Op::Add:
      if constexpr (boolean) return x || y;
      else return wrap<T>(x, y, [](auto p, auto q) { return p + q; });
    case Op::Sub:
      return wrap<T>(x, y, [](auto p, auto q) { return p - q; });
    case Op::Mul:
      if constexpr (boolean) return x && y;
      else return wrap<T>(x, y, [](auto p, auto q) { return p * q; });
    case Op::Div:
      if constexpr (fp) return x / y;
      break;
    case Op::Maximum:
    case Op::Minimum:
      return pick(op, x, y);
    case Op::Abs:
      if constexpr (fp) return std::fabs(x);
      else if constexpr (std::is_signed_v<T>) return x < 0 ? wrap<T>(T{}, x, [](auto, auto v) { return -v; }) : x;
      else return x;
    case Op::Relu:
      return x < T{0} ? T{0} : x;
    case Op::Sign:
      if constexpr (boolean) return x;
      else return static_cast<T>(static_cast<T>(x > T{0}) - static_cast<T>(x < T{0}));
    case Op::Floor:
    case Op::Ceil:
    case Op::Round:
      if constexpr (fp) return transcendental(op, x);
      else return x;  // integers are already whole
    case Op::Pow:
      if constexpr (fp) return std::pow(x, y);
      else if constexpr (!boolean) return powi(x, y);
      break;
    case Op::Remainder:
      if constexpr (!boolean) return remainder(x, y);
      break;
    case Op::BitAnd:
      if constexpr (!fp) return static_cast<T>(x & y);
      break;
    case Op::BitOr:
      if constexpr (!fp) return static_cast<T>(x | y);
      break;
    case Op::BitXor:
      if constexpr (!fp) return static_cast<T>(x ^ y);
      break;
    case Op::BitNot:
      if constexpr (boolean) return !x;
      else if constexpr (!fp) return static_cast<T>(~x);
      break;
    default:
      if constexpr (fp) return transcendental(op, x);
      break;
  }
  throw std::logic_error("interpreter: cannot evaluate " + std::string(ir::op_name(op)));
}

// alu for every storage type: float16/bfloat16 compute in float and round
// back after the op, like PyTorch's CPU kernels.
template <typename T>
T elementwise(ir::Op op, T x, T y) {
  if constexpr (is_float16_v<T>) {
    return from_float<T>(alu<float>(op, to_float(x), to_float(y)));
  } else {
    return alu<T>(op, x, y);
  }
}

}  // namespace kiln::ir
