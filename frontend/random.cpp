// Random factories: PyTorch's argument checks (same order, same text), then
// a buffer filled from the default generator at the call.
#include <kiln/random.h>

#include <cstdlib>
#include <string>

#include <kiln/error.h>

#include "frontend/caller.h"
#include "frontend/device_check.h"
#include "frontend/nodes.h"
#include "frontend/shape_checks.h"
#include "ir/half.h"
#include "ir/node.h"
#include "runtime/generator.h"

namespace kiln {

void manual_seed(uint64_t seed) { runtime::default_cpu_generator().set_seed(seed); }

namespace {

// A new contiguous tensor whose values `fill(out, numel)` writes now.
template <typename Fill>
Tensor drawn(const ir::Shape& shape, ScalarType t, Fill fill) {
  int64_t n = ir::numel(shape);
  auto storage = frontend::allocate(static_cast<size_t>(n) * ir::itemsize(t));
  fill(storage->data(), n);
  return Tensor(ir::make_buffer(t, shape, std::move(storage), ir::contiguous_strides(shape), 0));
}

// PyTorch dispatches these kernels over floating dtypes only.
void check_floating(ScalarType t, const char* kernel) {
  if (!ir::is_floating(t)) {
    throw Error("\"" + std::string(kernel) + "\" not implemented for '" + std::string(ir::cpp_name(t)) + "'");
  }
}

// randint checks its bounds as PyTorch's random_(from, to) does, below.

// The dtype as caffe2::TypeMeta names it in the out-of-bounds messages.
// (int64, bfloat16, float32 and float64 hold every int64 bound.)
std::string type_meta_name(ScalarType t) {
  switch (t) {
    case kBool: return "bool";
    case kUInt8: return "unsigned char";
    case kInt8: return "signed char";
    case kInt16: return "short int";
    case kInt32: return "int";
    case kFloat16: return "c10::Half";
    default: return std::string(ir::torch_name(t));
  }
}

int mantissa_digits(ScalarType t) {
  switch (t) {
    case kFloat16: return 11;
    case kBFloat16: return 8;
    case kFloat32: return 24;
    default: return 53;
  }
}

// v converted to floating dtype t and back, as C++ converts: int64 to the
// type directly (16-bit types through float), back by truncation, and a
// value beyond int64 gives x86's INT64_MIN (PyTorch's conversion is
// undefined there; its x86 build gets that).
int64_t through_dtype(int64_t v, ScalarType t) {
  double r;
  switch (t) {
    case kFloat16: r = ir::half_to_float(ir::float_to_half(static_cast<float>(v))); break;
    case kBFloat16: r = ir::bfloat16_to_float(ir::float_to_bfloat16(static_cast<float>(v))); break;
    case kFloat32: r = static_cast<float>(v); break;
    default: r = static_cast<double>(v); break;
  }
  return r >= -9223372036854775808.0 && r < 9223372036854775808.0 ? static_cast<int64_t>(r) : INT64_MIN;
}

// Index of the highest set bit.
int log2_floor(int64_t v) {
  int n = 0;
  while (v >>= 1) ++n;
  return n;
}

// For floating dtypes PyTorch moves `from` up when from + 1 rounds below
// it, and `to` down when to - 1 rounds to `to` or above, by a step that
// depends on the magnitude and the mantissa width.
int64_t update_from(int64_t from, ScalarType t) {
  int64_t from_plus_1 = through_dtype(from + 1, t);
  if (from_plus_1 >= from) return from;
  return from_plus_1 + (int64_t{1} << (log2_floor(std::abs(from + 1)) - mantissa_digits(t) + 1));
}

int64_t update_to(int64_t to, ScalarType t) {
  int64_t to_minus_1 = through_dtype(to - 1, t);
  if (to_minus_1 < to) return to;
  return to_minus_1 - (int64_t{1} << (log2_floor(std::abs(to - 1)) - mantissa_digits(t) + 1));
}

// The representable range of t, as doubles (exact for every integral type
// but int64, which never fails the check).
void check_in_range(int64_t v, const char* name, ScalarType t) {
  double max = ir::info(t).max;
  double min = t == kBool || t == kUInt8 ? 0.0 : ir::is_floating(t) ? -max : -max - 1;
  auto x = static_cast<double>(v);
  if (!(x >= min && x <= max)) throw Error(std::string(name) + " is out of bounds for " + type_meta_name(t));
}

}  // namespace

Tensor rand(const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType t = frontend::dtype_for(options, kFloat32);
  frontend::check_shape(sizes.vec(), t);
  check_floating(t, "check_uniform_bounds");
  return drawn(sizes.vec(), t, [t](void* out, int64_t n) {
    runtime::fill_uniform(runtime::default_cpu_generator(), t, n, out);
  });
}

Tensor randn(const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType t = frontend::dtype_for(options, kFloat32);
  frontend::check_shape(sizes.vec(), t);
  check_floating(t, "normal_kernel_cpu");
  return drawn(sizes.vec(), t, [t](void* out, int64_t n) {
    runtime::fill_normal(runtime::default_cpu_generator(), t, n, out);
  });
}

Tensor randint(int64_t high, const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return randint(0, high, sizes, options);
}

Tensor randint(int64_t low, int64_t high, const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  ScalarType t = frontend::dtype_for(options, kInt64);
  frontend::check_shape(sizes.vec(), t);
  if (low >= high) {
    throw Error("random_ expects 'from' to be less than 'to', but got from=" + std::to_string(low) +
                " >= to=" + std::to_string(high));
  }
  if (ir::is_floating(t)) {
    low = update_from(low, t);
    high = update_to(high, t);
    if (low >= high) {
      throw Error("random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=" +
                  std::to_string(low) + " >= to=" + std::to_string(high));
    }
  }
  // (PyTorch also warns when a floating dtype cannot hold every integer of
  // the range; kiln has no warnings channel, and the values are the same.)
  check_in_range(low, "from", t);
  check_in_range(high - 1, "to - 1", t);
  uint64_t range = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  return drawn(sizes.vec(), t, [t, range, low](void* out, int64_t n) {
    runtime::fill_random_from_to(runtime::default_cpu_generator(), t, n, out, range, low);
  });
}

// kiln has no permuted views, so like PyTorch's empty_like for every tensor
// kiln can make, the results are contiguous.
Tensor rand_like(const Tensor& t, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return rand(t.sizes(), frontend::dtype_for(options, t.dtype()));
}
Tensor randn_like(const Tensor& t, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return randn(t.sizes(), frontend::dtype_for(options, t.dtype()));
}
Tensor randint_like(const Tensor& t, int64_t high, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return randint(high, t.sizes(), frontend::dtype_for(options, t.dtype()));
}
Tensor randint_like(const Tensor& t, int64_t low, int64_t high, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return randint(low, high, t.sizes(), frontend::dtype_for(options, t.dtype()));
}

}  // namespace kiln
