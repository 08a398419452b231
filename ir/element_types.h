// Host element types and conversions between them, with the semantics kiln
// defines for casts (and that the LLVM code generator implements too):
//
//  * float16 and bfloat16 are stored as 16 bits and computed through float:
//    each operation rounds its float result back (round to nearest even),
//    as PyTorch's CPU kernels do.
//  * to bool: value != 0 (NaN is true).
//  * floating to integer truncates toward zero. Values outside the range of
//    the conversion (and NaN) give x86's "integer indefinite" (the lowest
//    value) instead of C++'s undefined behaviour. int64 and uint8 convert
//    through int64 (so -1.0 → uint8 255, as PyTorch defines), int8, int16
//    and int32 through int32; narrower types keep the low bits.
//  * integer to integer keeps the low bits (two's complement).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <type_traits>

#include "ir/dtype.h"
#include "ir/half.h"

namespace kiln::ir {

struct Float16 {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

template <typename T>
inline constexpr bool is_float16_v = std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

inline float to_float(Float16 h) { return ir::half_to_float(h.bits); }
inline float to_float(BFloat16 h) { return ir::bfloat16_to_float(h.bits); }

template <typename T>
T from_float(float f) {
  if constexpr (std::is_same_v<T, Float16>) return Float16{ir::float_to_half(f)};
  else return BFloat16{ir::float_to_bfloat16(f)};
}

// v truncated to int64 (or int32) when in range, else the lowest value.
inline int64_t float_to_int64(double v) {
  return v > -9223372036854775809.0 && v < 9223372036854775808.0 ? static_cast<int64_t>(v) : INT64_MIN;
}
inline int32_t float_to_int32(double v) {
  return v > -2147483649.0 && v < 2147483648.0 ? static_cast<int32_t>(v) : INT32_MIN;
}

template <typename To, typename From>
To convert(From v) {
  if constexpr (is_float16_v<From>) {
    return convert<To>(to_float(v));
  } else if constexpr (is_float16_v<To>) {
    // Through float, like c10::Half(double): double rounds to float first.
    return from_float<To>(static_cast<float>(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From{};
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    if constexpr (sizeof(To) == 8 || std::is_same_v<To, uint8_t>) {
      return static_cast<To>(float_to_int64(static_cast<double>(v)));
    } else {
      return static_cast<To>(float_to_int32(static_cast<double>(v)));
    }
  } else {
    return static_cast<To>(v);
  }
}

// Calls f(T{}) with the C++ type that stores `t`.
template <typename F>
decltype(auto) visit_dtype(ir::DType t, F&& f) {
  switch (t) {
    case ir::DType::Bool:
      return f(bool{});
    case ir::DType::UInt8:
      return f(uint8_t{});
    case ir::DType::Int8:
      return f(int8_t{});
    case ir::DType::Int16:
      return f(int16_t{});
    case ir::DType::Int32:
      return f(int32_t{});
    case ir::DType::Int64:
      return f(int64_t{});
    case ir::DType::Float32:
      return f(float{});
    case ir::DType::Float64:
      return f(double{});
    case ir::DType::Float16:
      return f(Float16{});
    case ir::DType::BFloat16:
      return f(BFloat16{});
  }
  throw std::logic_error("unknown dtype");
}

}  // namespace kiln::ir
