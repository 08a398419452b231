// How sizes and dtypes print: as Python prints them.
#include <sstream>
#include <string>

#include <kiln/sizes.h>
#include <kiln/types.h>

#include "ir/shape.h"

namespace kiln {

std::ostream& ir::operator<<(std::ostream& os, DType t) { return os << "torch." << ir::torch_name(t); }

std::string Sizes::repr() const {
  std::ostringstream os;
  os << "torch.Size(" << *this << ")";
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const Sizes& s) { return os << ir::to_string(s.vec()); }

}  // namespace kiln
