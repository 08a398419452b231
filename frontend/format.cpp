// Reimplementation of torch/_tensor_str.py (PyTorch 1.13) for strided host
// arrays. Names follow the Python functions (_Formatter, _vector_str,
// _tensor_str_with_formatter, _add_suffixes) so the two can be compared side by
// side. Only the default print options are supported; they are constants here.
#include "frontend/format.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <utility>

#include "frontend/scalar_io.h"

namespace kiln::frontend {
namespace {

using ir::DType;

// torch._tensor_str.PRINT_OPTS defaults.
constexpr int kPrecision = 4;
constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdgeItems = 3;
constexpr int64_t kLineWidth = 80;
// Length of the "tensor(" prefix: the indent of everything after line one.
constexpr int64_t kPrefixIndent = 7;

// The element at `offset` (in elements), as Python's .item() sees it.
// PyTorch widens float16 and bfloat16 to float32 before formatting, and
// Python then sees the float32 as a double; every step is exact, so reading
// the element straight into a double gives the same number. Bool reads as
// 0/1.
Scalar element(const HostView& v, int64_t offset) {
  const auto* base = static_cast<const std::byte*>(v.data);
  return read_scalar(base + offset * static_cast<int64_t>(ir::itemsize(v.dtype)), v.dtype);
}

// Python's '{:.4f}' / '{:.4e}' / '{:.0f}'.format(x): conv is 'f' or 'e'. Finite
// values match C's printf: both round the exact binary value correctly (ties
// to even) and both print at least two exponent digits. Non-finite values
// differ: Python prints "nan" whatever the NaN's sign bit, glibc "-nan".
std::string python_float(double x, char conv, int precision) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  // Big enough for any double in either notation with precision <= 4: the
  // fixed notation of DBL_MAX is 309 digits plus sign, point and decimals.
  // (PyTorch's mode choice keeps fixed-notation values below 1e8, but the
  // buffer does not rely on that.)
  char text[330];
  const int n = conv == 'e' ? std::snprintf(text, sizeof text, "%.*e", precision, x)
                            : std::snprintf(text, sizeof text, "%.*f", precision, x);
  return std::string(text, static_cast<size_t>(n));
}

bool summarizes(int64_t size, bool summarize) { return summarize && size > 2 * kEdgeItems; }

// The index after `i` among those PyTorch prints along a dimension: all of
// them, or only the first and last kEdgeItems of a summarized long one.
int64_t next_shown(int64_t i, int64_t size, bool summarize) {
  ++i;
  if (i == kEdgeItems && summarizes(size, summarize)) i = size - kEdgeItems;
  return i;
}

// Calls fn(offset) for every element that will be printed, in row-major
// order. The formatter must only look at these: PyTorch builds it from
// get_summarized_data(), so hidden elements do not affect widths or modes.
template <typename Fn>
void for_each_shown(const HostView& v, bool summarize, size_t dim, int64_t offset, Fn&& fn) {
  if (dim == v.sizes.size()) {
    fn(offset);
    return;
  }
  const int64_t size = v.sizes[dim];
  for (int64_t i = 0; i < size; i = next_shown(i, size, summarize))
    for_each_shown(v, summarize, dim + 1, offset + i * v.strides[dim], fn);
}

// torch._tensor_str._Formatter: decides one width and notation for all
// elements.
class Formatter {
 public:
  Formatter(const HostView& v, bool summarize) : view_(v), floating_(ir::is_floating(v.dtype)) {
    if (!floating_) {
      for_each_shown(v, summarize, 0, 0, [this](int64_t offset) {
        max_width_ = std::max(max_width_, format_integral(offset).size());
      });
      return;
    }
    // Only non-zero finite values steer the format: zeros, infs and NaNs can
    // be printed in any mode and are allowed to overflow the width.
    std::vector<double> values;
    for_each_shown(v, summarize, 0, 0, [&](int64_t offset) {
      const double x = element(v, offset).toDouble();
      if (std::isfinite(x) && x != 0) values.push_back(x);
    });
    if (values.empty()) return;  // int_mode with width 1: "0.", "nan", ...

    double min_abs = std::numeric_limits<double>::infinity();
    double max_abs = 0;
    for (const double x : values) {
      min_abs = std::min(min_abs, std::abs(x));
      max_abs = std::max(max_abs, std::abs(x));
      if (x != std::ceil(x)) int_mode_ = false;
    }
    // Mirrors PyTorch's thresholds; the division is done in double there too.
    const bool wide_range = max_abs / min_abs > 1000.0 || max_abs > 1.0e8;
    sci_mode_ = int_mode_ ? wide_range : wide_range || min_abs < 1.0e-4;
    for (const double x : values) {
      size_t len;
      if (sci_mode_) {
        len = python_float(x, 'e', kPrecision).size();
      } else if (int_mode_) {
        len = python_float(x, 'f', 0).size() + 1;  // + 1 for the trailing "."
      } else {
        len = python_float(x, 'f', kPrecision).size();
      }
      max_width_ = std::max(max_width_, len);
    }
  }

