// Scalar attributes of graph nodes (constant values, arange start/step).
#pragma once

#include <cstdint>
#include <variant>

#include "ir/dtype.h"

namespace kiln::ir {

// Integral values stay exact as int64, floating ones are kept as double.
// Bool is the integer 0 or 1.
using Literal = std::variant<int64_t, double>;

double literal_as_double(const Literal& v);
int64_t literal_as_int(const Literal& v);

// `v` as a value of dtype `t` holds it: bool → 0 or 1, an integer wrapped to
// the type's width (two's complement), a float rounded to the type. Nodes
// store only canonical literals, so equal values print, hash and compile
// alike. Floats given for integer types truncate (NaN → 0, saturating): the
// frontend rejects those that do not fit before they get here.
Literal canonical_literal(const Literal& v, DType t);

// Whether `v` is already canonical for `t` (NaN counts as equal to itself).
bool is_canonical(const Literal& v, DType t);

}  // namespace kiln::ir
