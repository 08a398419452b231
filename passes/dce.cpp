#include "passes/passes.h"

namespace kiln::passes {

ir::Graph dce(const ir::Graph& g) { return ir::graph_of(g.roots); }

}  // namespace kiln::passes
