#include "frontend/computable.h"

#include <string>

#include <kiln/error.h>

namespace kiln::frontend {

void check_computable(ScalarType t, std::string_view what) {
  if (t == kFloat16 || t == kBFloat16) {
    throw NotImplementedError("kiln: " + std::string(what) + " on " + std::string(ir::torch_name(t)) +
                              " is not implemented yet");
  }
}

}  // namespace kiln::frontend
