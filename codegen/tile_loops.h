// Cache tiling of elementwise kernels that read across their innermost loop.
//
// A transposed read (`x.t().contiguous()`, a permute, `x.t() + y`) stores
// contiguously but loads with a stride of a whole row in the innermost
// loop: each loaded cache line yields one element before it is evicted, so
// such a kernel runs at a fraction of memory bandwidth. When a load strides
// across cache lines in the innermost loop q but walks unit stride in an
// outer loop p, both are split into (tile, within-tile) pairs and the
// within-tile loops are moved innermost:
//
//   loops=[4096, 4096]         load %a0[i0 + 4096*i1]
//   loops=[32, 128, 128, 32]   load %a0[128*i0 + 131072*i1 + i2 + 4096*i3]
//
// so a tile's source lines stay in L1 while the tile is written. The
// splits are exact (a tile size dividing the extent; a loop no size divides
// moves into the tile whole), which keeps the rewrite purely affine: the
// emitter and the interpreter need no change, and the tile loop over p (or
// the outermost one) is still what threads split.
#pragma once

#include "codegen/kernel.h"

namespace kiln::codegen {

void tile_loops(Kernel& k);

}  // namespace kiln::codegen
