// KILN_DUMP=dot: a realization's graph in Graphviz's dot language, each
// kernel a cluster holding the nodes it computes (render with
// `dot -Tsvg`).
#pragma once

#include <string>
#include <vector>

#include "passes/fuse.h"

namespace kiln::runtime {

std::string graph_dot(const std::vector<ir::NodePtr>& roots, const passes::Schedule& schedule);

}  // namespace kiln::runtime
