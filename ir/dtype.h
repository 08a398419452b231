// Element types of the graph IR. Dependency-free: this header is also part of
// the installed public API (kiln::ScalarType is an alias of ir::DType).
#ifndef KILN_IR_DTYPE_H
#define KILN_IR_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kiln::ir {

// X(enumerator, itemsize, IR name, PyTorch name, category, c10 name, C++ type, max)
//   IR name    as textual IR writes the type ("f32")
//   PyTorch    as Python spells it, without "torch." ("float32")
//   category   0 = bool, 1 = integral, 2 = floating
//   c10 name   as libtorch's C++ errors name the type ("Float")
//   C++ type   as c10's checked conversions name it ("float", "int64_t")
//   max        the largest finite value
// The order of this list is the order of the enum; promotion does not
// depend on it.
#define KILN_DTYPES(X)                                                                   \
  X(Bool, 1, "bool", "bool", 0, "Bool", "bool", 1.0)                                    \
  X(UInt8, 1, "u8", "uint8", 1, "Byte", "uint8_t", 255.0)                               \
  X(Int8, 1, "i8", "int8", 1, "Char", "int8_t", 127.0)                                  \
  X(Int16, 2, "i16", "int16", 1, "Short", "int16_t", 32767.0)                           \
  X(Int32, 4, "i32", "int32", 1, "Int", "int", 2147483647.0)                            \
  X(Int64, 8, "i64", "int64", 1, "Long", "int64_t", 9223372036854775807.0)              \
  X(Float16, 2, "f16", "float16", 2, "Half", "at::Half", 65504.0)                       \
  X(BFloat16, 2, "bf16", "bfloat16", 2, "BFloat16", "at::BFloat16", 3.3895313892515355e38) \
  X(Float32, 4, "f32", "float32", 2, "Float", "float", 3.4028234663852886e38)           \
  X(Float64, 8, "f64", "float64", 2, "Double", "double", 1.7976931348623157e308)

enum class DType : std::uint8_t {
#define KILN_X(e, size, ir, torch, cat, cpp, type, max) e,
  KILN_DTYPES(KILN_X)
#undef KILN_X
};

enum class Category : std::uint8_t { Bool = 0, Integral = 1, Floating = 2 };

struct DTypeInfo {
  std::size_t itemsize;
  std::string_view ir_name;     // "f32", "i64", ... as textual IR writes them
  std::string_view torch_name;  // "float32", ... as PyTorch spells them (without "torch.")
  Category category;
  std::string_view cpp_name;    // "Float", "Long", ... as libtorch's C++ errors spell them
  std::string_view cpp_type;    // "float", "int64_t", ... as c10's conversion errors spell them
  double max;                   // the largest finite value (int64's rounds up to 2^63)
};

inline constexpr DTypeInfo kDTypeInfo[] = {
#define KILN_X(e, size, ir, torch, cat, cpp, type, max) {size, ir, torch, static_cast<Category>(cat), cpp, type, max},
    KILN_DTYPES(KILN_X)
#undef KILN_X
};

inline constexpr int kNumDTypes = static_cast<int>(sizeof(kDTypeInfo) / sizeof(kDTypeInfo[0]));

constexpr const DTypeInfo& info(DType t) { return kDTypeInfo[static_cast<int>(t)]; }
constexpr std::size_t itemsize(DType t) { return info(t).itemsize; }
constexpr std::string_view ir_name(DType t) { return info(t).ir_name; }
constexpr std::string_view torch_name(DType t) { return info(t).torch_name; }
constexpr std::string_view cpp_name(DType t) { return info(t).cpp_name; }
constexpr std::string_view cpp_type(DType t) { return info(t).cpp_type; }
constexpr Category category(DType t) { return info(t).category; }

constexpr bool is_floating(DType t) { return category(t) == Category::Floating; }
constexpr bool is_integral(DType t) { return category(t) == Category::Integral; }
constexpr bool is_signed(DType t) { return t != DType::Bool && t != DType::UInt8; }

}  // namespace kiln::ir

#endif  // KILN_IR_DTYPE_H
