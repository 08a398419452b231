// Element types of the graph IR. Dependency-free: this header is also part of
// the installed public API (kiln::ScalarType is an alias of ir::DType).
#ifndef KILN_IR_DTYPE_H
#define KILN_IR_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kiln::ir {

// X(enumerator, itemsize, short IR name, PyTorch name, category, C++ name)
// The C++ name is libtorch's (c10::toString), used in its error messages.
// category: 0 = bool, 1 = integral, 2 = floating. The order of this list is
// the order of the enum; promotion does not depend on it.
#define KILN_DTYPES(X)                                  \
  X(Bool, 1, "bool", "bool", 0, "Bool")                         \
  X(UInt8, 1, "u8", "uint8", 1, "Byte")                         \
  X(Int8, 1, "i8", "int8", 1, "Char")                           \
  X(Int16, 2, "i16", "int16", 1, "Short")                        \
  X(Int32, 4, "i32", "int32", 1, "Int")                        \
  X(Int64, 8, "i64", "int64", 1, "Long")                        \
  X(Float16, 2, "f16", "float16", 2, "Half")                    \
  X(BFloat16, 2, "bf16", "bfloat16", 2, "BFloat16")                 \
  X(Float32, 4, "f32", "float32", 2, "Float")                    \
  X(Float64, 8, "f64", "float64", 2, "Double")

enum class DType : std::uint8_t {
#define KILN_X(e, size, ir, torch, cat, cpp) e,
  KILN_DTYPES(KILN_X)
#undef KILN_X
};

inline constexpr int kNumDTypes = 10;

constexpr std::size_t itemsize(DType t) {
  switch (t) {
#define KILN_X(e, size, ir, torch, cat, cpp) \
  case DType::e:                        \
    return size;
    KILN_DTYPES(KILN_X)
#undef KILN_X
  }
  return 0;
}

// "f32", "i64", ... as written in textual IR.
constexpr std::string_view ir_name(DType t) {
  switch (t) {
#define KILN_X(e, size, ir, torch, cat, cpp) \
  case DType::e:                        \
    return ir;
    KILN_DTYPES(KILN_X)
#undef KILN_X
  }
  return "?";
}

// "float32", "int64", ... as PyTorch spells them (without the "torch." prefix).
constexpr std::string_view torch_name(DType t) {
  switch (t) {
#define KILN_X(e, size, ir, torch, cat, cpp) \
  case DType::e:                        \
    return torch;
    KILN_DTYPES(KILN_X)
#undef KILN_X
  }
  return "?";
}

// "Float", "Long", ... as libtorch's C++ errors spell them.
constexpr std::string_view cpp_name(DType t) {
  switch (t) {
#define KILN_X(e, size, ir, torch, cat, cpp) \
  case DType::e:                             \
    return cpp;
    KILN_DTYPES(KILN_X)
#undef KILN_X
  }
  return "?";
}

enum class Category : std::uint8_t { Bool = 0, Integral = 1, Floating = 2 };

constexpr Category category(DType t) {
  switch (t) {
#define KILN_X(e, size, ir, torch, cat, cpp) \
  case DType::e:                        \
    return static_cast<Category>(cat);
    KILN_DTYPES(KILN_X)
#undef KILN_X
  }
  return Category::Bool;
}

constexpr bool is_floating(DType t) { return category(t) == Category::Floating; }
constexpr bool is_integral(DType t) { return category(t) == Category::Integral; }
constexpr bool is_signed(DType t) { return t != DType::Bool && t != DType::UInt8; }

}  // namespace kiln::ir

#endif  // KILN_IR_DTYPE_H
