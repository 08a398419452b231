// Reading and writing one element of any dtype in host memory.
#pragma once

#include <kiln/scalar.h>
#include <kiln/types.h>

#include "ir/node.h"

namespace kiln::frontend {

// The element at `p`: bool, int64 or double, as Python's item() gives.
Scalar read_scalar(const void* p, ScalarType t);
// Stores `s` converted to `t` (as a cast from its category would). Callers
// check the value fits first (see overflows); integers wrap modulo 2^n.
void write_scalar(void* p, ScalarType t, const Scalar& s);

// c10's rule for when converting `s` to dtype `t` overflows: an integer out
// of range (negative values may wrap into unsigned types), a non-finite or
// out-of-range float into an integer, a finite float past a floating type's
// range. Infinities and NaN fit every floating type.
bool overflows(const Scalar& s, ScalarType t);

// `s` as a literal of dtype `t`, checked like libtorch's Scalar::to<T>():
// throws kiln::Error "value cannot be converted to type int64_t without
// overflow" (naming the C++ type) when it does not fit.
ir::Literal checked_literal(const Scalar& s, ScalarType t);

// `s` as a literal for dtype `t`, unchecked (node constructors canonicalize
// it to the type): for numbers that type promotion already fitted.
ir::Literal literal_of(const Scalar& s, ScalarType t);

}  // namespace kiln::frontend
