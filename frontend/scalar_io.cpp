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

// The lowest finite value of a dtype (the largest is in the dtype table).
double lowest_of(ScalarType t) {
  if (!ir::is_signed(t)) return 0;
  return ir::is_integral(t) ? -ir::info(t).max - 1 : -ir::info(t).max;
}

}  // namespace

bool overflows(const Scalar& s, ScalarType t) {
  if (t == kBool) return false;
  if (!s.isFloatingPoint()) {
    if (!ir::is_integral(t)) return false;
    int64_t v = s.toLong();
    if (t == kInt64) return false;
    auto max = static_cast<int64_t>(ir::info(t).max);
    if (!ir::is_signed(t)) {
      // Negative values wrap into unsigned types as long as |v| fits
      // (computed unsigned: -INT64_MIN does not exist).
      return v > max || (v < 0 && -static_cast<uint64_t>(v) > static_cast<uint64_t>(max));
    }
    return v < static_cast<int64_t>(lowest_of(t)) || v > max;
  }
  double v = s.toDouble();
  if (ir::is_floating(t)) return std::isfinite(v) && (v < lowest_of(t) || v > ir::info(t).max);
  if (std::isnan(v)) return true;
  // For int64 the bound 2^63 itself is out of range.
  if (t == kInt64) return !(v >= -9223372036854775808.0 && v < 9223372036854775808.0);
  return v < lowest_of(t) || v > ir::info(t).max;
}

ir::Literal checked_literal(const Scalar& s, ScalarType t) {
  if (overflows(s, t)) {
    throw Error("value cannot be converted to type " + std::string(ir::cpp_type(t)) + " without overflow");
  }
  return literal_of(s, t);
}

ir::Literal literal_of(const Scalar& s, ScalarType t) {
  if (t == kBool) return int64_t{s.toBool()};
  if (ir::is_floating(t)) return s.toDouble();
  return s.toLong();
}

}  // namespace kiln::frontend
