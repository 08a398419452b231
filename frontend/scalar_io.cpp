#include "frontend/scalar_io.h"

#include <cstdint>
#include <cstring>

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

}  // namespace kiln::frontend
