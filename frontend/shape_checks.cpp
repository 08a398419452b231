#include "frontend/shape_checks.h"

#include <string>

#include <kiln/error.h>

namespace kiln::frontend {

void check_shape(const ir::Shape& shape, ScalarType dtype) {
  for (int64_t d : shape) {
    if (d < 0) {
      throw Error("Trying to create tensor with negative dimension " + std::to_string(d) + ": " +
                  ir::to_string(shape));
    }
  }
  if (shape.size() > kMaxDims) {
    throw NotImplementedError("kiln: tensors with more than " + std::to_string(kMaxDims) +
                              " dimensions are not supported");
  }
  auto bytes = static_cast<int64_t>(ir::itemsize(dtype));
  for (int64_t d : shape) {
    if (__builtin_mul_overflow(bytes, d, &bytes)) {
      throw Error("Storage size calculation overflowed with sizes=" + ir::to_string(shape));
    }
  }
}

void check_inplace_shape(const ir::Shape& self, const ir::Shape& result) {
  if (result != self) {
    throw Error("output with shape " + ir::to_string(self) + " doesn't match the broadcast shape " +
                ir::to_string(result));
  }
}

}  // namespace kiln::frontend
