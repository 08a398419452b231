#include "frontend/npy_header.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include <kiln/error.h>

#include "frontend/shape_checks.h"

namespace kiln::frontend::npy {

namespace {

// numpy's typestr for each kiln dtype it has: kind letter and byte size.
// The byte order is not part of the entry: '<', '>', '|' or '=' may precede.
constexpr std::array<std::pair<std::string_view, ScalarType>, 9> kTypes{{
    {"b1", kBool},
    {"u1", kUInt8},
    {"i1", kInt8},
    {"i2", kInt16},
    {"i4", kInt32},
    {"i8", kInt64},
    {"f2", kFloat16},
    {"f4", kFloat32},
    {"f8", kFloat64},
}};

// Header text quoted for a message: bytes that are not printable ASCII are
// escaped and long text is cut, so a hostile header cannot flood or garble
// the message. Keys and dtypes are quoted as Python quotes strings, the
// whole header (which holds single quotes) in double quotes.
std::string quoted(std::string_view s, char quote = '\'') {
  constexpr size_t kMaxShown = 120;
  std::string out(1, quote);
  for (size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  out += quote;
  return s.size() > kMaxShown ? out + "..." : out;
}

// A reader of the dictionary literal. It accepts what numpy's writers have
// produced (any key order, single or double quotes, a trailing comma, Python
// 2's "3L" integers) and nothing nested: descr must be a string (a list is a
// structured dtype, which kiln has not), shape a flat tuple of integers.
class Parser {
 public:
  Parser(std::string_view text, const std::string& where) : s_(text), where_(where) {}

  ArrayHeader parse() {
    std::optional<std::string_view> descr;
    std::optional<bool> fortran_order;
    std::optional<ir::Shape> shape;
    expect('{', "expected '{'");
    while (!eat('}')) {
      size_t key_pos = pos_;
      std::string_view key = string("expected a quoted key or '}'");
      expect(':', "expected ':' after a key");
      if (key == "descr" && !descr) {
        descr = descr_value();
      } else if (key == "fortran_order" && !fortran_order) {
        fortran_order = boolean();
      } else if (key == "shape" && !shape) {
        shape = shape_value();
      } else {
        bool known = key == "descr" || key == "fortran_order" || key == "shape";
        pos_ = key_pos;
        fail((known ? "repeated key " : "unexpected key ") + quoted(key));
      }
      if (!eat(',')) {
        expect('}', "expected ',' or '}'");
        break;
      }
    }
    skip_space();
    if (pos_ != s_.size()) fail("unexpected text after the dictionary");
    if (!descr) missing("descr");
    if (!fortran_order) missing("fortran_order");
    if (!shape) missing("shape");
    return array_header(*descr, *fortran_order, std::move(*shape));
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ValueError(where_ + "malformed header: " + what + " (at character " + std::to_string(pos_) + " of " +
                     shown_header() + ")");
  }

  [[noreturn]] void missing(std::string_view key) const {
    throw ValueError(where_ + "malformed header: the key '" + std::string(key) + "' is missing in " + shown_header());
  }

  // The header for a message, without numpy's padding.
  std::string shown_header() const {
    std::string_view s = s_;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
    return quoted(s, '"');
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool eat(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c, const std::string& what) {
    if (!eat(c)) fail(what);
  }

  bool at(char c) {
    skip_space();
    return pos_ < s_.size() && s_[pos_] == c;
  }

  bool at_digit() const { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; }

  // A string literal without escapes (no descr or key needs one).
  std::string_view string(const std::string& what) {
    skip_space();
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) fail(what);
    char quote = s_[pos_++];
    size_t begin = pos_;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '\\') fail("escape sequences in strings are not supported");
      if (s_[pos_] == '\n') fail("unterminated string");
      ++pos_;
    }
    if (pos_ == s_.size()) fail("unterminated string");
    return s_.substr(begin, pos_++ - begin);
  }

  std::string_view descr_value() {
    if (at('[')) throw TypeError(where_ + "unsupported dtype: structured arrays (with named fields) are not supported");
    if (at('(')) throw TypeError(where_ + "unsupported dtype: subarray dtypes are not supported");
    return string("expected a string for 'descr'");
  }

  bool boolean() {
    skip_space();
    for (bool value : {false, true}) {
      std::string_view word = value ? "True" : "False";
      if (s_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return value;
      }
    }
    fail("expected True or False for 'fortran_order'");
  }

  ir::Shape shape_value() {
    expect('(', "expected a tuple for 'shape'");
    ir::Shape shape;
    if (eat(')')) return shape;
    while (true) {
      shape.push_back(dimension());
      if (shape.size() > kMaxDims) {
        throw NotImplementedError(where_ + "kiln: tensors with more than " + std::to_string(kMaxDims) +
                                  " dimensions are not supported");
      }
      if (eat(',')) {
        if (eat(')')) return shape;
        continue;
      }
      if (!at(')')) fail("expected ',' or ')' in 'shape'");
      // "(5)" is the number 5 in Python, not a tuple.
      if (shape.size() == 1) fail("a one-dimensional 'shape' needs a trailing comma, as in (5,)");
      ++pos_;
      return shape;
    }
  }

