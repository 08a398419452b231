// A number that is not a tensor: what `item()` returns and what arithmetic
// with plain C++ numbers takes. Like PyTorch's wrapped numbers, a Scalar keeps
// its category (bool, integral, floating); the exact C++ type is not kept.
#pragma once

#include <cstdint>
#include <ostream>
#include <type_traits>

#include <kiln/types.h>

namespace kiln {

class Scalar {
 public:
  enum class Kind { Bool, Integral, Floating };

  Scalar() : Scalar(int64_t{0}) {}
  Scalar(bool v) : kind_(Kind::Bool), i_(v) {}  // NOLINT(google-explicit-constructor)
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Integral), i_(static_cast<int64_t>(v)) {}  // NOLINT(google-explicit-constructor)
  template <typename T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Scalar(T v) : kind_(Kind::Floating), d_(static_cast<double>(v)) {}  // NOLINT(google-explicit-constructor)

  Kind kind() const { return kind_; }
  bool isBoolean() const { return kind_ == Kind::Bool; }
  bool isIntegral(bool include_bool) const { return kind_ == Kind::Integral || (include_bool && isBoolean()); }
  bool isFloatingPoint() const { return kind_ == Kind::Floating; }

  double toDouble() const { return isFloatingPoint() ? d_ : static_cast<double>(i_); }
  // Truncates a floating value; throws kiln::Error (libtorch's "value cannot
  // be converted to type int64_t without overflow") when it is out of range.
  int64_t toLong() const;
  bool toBool() const { return isFloatingPoint() ? d_ != 0.0 : i_ != 0; }
  // Throws kiln::Error when the value does not fit in dtype `t`.
  void check_fits(ScalarType t) const;
  // The value as a T, checked like libtorch's Scalar::to<T>(): throws
  // kiln::Error ("value cannot be converted to type uint8_t without
  // overflow") when it does not fit; a negative integer may wrap into an
  // unsigned type, a float truncates toward zero.
  template <typename T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) {
      return toBool();
    } else {
      check_fits(scalar_type_of<T>());
      if constexpr (std::is_floating_point_v<T>) return static_cast<T>(toDouble());
      else return static_cast<T>(toLong());
    }
  }

 private:
  Kind kind_;
  int64_t i_ = 0;
  double d_ = 0.0;
};

// Prints as Python prints the number: 7, 3.5, 3.0, True.
std::ostream& operator<<(std::ostream& os, const Scalar& s);

}  // namespace kiln
