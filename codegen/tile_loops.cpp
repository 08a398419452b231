#include "codegen/tile_loops.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "codegen/simplify_loops.h"

namespace kiln::codegen {

namespace {

// A stride of at least a cache line (bytes) wastes the rest of each line
// it loads.
constexpr int64_t kCacheLine = 64;
// A tile reads kTileRowBytes from each of kTileRows rows of the strided
// operand (the within-tile q loop, innermost and vectorized, gathers one
// element per row): 16 KiB of source lines and 16 KiB of output, inside
// L1, with rows long enough for the prefetcher to follow. Measured on
// x.t().contiguous() at 4096x4096 f32 (Zen 5): 128x32 tiles beat 32x32 by
// 1.8x; 64-row tiles overflow L1, 16-row ones vectorize worse.
constexpr int64_t kTileRows = 32;
constexpr int64_t kTileRowBytes = 512;
constexpr int64_t kMinTile = 8;

// The largest power of two from `largest` down to kMinTile dividing
// `extent`, or the extent itself: a loop that no size divides moves into
// the tile whole.
int64_t tile_size(int64_t extent, int64_t largest) {
  for (int64_t t = largest; t >= kMinTile; t /= 2)
    if (extent % t == 0) return t;
  return extent;
}

struct Strided {
  size_t p;          // the loop the load walks with unit stride
  int64_t itemsize;  // of the loaded elements
};

// The first load strided across lines in loop q and unit-stride in a loop
// p < q, if any.
std::optional<Strided> strided_load(const Kernel& k, size_t q) {
  for (const Instr& in : k.body) {
    if (in.kind != Instr::Kind::Load || in.a >= 0) continue;  // a gather's addresses are data
    auto size = static_cast<int64_t>(ir::itemsize(in.dtype));  // bool is one byte in memory too
    if (std::abs(in.index.coef[q]) * size < kCacheLine) continue;
    for (size_t p = q; p-- > 0;)
      if (std::abs(in.index.coef[p]) == 1) return Strided{p, size};
  }
  return std::nullopt;
}

}  // namespace

void tile_loops(Kernel& k) {
  // Reductions keep their loop order: it is the order equal values are
  // found in, and their inner loop reads contiguously already when it can.
  if (k.reduce || k.loops.size() < 2) return;
  size_t q = k.loops.size() - 1;
  std::optional<Strided> found = strided_load(k, q);
  if (!found) return;
  size_t p = found->p;
  int64_t tp = tile_size(k.loops[p].extent, std::max(kTileRowBytes / found->itemsize, kMinTile));
  int64_t tq = tile_size(k.loops[q].extent, kTileRows);
  // q in one tile reads at most 32 lines per row of p, and the next row
  // reuses them: already the tiled order.
  if (tq == k.loops[q].extent) return;

  // New loops as (old loop, multiplier of its index), outermost first:
  // loops before p, p's tiles, the loops between, q's tiles, then within a
  // tile p and q. Tile loops of extent 1 are left out.
  struct Part {
    size_t from;
    int64_t extent, scale;
  };
  std::vector<Part> parts;
  for (size_t l = 0; l < p; ++l) parts.push_back({l, k.loops[l].extent, 1});
  if (k.loops[p].extent > tp) parts.push_back({p, k.loops[p].extent / tp, tp});
  for (size_t l = p + 1; l < q; ++l) parts.push_back({l, k.loops[l].extent, 1});
  if (k.loops[q].extent > tq) parts.push_back({q, k.loops[q].extent / tq, tq});
  parts.push_back({p, tp, 1});
  parts.push_back({q, tq, 1});

  std::vector<Loop> loops;
  for (const Part& part : parts) loops.push_back(Loop{part.extent, false});
  for (Affine* a : accesses(k)) {
    std::vector<int64_t> coef;
    for (const Part& part : parts) coef.push_back(a->coef[part.from] * part.scale);
    a->coef = std::move(coef);
  }
  k.loops = std::move(loops);
}

}  // namespace kiln::codegen
