// Scalar types and tensor options, named as in libtorch.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>

#include <kiln/device.h>
#include <kiln/ir/dtype.h>

namespace kiln {

using ScalarType = ir::DType;

inline constexpr ScalarType kBool = ScalarType::Bool;
inline constexpr ScalarType kUInt8 = ScalarType::UInt8;
inline constexpr ScalarType kInt8 = ScalarType::Int8;
inline constexpr ScalarType kInt16 = ScalarType::Int16;
inline constexpr ScalarType kInt32 = ScalarType::Int32;
inline constexpr ScalarType kInt64 = ScalarType::Int64;
inline constexpr ScalarType kFloat16 = ScalarType::Float16;
inline constexpr ScalarType kBFloat16 = ScalarType::BFloat16;
inline constexpr ScalarType kFloat32 = ScalarType::Float32;
inline constexpr ScalarType kFloat64 = ScalarType::Float64;
inline constexpr ScalarType kByte = kUInt8;
inline constexpr ScalarType kChar = kInt8;
inline constexpr ScalarType kShort = kInt16;
inline constexpr ScalarType kInt = kInt32;
inline constexpr ScalarType kLong = kInt64;
inline constexpr ScalarType kHalf = kFloat16;
inline constexpr ScalarType kFloat = kFloat32;
inline constexpr ScalarType kDouble = kFloat64;

// The ScalarType that stores C++ type T (data_ptr<T>, item<T>, Scalar::to<T>).
template <typename T>
constexpr ScalarType scalar_type_of();
template <> constexpr ScalarType scalar_type_of<bool>() { return kBool; }
template <> constexpr ScalarType scalar_type_of<uint8_t>() { return kUInt8; }
template <> constexpr ScalarType scalar_type_of<int8_t>() { return kInt8; }
template <> constexpr ScalarType scalar_type_of<int16_t>() { return kInt16; }
template <> constexpr ScalarType scalar_type_of<int32_t>() { return kInt32; }
template <> constexpr ScalarType scalar_type_of<int64_t>() { return kInt64; }
template <> constexpr ScalarType scalar_type_of<float>() { return kFloat32; }
template <> constexpr ScalarType scalar_type_of<double>() { return kFloat64; }

namespace ir {
// Prints as Python prints a dtype: "torch.float32". (Declared in ir, where
// ScalarType lives, so argument-dependent lookup finds it.)
std::ostream& operator<<(std::ostream& os, DType t);
}  // namespace ir

// Options for factory functions. Implicitly built from a ScalarType, so
// `zeros({2, 3}, kInt32)` works as in libtorch.
class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(ScalarType t) : dtype_(t) {}  // NOLINT(google-explicit-constructor)
  TensorOptions(Device d) : device_(d) {}     // NOLINT(google-explicit-constructor)
  TensorOptions(DeviceType d) : device_(Device(d)) {}  // NOLINT(google-explicit-constructor)

  TensorOptions dtype(ScalarType t) const {
    TensorOptions o = *this;
    o.dtype_ = t;
    return o;
  }
  TensorOptions device(Device d) const {
    TensorOptions o = *this;
    o.device_ = d;
    return o;
  }
  std::optional<ScalarType> dtype_opt() const { return dtype_; }
  // The dtype, or `fallback` when none was given.
  ScalarType dtype_or(ScalarType fallback) const { return dtype_.value_or(fallback); }
  Device device() const { return device_.value_or(Device(kCPU)); }

 private:
  std::optional<ScalarType> dtype_;
  std::optional<Device> device_;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions(t); }
inline TensorOptions device(Device d) { return TensorOptions(d); }

}  // namespace kiln
