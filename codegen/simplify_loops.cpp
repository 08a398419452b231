#include "codegen/simplify_loops.h"

namespace kiln::codegen {

std::vector<Affine*> accesses(Kernel& k) {
  std::vector<Affine*> out{&k.store, &k.reduce_index};
  for (auto* list : {&k.body, &k.epilogue})
    for (Instr& in : *list)
      if (in.kind == Instr::Kind::Load) out.push_back(&in.index);
  return out;
}

namespace {

void erase_loop(Kernel& k, const std::vector<Affine*>& accesses, size_t l) {
  k.loops.erase(k.loops.begin() + static_cast<std::ptrdiff_t>(l));
  for (Affine* a : accesses) a->coef.erase(a->coef.begin() + static_cast<std::ptrdiff_t>(l));
}

}  // namespace

void simplify_loops(Kernel& k) {
  std::vector<Affine*> accesses = codegen::accesses(k);
  for (size_t l = k.loops.size(); l-- > 0;)
    if (k.loops[l].extent == 1) erase_loop(k, accesses, l);
  for (size_t l = k.loops.size(); l-- > 1;) {
    const Loop& outer = k.loops[l - 1];
    const Loop& inner = k.loops[l];
    if (outer.reduce != inner.reduce) continue;
    bool mergeable = true;
    for (const Affine* a : accesses) mergeable &= a->coef[l - 1] == a->coef[l] * inner.extent;
    if (!mergeable) continue;
    // i_outer * extent_inner + i_inner is the merged index.
    k.loops[l - 1].extent *= inner.extent;
    for (Affine* a : accesses) a->coef[l - 1] = a->coef[l];
    erase_loop(k, accesses, l);
  }
}

}  // namespace kiln::codegen
