#include "codegen/kernel_sizes.h"

#include <algorithm>
#include <cctype>

namespace kiln::codegen {

namespace {

// An innermost loop this short keeps its extent in the code (see the header).
constexpr int64_t kLiteralExtentMax = 16;

bool unit(int64_t v) { return v >= -1 && v <= 1; }

}  // namespace

KernelSizes::KernelSizes(const Kernel& k) : literal_stride_(k.loops.size(), false) {
  size_t n = k.loops.size();
  std::vector<const Affine*> accesses;
  for (const Instr& in : k.body)
    if (in.kind == Instr::Kind::Load) accesses.push_back(&in.index);
  for (const Instr& in : k.epilogue)
    if (in.kind == Instr::Kind::Load) accesses.push_back(&in.index);
  accesses.push_back(&k.store);
  // The loops LLVM vectorizes keep their strides: the innermost, and the
  // one around it when the innermost is unrolled whole.
  bool short_inner = n > 0 && k.loops[n - 1].extent <= kLiteralExtentMax;
  if (n > 0) literal_stride_[n - 1] = true;
  if (n > 1 && short_inner) literal_stride_[n - 2] = true;
  bool strided_inner = false;
  for (const Affine* a : accesses) strided_inner = strided_inner || (n > 0 && !unit(a->coef[n - 1]));

  // In print order: the loops (the outermost parallel one runs the
  // caller's range), the body's loads, an arg reduction's position, the
  // epilogue's loads, the store.
  size_t first = k.num_outer_loops() > 0 ? 1 : 0;
  for (size_t l = first; l < n; ++l)
    if (l + 1 < n || !(short_inner || strided_inner)) add(k.loops[l].extent);
  for (const Instr& in : k.body)
    if (in.kind == Instr::Kind::Load) add(in.index);
  if (k.is_arg_reduce()) add(k.reduce_index);
  for (const Instr& in : k.epilogue)
    if (in.kind == Instr::Kind::Load) add(in.index);
  add(k.store);
}

void KernelSizes::add(const int64_t& v) {
  where_.push_back(&v);
  values_.push_back(v);
}

void KernelSizes::add(const Affine& a) {
  for (size_t l = 0; l < a.coef.size(); ++l)
    if (!literal_stride_[l] && !unit(a.coef[l])) add(a.coef[l]);
  if (!unit(a.offset)) add(a.offset);
}

std::string generic_name(const Kernel& k) {
  const std::string& name = k.name;
  size_t a = name.find('_');
  size_t b = a == std::string::npos ? a : name.find('_', a + 1);
  if (b == std::string::npos || b == a + 1) return name;
  for (size_t i = a + 1; i < b; ++i)
    if (!(std::isdigit(static_cast<unsigned char>(name[i])) || name[i] == 'x')) return name;
  return name.substr(0, a) + name.substr(b);
}

int KernelSizes::param(const int64_t& v) const {
  auto it = std::find(where_.begin(), where_.end(), &v);
  return it == where_.end() ? -1 : static_cast<int>(it - where_.begin());
}

}  // namespace kiln::codegen
