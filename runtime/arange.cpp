#include "runtime/arange.h"

#include <cstdint>
#include <stdexcept>

namespace kiln::runtime {

namespace {

// ATen's float kernel: vectorized blocks of 2 * width elements, each width
// elements from base = T(start + step * i) as T(Acc(base) + j * step), then
// the scalar T(start + step * i) for the rest, all in the accumulate type
// Acc. width is Vectorized<T>::size() under AVX2: 8 floats or 4 doubles.
// Acc is double for float and (as measured against torch 1.13 on x86-64)
// the 80-bit long double for double.
template <typename T, typename Acc>
void fill_floating(T* out, int64_t n, Acc start, Acc step, int64_t width) {
  int64_t vector_end = n / (2 * width) * (2 * width);
  int64_t i = 0;
  for (; i < vector_end; i += width) {
    auto base = static_cast<T>(start + step * static_cast<Acc>(i));
    for (int64_t j = 0; j < width; ++j) out[i + j] = static_cast<T>(static_cast<Acc>(base) + static_cast<Acc>(j) * step);
  }
  for (; i < n; ++i) out[i] = static_cast<T>(start + step * static_cast<Acc>(i));
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
    case ir::DType::Float32:
      return fill_floating<float, double>(static_cast<float*>(out), len, fstart, fstep, 8);
    case ir::DType::Float64:
      return fill_floating<double, long double>(static_cast<double*>(out), len, fstart, fstep, 4);
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
    default:
      break;
  }
  throw std::logic_error("arange: no support for " + std::string(ir::torch_name(n.dtype)));
}

}  // namespace kiln::runtime
