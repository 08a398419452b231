// arange's arithmetic (see runtime/ramp.h).
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ir/element_types.h"
#include "runtime/ramp.h"

namespace kiln::runtime {

namespace {

using ir::BFloat16;
using ir::Float16;
using ir::to_float;
using ir::from_float;

// float and double: each vector from base = T(start + step * i) as
// T(Acc(base) + j * step), in the accumulate type Acc. Acc is double for
// float and (as measured against torch 1.13 on x86-64) the 80-bit long
// double for double, which reproduces its fused multiply-adds.
template <typename T, typename Acc>
void fill_floating(T* out, int64_t n, Acc start, Acc step) {
  fill_in_vector_blocks(
      out, n, [&](int64_t i) { return static_cast<T>(start + step * static_cast<Acc>(i)); },
      [&](T base, int64_t j) { return static_cast<T>(static_cast<Acc>(base) + static_cast<Acc>(j) * step); });
}

// float16 and bfloat16 accumulate in float: the first element of each
// vector is a fused multiply-add rounded to T, the others T(base + j * step)
// unfused (measured).
template <typename T>
void fill_float16(T* out, int64_t n, float start, float step) {
  fill_in_vector_blocks(
      out, n, [&](int64_t i) { return from_float<T>(std::fma(step, static_cast<float>(i), start)); },
      [&](T base, int64_t j) { return from_float<T>(to_float(base) + static_cast<float>(j) * step); });
}

// Integral ranges are exact: start + step * i in int64 (wrapping, like the
// hardware), then narrowed.
template <typename T>
void fill_integral(T* out, int64_t n, int64_t start, int64_t step) {
  for (int64_t i = 0; i < n; ++i) {
    out[i] = static_cast<T>(static_cast<uint64_t>(start) + static_cast<uint64_t>(step) * static_cast<uint64_t>(i));
  }
}

}  // namespace

void fill_arange(const ir::Node& n, void* out) {
  int64_t len = n.shape[0];
  double fstart = ir::literal_as_double(n.value), fstep = ir::literal_as_double(n.step);
  int64_t istart = ir::literal_as_int(n.value), istep = ir::literal_as_int(n.step);
  switch (n.dtype) {
    case ir::DType::Float16:
      return fill_float16(static_cast<Float16*>(out), len, static_cast<float>(fstart), static_cast<float>(fstep));
    case ir::DType::BFloat16:
      return fill_float16(static_cast<BFloat16*>(out), len, static_cast<float>(fstart), static_cast<float>(fstep));
    case ir::DType::Float32:
      return fill_floating<float, double>(static_cast<float*>(out), len, fstart, fstep);
    case ir::DType::Float64:
      return fill_floating<double, long double>(static_cast<double*>(out), len, fstart, fstep);
    case ir::DType::UInt8:
      return fill_integral(static_cast<uint8_t*>(out), len, istart, istep);
    case ir::DType::Int8:
      return fill_integral(static_cast<int8_t*>(out), len, istart, istep);
    case ir::DType::Int16:
      return fill_integral(static_cast<int16_t*>(out), len, istart, istep);
    case ir::DType::Int32:
      return fill_integral(static_cast<int32_t*>(out), len, istart, istep);
    case ir::DType::Int64:
      return fill_integral(static_cast<int64_t*>(out), len, istart, istep);
    case ir::DType::Bool:
      break;
  }
  throw std::logic_error("arange: no support for " + std::string(ir::torch_name(n.dtype)));
}

}  // namespace kiln::runtime
