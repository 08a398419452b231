#include "codegen/kernel_sizes.h"

#include <algorithm>
#include <cctype>

namespace kiln::codegen {

namespace {

// An innermost loop this short keeps its extent in the code (see the header).
constexpr int64_t kLiteralExtentMax = 16;

}  // namespace

KernelSizes::KernelSizes(const Kernel& k) {
  // The order print_kernel prints them in: the loops, the body's loads, an
  // arg reduction's position, the epilogue's loads, the store.
  size_t first = k.num_outer_loops() > 0 ? 1 : 0;  // the outermost parallel loop runs the caller's range
  for (size_t l = first; l < k.loops.size(); ++l)
    if (l + 1 < k.loops.size() || k.loops[l].extent > kLiteralExtentMax) add(k.loops[l].extent);
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
  for (const int64_t& c : a.coef)
    if (c < -1 || c > 1) add(c);
  if (a.offset < -1 || a.offset > 1) add(a.offset);
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
