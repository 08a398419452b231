#include "ir/literal.h"

#include <cmath>

#include "ir/half.h"

namespace kiln::ir {

double literal_as_double(const Literal& v) {
  return std::holds_alternative<double>(v) ? std::get<double>(v) : static_cast<double>(std::get<int64_t>(v));
}

int64_t literal_as_int(const Literal& v) {
  if (std::holds_alternative<int64_t>(v)) return std::get<int64_t>(v);
  double d = std::get<double>(v);
  if (std::isnan(d)) return 0;
  // Saturate instead of the undefined behaviour of an out-of-range cast.
  if (d >= 9223372036854775808.0) return INT64_MAX;
  if (d < -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(d);
}

Literal canonical_literal(const Literal& v, DType t) {
  switch (t) {
    case DType::Bool:
      return int64_t{std::holds_alternative<double>(v) ? std::get<double>(v) != 0.0 : std::get<int64_t>(v) != 0};
    case DType::UInt8:
      return int64_t{static_cast<uint8_t>(literal_as_int(v))};
    case DType::Int8:
      return int64_t{static_cast<int8_t>(literal_as_int(v))};
    case DType::Int16:
      return int64_t{static_cast<int16_t>(literal_as_int(v))};
    case DType::Int32:
      return int64_t{static_cast<int32_t>(literal_as_int(v))};
    case DType::Int64:
      return literal_as_int(v);
    case DType::Float16:
      return static_cast<double>(half_to_float(float_to_half(static_cast<float>(literal_as_double(v)))));
    case DType::BFloat16:
      return static_cast<double>(bfloat16_to_float(float_to_bfloat16(static_cast<float>(literal_as_double(v)))));
    case DType::Float32:
      return static_cast<double>(static_cast<float>(literal_as_double(v)));
    case DType::Float64:
      return literal_as_double(v);
  }
  return v;
}

bool is_canonical(const Literal& v, DType t) {
  Literal c = canonical_literal(v, t);
  if (c.index() != v.index()) return false;
  if (std::holds_alternative<double>(v) && std::isnan(std::get<double>(v))) return std::isnan(std::get<double>(c));
  return c == v;
}

}  // namespace kiln::ir
