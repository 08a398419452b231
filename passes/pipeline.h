// The pass manager: runs named graph passes in order, verifying the graph
// after each (when asked) and reporting each pass's input and output (for
// KILN_DUMP=passes and kiln-opt).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace kiln::passes {

struct PipelineOptions {
  // Roots keep their own node kind (see RewriteOptions): set by realization.
  bool keep_roots = false;
  // Run ir::verify after every pass; an invalid graph is a logic_error
  // naming the pass.
  bool verify = true;
  // Called after each pass with its name and its input and output graphs.
  std::function<void(const std::string& pass, const ir::Graph& before, const ir::Graph& after)> after_pass;
};

// The passes run_pipeline knows, by name: simplify, fold-views, cse, dce.
const std::vector<std::string>& known_passes();
// What realization runs before scheduling.
const std::vector<std::string>& default_pipeline();

// Throws std::invalid_argument for an unknown pass name (listing the known).
ir::Graph run_pipeline(const ir::Graph& g, const std::vector<std::string>& names, const PipelineOptions& options);

}  // namespace kiln::passes
