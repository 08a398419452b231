// Loop-nest simplification of a kernel: drops loops of extent 1 and merges
// adjacent loops that every access walks as one (coef[l] == coef[l+1] *
// extent[l+1]), so a contiguous N-d elementwise kernel becomes one flat loop
// that vectorizes, and a broadcast keeps only the loops it needs.
#pragma once

#include <vector>

#include "codegen/kernel.h"

namespace kiln::codegen {

void simplify_loops(Kernel& k);

// Every affine access of `k` (the store, the arg reduction's position, the
// loads), for the passes that rewrite its loop nest.
std::vector<Affine*> accesses(Kernel& k);

}  // namespace kiln::codegen
