// KILN_CHECK_IR=1 (set by ctest for every test): each graph realize() is
// given is printed, parsed back and printed again; any difference is a bug
// in the printer or the parser, thrown as std::logic_error. So the textual
// IR provably describes every graph the test suite builds.
#pragma once

#include <vector>

#include "ir/node.h"

namespace kiln::runtime {

bool ir_check_enabled();

// Throws std::logic_error when print(parse(print(roots))) != print(roots)
// or the printed graph does not parse (which includes verifying it).
void check_ir_round_trip(const std::vector<ir::NodePtr>& roots);

}  // namespace kiln::runtime
