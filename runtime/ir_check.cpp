#include "runtime/ir_check.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "ir/parser.h"
#include "ir/printer.h"
#include "runtime/host_storage.h"

namespace kiln::runtime {

bool ir_check_enabled() {
  static const bool enabled = [] {
    const char* env = std::getenv("KILN_CHECK_IR");
    return env && std::string(env) != "0";
  }();
  return enabled;
}

void check_ir_round_trip(const std::vector<ir::NodePtr>& roots) {
  std::string text = ir::print_graph(roots);
  std::vector<ir::NodePtr> parsed;
  try {  // the parser verifies each node it builds
    parsed = ir::parse_graph(text, allocate_host);
  } catch (const ir::ParseError& e) {
    throw std::logic_error("kiln: KILN_CHECK_IR: the printed graph does not parse: " + std::string(e.what()) + "\n" +
                           text);
  }
  std::string again = ir::print_graph(parsed);
  if (again != text) {
    throw std::logic_error("kiln: KILN_CHECK_IR: the graph prints differently after parsing:\n" + text +
                           "--- vs ---\n" + again);
  }
}

}  // namespace kiln::runtime
