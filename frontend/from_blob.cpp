// from_blob: a tensor over the caller's memory, as libtorch's. The memory is
// a Buffer leaf's storage like any realized value, so every op reads it in
// place, writes through data_ptr() land in it, and data_ptr()'s reader
// tracking keeps earlier results from seeing those writes.
#include <kiln/error.h>
#include <kiln/factory.h>

#include <string>

#include "frontend/caller.h"
#include "frontend/device_check.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"
#include "runtime/host_storage.h"

namespace kiln {

namespace {

std::string list_text(const Sizes& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

}  // namespace

Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, int64_t storage_offset, const Deleter& deleter,
                 TensorOptions options, Caller caller) {
                   const frontend::AtCaller here(caller);
  ScalarType t = frontend::dtype_for(options, kFloat32);
  frontend::check_shape(sizes.vec(), t);
  if (sizes.size() != strides.size()) {
    throw Error("dimensionality of sizes (" + std::to_string(sizes.size()) +
                ") must match dimensionality of strides (" + std::to_string(strides.size()) + ")");
  }
  // The elements' extent past `data`, in elements; the storage covers it
  // (none for an empty tensor, as PyTorch's storage size).
  int64_t lo = storage_offset, hi = storage_offset, nbytes = 0;
  bool empty = ir::numel(sizes.vec()) == 0;
  bool overflow = false;
  for (size_t d = 0; d < sizes.size() && !empty; ++d) {
    int64_t span = 0;
    overflow |= __builtin_mul_overflow(sizes[d] - 1, strides[d], &span);
    overflow |= __builtin_add_overflow(span < 0 ? lo : hi, span, span < 0 ? &lo : &hi);
  }
  if (!empty) overflow |= __builtin_mul_overflow(hi + 1, static_cast<int64_t>(ir::itemsize(t)), &nbytes);
  std::string view = "sizes " + list_text(sizes) + ", strides " + list_text(strides) + " and storage offset " +
                     std::to_string(storage_offset);
  if (overflow) throw Error("from_blob: " + view + " reach past the address space");
  if (!empty && lo < 0) throw ValueError("from_blob: " + view + " reach before data");
  auto storage = runtime::borrow_host(data, static_cast<size_t>(nbytes), deleter);
  return Tensor(ir::make_buffer(t, sizes.vec(), std::move(storage), strides.vec(), empty ? 0 : storage_offset));
}

Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, const Deleter& deleter, TensorOptions options,
                 Caller caller) {
  const frontend::AtCaller here(caller);
  return from_blob(data, sizes, strides, 0, deleter, options);
}

Tensor from_blob(void* data, const Sizes& sizes, const Deleter& deleter, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  frontend::check_shape(sizes.vec(), kUInt8);  // sizes whose strides can be computed
  return from_blob(data, sizes, Sizes(ir::contiguous_strides(sizes.vec())), 0, deleter, options);
}

Tensor from_blob(void* data, const Sizes& sizes, const Sizes& strides, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return from_blob(data, sizes, strides, 0, Deleter(), options);
}

Tensor from_blob(void* data, const Sizes& sizes, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  return from_blob(data, sizes, Deleter(), options);
}

}  // namespace kiln
