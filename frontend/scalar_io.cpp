#include "frontend/scalar_io.h"

#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <kiln/error.h>

#include "ir/half.h"

namespace kiln::frontend {

namespace {

template <typename T>
T load(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
void store(void* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

}  // namespace

Scalar read_scalar(const void* p, ScalarType t) {
  switch (t) {
    case kBool:
      return Scalar(load<uint8_t>(p) != 0);
    case kUInt8:
      return Scalar(load<uint8_t>(p));
    case kInt8:
      return Scalar(load<int8_t>(p));
    case kInt16:
      return Scalar(load<int16_t>(p));
    case kInt32:
      return Scalar(load<int32_t>(p));
    case kInt64:
      return Scalar(load<int64_t>(p));
    case kFloat16:
      return Scalar(static_cast<double>(ir::half_to_float(load<uint16_t>(p))));
    case kBFloat16:
      return Scalar(static_cast<double>(ir::bfloat16_to_float(load<uint16_t>(p))));
    case kFloat32:
      return Scalar(static_cast<double>(load<float>(p)));
    case kFloat64:
      return Scalar(load<double>(p));
  }
  return Scalar();
}

void write_scalar(void* p, ScalarType t, const Scalar& s) {
  switch (t) {
    case kBool:
      return store<uint8_t>(p, s.toBool() ? 1 : 0);
    case kUInt8:
      return store(p, static_cast<uint8_t>(s.toLong()));
    case kInt8:
      return store(p, static_cast<int8_t>(s.toLong()));
    case kInt16:
      return store(p, static_cast<int16_t>(s.toLong()));
    case kInt32:
      return store(p, static_cast<int32_t>(s.toLong()));
    case kInt64:
      return store(p, s.toLong());
    case kFloat16:
      return store(p, ir::float_to_half(static_cast<float>(s.toDouble())));
    case kBFloat16:
      return store(p, ir::float_to_bfloat16(static_cast<float>(s.toDouble())));
    case kFloat32:
      return store(p, static_cast<float>(s.toDouble()));
    case kFloat64:
      return store(p, s.toDouble());
  }
}

namespace {

// The C++ type libtorch names in its conversion errors.
const char* cpp_type_name(ScalarType t) {
  switch (t) {
    case kBool:
      return "bool";
    case kUInt8:
      return "uint8_t";
    case kInt8:
      return "int8_t";
    case kInt16:
      return "int16_t";
    case kInt32:
      return "int";
    case kInt64:
      return "int64_t";
    case kFloat16:
      return "at::Half";
    case kBFloat16:
      return "at::BFloat16";
    case kFloat32:
      return "float";
    case kFloat64:
      return "double";
  }
  return "?";
}

// The largest finite value of a dtype, and its lowest.
double max_of(ScalarType t) {
  switch (t) {
    case kBool:
      return 1;
    case kUInt8:
      return std::numeric_limits<uint8_t>::max();
    case kInt8:
      return std::numeric_limits<int8_t>::max();
    case kInt16:
      return std::numeric_limits<int16_t>::max();
    case kInt32:
      return std::numeric_limits<int32_t>::max();
    case kInt64:
      return 9223372036854775807.0;
    case kFloat16:
      return 65504.0;
    case kBFloat16:
      return 3.3895313892515355e38;
    case kFloat32:
      return std::numeric_limits<float>::max();
    case kFloat64:
      return std::numeric_limits<double>::max();
  }
  return 0;
}

double lowest_of(ScalarType t) { return ir::is_signed(t) ? -max_of(t) - (ir::is_integral(t) ? 1 : 0) : 0; }

}  // namespace

bool overflows(const Scalar& s, ScalarType t) {
  if (t == kBool) return false;
  if (!s.isFloatingPoint()) {
    if (!ir::is_integral(t)) return false;
    int64_t v = s.toLong();
    if (t == kInt64) return false;
    if (!ir::is_signed(t)) {
      // Negative values wrap into unsigned types as long as |v| fits.
      return v > static_cast<int64_t>(max_of(t)) || (v < 0 && -v > static_cast<int64_t>(max_of(t)));
    }
    return v < static_cast<int64_t>(lowest_of(t)) || v > static_cast<int64_t>(max_of(t));
  }
  double v = s.toDouble();
  if (ir::is_floating(t)) return std::isfinite(v) && (v < lowest_of(t) || v > max_of(t));
  if (std::isnan(v)) return true;
  // For int64 the bound 2^63 itself is out of range.
  if (t == kInt64) return !(v >= -9223372036854775808.0 && v < 9223372036854775808.0);
  return v < lowest_of(t) || v > max_of(t);
}

ir::Literal checked_literal(const Scalar& s, ScalarType t) {
  if (overflows(s, t)) {
    throw Error(std::string("value cannot be converted to type ") + cpp_type_name(t) + " without overflow");
  }
  if (ir::is_floating(t)) return s.toDouble();
  return s.toLong();
}

}  // namespace kiln::frontend
