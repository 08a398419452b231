#include "frontend/promote.h"

#include <optional>

namespace kiln::frontend {

using ir::Category;

ScalarType promote_types(ScalarType a, ScalarType b) {
  if (a == b) return a;
  Category ca = ir::category(a), cb = ir::category(b);
  if (ca != cb) return ca > cb ? a : b;
  if (ca == Category::Floating) {
    // float16 and bfloat16 have no common 16-bit type.
    if (ir::itemsize(a) == ir::itemsize(b)) return kFloat32;
    return ir::itemsize(a) > ir::itemsize(b) ? a : b;
  }
  // Integral. uint8 against a signed type needs the next signed size up.
  if (a == kUInt8 || b == kUInt8) {
    ScalarType other = a == kUInt8 ? b : a;
    return other == kInt8 ? kInt16 : other;
  }
  return ir::itemsize(a) > ir::itemsize(b) ? a : b;
}

ScalarType scalar_dtype(const Scalar& s) {
  if (s.isBoolean()) return kBool;
  return s.isFloatingPoint() ? kFloat32 : kInt64;
}

namespace {

// PyTorch's combine_categories: the lower-priority group only matters when
// it is of a higher category than the higher-priority group.
std::optional<ScalarType> combine(std::optional<ScalarType> higher, std::optional<ScalarType> lower) {
  if (!higher) return lower;
  if (!lower) return higher;
  if (ir::is_floating(*higher)) return higher;
  if (*higher == kBool || ir::is_floating(*lower)) return promote_types(*higher, *lower);
  return higher;
}

void fold(std::optional<ScalarType>& acc, ScalarType t) { acc = acc ? promote_types(*acc, t) : t; }

}  // namespace

ScalarType result_type(const std::vector<Operand>& operands) {
  std::optional<ScalarType> dimensioned, zero_dim, wrapped;
  for (const Operand& o : operands) {
    if (o.scalar) {
      fold(wrapped, scalar_dtype(*o.scalar));
    } else if (o.tensor->dim() == 0) {
      fold(zero_dim, o.tensor->scalar_type());
    } else {
      fold(dimensioned, o.tensor->scalar_type());
    }
  }
  return *combine(dimensioned, combine(zero_dim, wrapped));
}

}  // namespace kiln::frontend
