// How sizes and dtypes print: as Python prints them.
#include <sstream>
#include <string>

#include <kiln/sizes.h>
#include <kiln/types.h>

namespace kiln {

std::ostream& ir::operator<<(std::ostream& os, DType t) { return os << "torch." << ir::torch_name(t); }

std::string Sizes::repr() const {
  std::ostringstream os;
  os << "torch.Size(" << *this << ")";
  return os.str();
}

std::ostream& operator<<(std::ostream& os, const Sizes& s) {
  os << '[';
  for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
  return os << ']';
}

}  // namespace kiln
