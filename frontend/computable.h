// Which dtypes kiln can compute with today. Creating, printing and reading
// tensors works for every dtype; computing on float16 and bfloat16 does not
// yet, and says so at the call instead of failing at realization.
#pragma once

#include <string_view>

#include <kiln/types.h>

namespace kiln::frontend {

// Throws kiln::NotImplementedError naming `what` when kiln cannot compute
// values of dtype `t`.
void check_computable(ScalarType t, std::string_view what);

}  // namespace kiln::frontend