  size_t width() const { return max_width_; }

  // Right-aligned to width(); longer texts (e.g. "nan" in int mode) are not
  // cut.
  std::string format(int64_t offset) const {
    std::string text;
    if (!floating_) {
      text = format_integral(offset);
    } else {
      const double x = element(view_, offset).toDouble();
      if (sci_mode_) {
        text = python_float(x, 'e', kPrecision);
      } else if (int_mode_) {
        // Integral floats print as "3." so they read as floating point.
        text = python_float(x, 'f', 0);
        if (std::isfinite(x)) text += '.';
      } else {
        text = python_float(x, 'f', kPrecision);
      }
    }
    if (text.size() < max_width_) text.insert(0, max_width_ - text.size(), ' ');
    return text;
  }

 private:
  // Python's "{}".format of the element: decimal integers, True/False.
  std::string format_integral(int64_t offset) const {
    const int64_t value = element(view_, offset).toLong();
    if (view_.dtype == DType::Bool) return value ? "True" : "False";
    return std::to_string(value);
  }

  const HostView& view_;
  bool floating_;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  size_t max_width_ = 1;
};

class Printer {
 public:
  Printer(const HostView& v, bool summarize)
      : view_(v), summarize_(summarize), formatter_(v, summarize) {}

  // torch._tensor_str._tensor_str_with_formatter for the sub-tensor that
  // starts at dimension `dim` and element `offset`.
  void tensor_str(size_t dim, int64_t offset, int64_t indent, std::string& out) const {
    const size_t remaining = view_.sizes.size() - dim;
    if (remaining == 0) {
      out += formatter_.format(offset);
      return;
    }
    if (remaining == 1) {
      vector_str(dim, offset, indent, out);
      return;
    }
    // Sub-tensors are separated by one newline per remaining dimension beyond
    // the innermost (blank lines between matrices of a 3-d tensor), and a
    // summarized dimension shows "..." in place of its middle.
    std::string separator = ",";
    separator.append(remaining - 1, '\n');
    separator.append(static_cast<size_t>(indent + 1), ' ');
    const int64_t size = view_.sizes[dim];
    out += '[';
    for (int64_t i = 0; i < size; i = next_shown(i, size, summarize_)) {
      if (i != 0) out += separator;
      if (i == size - kEdgeItems && summarizes(size, summarize_)) out += "..." + separator;
      tensor_str(dim + 1, offset + i * view_.strides[dim], indent + 1, out);
    }
    out += ']';
  }

