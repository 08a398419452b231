// Provenance: where the user's program called kiln.
//
// Every public function that records graph nodes takes a `Caller` as its
// last parameter, defaulted (KILN_CALLER) to the calling line; the nodes it
// records carry that line, and KILN_DUMP=kernels (and
// kiln::debug::planned_kernels) list the lines fused into each kernel.
// Calls kiln makes inside a public call keep the outer call's line, so a
// softmax's kernels name the user's line, not kiln's. Never pass a Caller
// yourself.
#pragma once

#include <source_location>

namespace kiln {

class Tensor;

struct Caller {
  Caller(std::source_location where = std::source_location::current()) : where(where) {}  // NOLINT
  std::source_location where;
};

// The trailing parameter of public declarations. Spelled out, not `= {}`:
// the standard only promises the caller's location for source_location's
// own default argument.
#define KILN_CALLER ::kiln::Caller caller = ::std::source_location::current()

// An operator's tensor operand. Operators cannot take a defaulted
// parameter, so the implicit conversion from Tensor, whose constructor
// can, brings the location of `a + b`, `a * 2.0`, `2.0 - a` or `-a`.
class TensorOperand {
 public:
  TensorOperand(const Tensor& t, std::source_location where = std::source_location::current())  // NOLINT
      : tensor_(t), caller_(where) {}
  operator const Tensor&() const { return tensor_; }  // NOLINT(google-explicit-constructor)
  const Tensor& tensor() const { return tensor_; }
  const Caller& caller() const { return caller_; }

 private:
  const Tensor& tensor_;
  Caller caller_;
};

}  // namespace kiln
