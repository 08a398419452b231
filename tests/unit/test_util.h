// Helpers shared by the unit tests.
#pragma once

#include <kiln/kiln.h>

#include <functional>
#include <string>
#include <vector>

namespace kiln::testing {

// Runs the body with the given backend selected, then restores the previous.
class BackendScope {
 public:
  explicit BackendScope(debug::Backend b) : saved_(debug::backend()) { debug::set_backend(b); }
  ~BackendScope() { debug::set_backend(saved_); }
  BackendScope(const BackendScope&) = delete;
  BackendScope& operator=(const BackendScope&) = delete;

 private:
  debug::Backend saved_;
};

// A realized tensor of `shape` and `dtype` whose element i is value(i).
Tensor make_tensor(const std::vector<int64_t>& shape, ScalarType dtype, const std::function<double(int64_t)>& value);

// The elements of a realized tensor, row-major, as doubles.
std::vector<double> values_of(const Tensor& t);

// Builds the tensor with `make` once under the interpreter and once under
// the JIT and checks dtype, shape and values agree: bit-exact (NaN equal to
// NaN) unless `rel_tol` allows rounding differences (reductions).
void expect_jit_matches_interpreter(const std::function<Tensor()>& make, double rel_tol = 0.0);

}  // namespace kiln::testing