  int64_t dimension() {
    skip_space();
    bool negative = pos_ < s_.size() && s_[pos_] == '-';
    if (negative) ++pos_;
    if (!at_digit()) fail("expected an integer in 'shape'");
    size_t begin = pos_;
    int64_t value = 0;
    bool overflow = false;
    for (; at_digit(); ++pos_) {
      overflow = overflow || __builtin_mul_overflow(value, 10, &value) ||
                 __builtin_add_overflow(value, s_[pos_] - '0', &value);
    }
    // A hostile header may hold a million digits: messages show a few.
    std::string digits(s_.substr(begin, std::min<size_t>(pos_ - begin, 24)));
    if (pos_ - begin > digits.size()) digits += "...";
    if (pos_ < s_.size() && (s_[pos_] == 'L' || s_[pos_] == 'l')) ++pos_;
    if (negative && (value != 0 || overflow)) {
      throw ValueError(where_ + "invalid shape: negative dimension -" + digits);
    }
    if (overflow) {
      throw ValueError(where_ + "invalid shape: dimension " + digits + " does not fit in 64 bits");
    }
    return value;
  }

  ArrayHeader array_header(std::string_view descr, bool fortran_order, ir::Shape shape) const {
    std::string_view type = descr;
    bool big_endian = false;
    if (!type.empty() && std::string_view("<>|=").find(type[0]) != std::string_view::npos) {
      // '|' (no byte order) and '=' (native) are little-endian on every host
      // kiln runs on.
      big_endian = type[0] == '>';
      type.remove_prefix(1);
    }
    std::optional<ScalarType> dtype;
    for (const auto& [name, t] : kTypes) {
      if (type == name) dtype = t;
    }
    if (!dtype) {
      std::string known;
      for (size_t i = 0; i < kTypes.size(); ++i) {
        known += (i == 0 ? "" : i + 1 == kTypes.size() ? " and " : ", ") + std::string(torch_name(kTypes[i].second));
      }
      throw TypeError(where_ + "unsupported dtype " + quoted(descr) + " (kiln loads " + known + ")");
    }
    // numpy's limit: the byte size, ignoring zero dimensions, fits in an
    // index. So strides computed from the shape never overflow either.
    auto size = static_cast<int64_t>(ir::itemsize(*dtype));
    for (int64_t d : shape) {
      if (d != 0 && __builtin_mul_overflow(size, d, &size)) {
        throw ValueError(where_ + "invalid shape: " + shape_repr(shape) + " of dtype " + quoted(descr) +
                         " is larger than 2^63 - 1 bytes");
      }
    }
    int64_t nbytes = ir::numel(shape) == 0 ? 0 : size;
    return ArrayHeader{std::string(descr), *dtype, big_endian, fortran_order, std::move(shape), nbytes};
  }

  std::string_view s_;
  const std::string& where_;
  size_t pos_ = 0;
};

// Magic, version and length field, then the dictionary and its padding:
// numpy pads with spaces and a final newline so the data starts at a
// multiple of 64 bytes (a full 64 when already aligned). Returns nullopt
// when the header does not fit the version's length field.
std::optional<std::string> wrap(const std::string& dict, char major) {
  size_t length_bytes = major == 1 ? 2 : 4;
  size_t used = kVersionEnd + length_bytes + dict.size() + 1;
  size_t length = dict.size() + 1 + (64 - used % 64);
  if (length > (major == 1 ? 0xffffu : 0xffffffffu)) return std::nullopt;
  std::string out(kMagic);
  out += major;
  out += '\0';
  for (size_t i = 0; i < length_bytes; ++i) out += static_cast<char>((length >> (8 * i)) & 0xff);
  out += dict;
  out.append(length - dict.size() - 1, ' ');
  return out + '\n';
}

}  // namespace

ArrayHeader parse_header(std::string_view text, const std::string& where) { return Parser(text, where).parse(); }

std::optional<std::string> descr_of(ScalarType t) {
  for (const auto& [name, type] : kTypes) {
    // Multi-byte types are little-endian; numpy gives byte-sized ones no order.
    if (type == t) return (ir::itemsize(t) == 1 ? "|" : "<") + std::string(name);
  }
  return std::nullopt;
}

std::string format_preamble(ScalarType t, const ir::Shape& shape) {
  std::string dict = "{'descr': '" + *descr_of(t) + "', 'fortran_order': False, 'shape': " + shape_repr(shape) + ", }";
  // numpy leaves room to grow the first dimension in place: the header is
  // padded as if that size had 21 digits.
  if (!shape.empty()) dict.append(21 - std::to_string(shape[0]).size(), ' ');
  // Version 2.0 only when the header is too long for 1.0, as numpy.save
  // decides (3.0 is for non-latin-1 field names, which kiln never writes).
  if (auto v1 = wrap(dict, 1)) return *v1;
  return *wrap(dict, 2);
}

std::string shape_repr(const ir::Shape& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace kiln::frontend::npy
