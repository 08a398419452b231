// KILN_DUMP=dot: a realization's graph in Graphviz's dot language, each
// kernel a cluster holding the nodes it computes (a node several kernels
// recompute is drawn in each); edges between clusters are values read from
// memory. Render with `dot -Tsvg`.
#pragma once

#include <string>
#include <vector>

#include "passes/fuse.h"
#include "runtime/buffer_plan.h"

namespace kiln::runtime {

// Clusters are labeled as KILN_DUMP=kernels heads its kernels, memory plan
// included (`memory`'s kernel names are filled in as kernels are named).
std::string graph_dot(const std::vector<ir::NodePtr>& roots, const passes::Schedule& schedule, BufferPlan memory);

}  // namespace kiln::runtime