 private:
  // torch._tensor_str._vector_str: the innermost dimension, wrapped so that
  // each line holds as many width()+2 wide slots as fit into the line width.
  // A summarized vector's " ..." counts as one element when wrapping.
  void vector_str(size_t dim, int64_t offset, int64_t indent, std::string& out) const {
    const auto element_length = static_cast<int64_t>(formatter_.width()) + 2;
    // Python floors the quotient; C++ truncates. They only differ for a
    // negative numerator, where both results are clamped to 1 anyway.
    const int64_t per_line = std::max<int64_t>(1, (kLineWidth - indent) / element_length);
    const std::string line_break = ",\n" + std::string(static_cast<size_t>(indent + 1), ' ');
    int64_t on_line = 0;
    auto start_element = [&] {
      if (on_line == per_line) {
        out += line_break;
        on_line = 0;
      } else if (on_line != 0) {
        out += ", ";
      }
      ++on_line;
    };
    const int64_t size = view_.sizes[dim];
    out += '[';
    for (int64_t i = 0; i < size; i = next_shown(i, size, summarize_)) {
      if (i == size - kEdgeItems && summarizes(size, summarize_)) {
        start_element();
        out += " ...";
      }
      start_element();
      out += formatter_.format(offset + i * view_.strides[dim]);
    }
    out += ']';
  }

  const HostView& view_;
  bool summarize_;
  Formatter formatter_;
};

// str(tuple(shape)) for a shape of rank >= 2 (the only ranks that print a
// size suffix), e.g. "(2, 0)".
std::string python_tuple(const std::vector<int64_t>& sizes) {
  std::string text = "(";
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i != 0) text += ", ";
    text += std::to_string(sizes[i]);
  }
  return text + ")";
}

// torch._tensor_str._add_suffixes: ", suffix" while the line stays within
// the line width, else a new line indented under the opening bracket.
std::string add_suffixes(std::string text, const std::vector<std::string>& suffixes) {
  // PyTorch takes the last line's length as len(s) - s.rfind("\n") + 1, two
  // more than its real length (with or without a newline). Reproduce it: it
  // decides where suffixes wrap.
  const size_t newline = text.rfind('\n');
  auto last_line_len = static_cast<int64_t>(text.size()) -
                       (newline == std::string::npos ? -1 : static_cast<int64_t>(newline)) + 1;
  for (const std::string& suffix : suffixes) {
    const auto suffix_len = static_cast<int64_t>(suffix.size());
    if (last_line_len + suffix_len + 2 > kLineWidth) {
      text += ",\n" + std::string(kPrefixIndent, ' ') + suffix;
      last_line_len = kPrefixIndent + suffix_len;
    } else {
      text += ", " + suffix;
      last_line_len += suffix_len + 2;
    }
  }
  return text + ")";
}

}  // namespace

std::string format_tensor(const HostView& v, std::string_view device) {
  int64_t numel = 1;
  for (const int64_t size : v.sizes) numel *= size;

  std::vector<std::string> suffixes;
  // PyTorch prints the device whenever it is not the default (CPU) one; it
  // comes before every other suffix.
  if (!device.empty()) suffixes.push_back("device='" + std::string(device) + "'");
  const std::string dtype_suffix = "dtype=torch." + std::string(ir::torch_name(v.dtype));

  std::string text = "tensor(";
  if (numel == 0) {
    // An empty tensor shows its shape unless it is 1-d (like NumPy), and its
    // dtype unless it is the default float32: without elements there is
    // nothing that would tell int64 or bool apart.
    if (v.sizes.size() != 1) suffixes.push_back("size=" + python_tuple(v.sizes));
    if (v.dtype != DType::Float32) suffixes.push_back(dtype_suffix);
    text += "[]";
  } else {
    // The dtype is implied by the elements for float32 (the default dtype),
    // int64 (Python ints) and bool (True/False).
    if (v.dtype != DType::Float32 && v.dtype != DType::Int64 && v.dtype != DType::Bool)
      suffixes.push_back(dtype_suffix);
    const Printer printer(v, numel > kThreshold);
    printer.tensor_str(0, 0, kPrefixIndent, text);
  }
  return add_suffixes(std::move(text), suffixes);
}

}  // namespace kiln::frontend
