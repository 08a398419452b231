// linspace's arithmetic (see runtime/ramp.h), measured against torch 1.13
// (tests/golden/gen_linspace.py). PyTorch computes
//   step = (end - start) / (steps - 1)
// and element i as start + step * i in the first half, end - step * (steps -
// 1 - i) in the second, both fused multiply-adds; a vector starting in the
// first half is all computed from start. The other lanes of a vector are
// base + j * step, unfused.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "ir/element_types.h"
#include "runtime/ramp.h"

namespace kiln::runtime {

namespace {

using ir::convert;
using ir::is_float16_v;
using ir::to_float;
using ir::from_float;
using ir::visit_dtype;

// float16 and bfloat16 compute in themselves, as c10::Half's operators do:
// every operation (an integer operand converted first) rounds its float
// result back. So the step of more than 65520 float16 steps is 0.
template <typename T>
struct Rounded {
  T v;
  friend Rounded operator+(Rounded a, Rounded b) { return {from_float<T>(to_float(a.v) + to_float(b.v))}; }
  friend Rounded operator-(Rounded a, Rounded b) { return {from_float<T>(to_float(a.v) - to_float(b.v))}; }
  friend Rounded operator*(Rounded a, Rounded b) { return {from_float<T>(to_float(a.v) * to_float(b.v))}; }
  friend Rounded operator/(Rounded a, Rounded b) { return {from_float<T>(to_float(a.v) / to_float(b.v))}; }
  friend Rounded fused_mul_add(Rounded a, Rounded b, Rounded c) { return a * b + c; }  // nothing to fuse
};

double fused_mul_add(double a, double b, double c) { return std::fma(a, b, c); }
float fused_mul_add(float a, float b, float c) { return std::fma(a, b, c); }

// The type linspace computes T in: T itself, except double for integers.
template <typename T>
using Compute = std::conditional_t<is_float16_v<T>, Rounded<T>, std::conditional_t<std::is_integral_v<T>, double, T>>;

template <typename T>
Compute<T> widen(T v) {
  if constexpr (is_float16_v<T>) return {v};
  else return static_cast<Compute<T>>(v);
}

template <typename T>
T narrow(Compute<T> v) {
  if constexpr (is_float16_v<T>) return v.v;
  else return convert<T>(v);  // integers truncate, as static_cast does
}

template <typename T>
Compute<T> from_index(int64_t i) {
  if constexpr (is_float16_v<T>) return {from_float<T>(static_cast<float>(i))};
  else return static_cast<Compute<T>>(i);
}

template <typename T>
void fill_typed(T* out, int64_t n, T first, T last) {
  if (n == 1) {
    out[0] = first;  // PyTorch fills start: no step to compute
    return;
  }
  Compute<T> start = widen(first), end = widen(last);
  Compute<T> step = (end - start) / from_index<T>(n - 1);
  int64_t halfway = n / 2;
  fill_in_vector_blocks(
      out, n,
      [&](int64_t i) {
        // end - step * (n - 1 - i), with the index negated rather than the
        // step: a NaN step keeps its sign, as in PyTorch's fused form.
        return narrow<T>(i < halfway ? fused_mul_add(step, from_index<T>(i), start)
                                     : fused_mul_add(step, from_index<T>(i - (n - 1)), end));
      },
      [&](T base, int64_t j) { return narrow<T>(widen(base) + from_index<T>(j) * step); });
}

}  // namespace

void fill_linspace(const ir::Node& n, void* out) {
  // The node's start and end are canonical for its dtype: converting them
  // is exact.
  visit_dtype(n.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>) {
      // Only one step is possible (PyTorch has no bool linspace kernel).
      if (n.shape[0] > 0) *static_cast<bool*>(out) = ir::literal_as_int(n.value) != 0;
    } else if constexpr (std::is_integral_v<T>) {
      fill_typed(static_cast<T*>(out), n.shape[0], static_cast<T>(ir::literal_as_int(n.value)),
                 static_cast<T>(ir::literal_as_int(n.end)));
    } else {
      fill_typed(static_cast<T*>(out), n.shape[0], convert<T>(ir::literal_as_double(n.value)),
                 convert<T>(ir::literal_as_double(n.end)));
    }
  });
}

}  // namespace kiln::runtime
