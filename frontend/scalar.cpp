// kiln::Scalar: checked conversion, and printing as Python prints numbers.
#include <kiln/scalar.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include <kiln/error.h>

#include "frontend/scalar_io.h"

namespace kiln {

void Scalar::check_fits(ScalarType t) const { frontend::checked_literal(*this, t); }

int64_t Scalar::toLong() const {
  if (!isFloatingPoint()) return i_;
  // 2^63 is the first double past int64's range; NaN fails both tests.
  if (!(d_ >= -9223372036854775808.0 && d_ < 9223372036854775808.0)) {
    throw Error("value cannot be converted to type int64_t without overflow");
  }
  return static_cast<int64_t>(d_);
}

namespace {

// Python's repr(float): the shortest digits that read back the same double,
// in fixed notation when the decimal exponent is in [-4, 16), else as
// d.ddde±XX.
std::string python_float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::array<char, 64> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::scientific);
  std::string sci(buf.data(), res.ptr);
  size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  std::string mant = sci.substr(0, e);
  bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(exp) + 1 - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exp) + 1) + "." + digits.substr(static_cast<size_t>(exp) + 1);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += ebuf;
  }
  return neg ? "-" + out : out;
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Scalar& s) {
  if (s.isBoolean()) return os << (s.toBool() ? "True" : "False");
  if (s.isFloatingPoint()) return os << python_float_repr(s.toDouble());
  return os << s.toLong();
}

}  // namespace kiln
