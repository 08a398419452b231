// linspace: a ramp node, computed on the host at realization like arange
// (runtime/ramp.h).
#include <kiln/error.h>
#include <kiln/factory.h>

#include "frontend/caller.h"
#include "frontend/device_check.h"
#include "frontend/scalar_io.h"
#include "frontend/shape_checks.h"
#include "ir/node.h"

namespace kiln {

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, TensorOptions options, Caller caller) {
  const frontend::AtCaller here(caller);
  if (steps < 0) throw Error("number of steps must be non-negative");
  ScalarType t = frontend::dtype_for(options, kFloat32);
  frontend::check_shape({steps}, t);
  // PyTorch converts (checked) only what it uses: nothing for no steps,
  // start for one (a fill), start and end in its kernel, which has no bool.
  ir::Literal first = int64_t{0}, last = int64_t{0};
  if (steps >= 2 && t == kBool) throw Error("\"linspace_cpu\" not implemented for 'Bool'");
  if (steps >= 1) first = frontend::checked_literal(start, t);
  if (steps >= 2) last = frontend::checked_literal(end, t);
  return Tensor(ir::make_linspace(t, steps, first, last));
}

}  // namespace kiln
