#include "passes/pipeline.h"

#include <stdexcept>

#include "ir/verify.h"
#include "passes/passes.h"

namespace kiln::passes {

const std::vector<std::string>& known_passes() {
  static const std::vector<std::string> names{"simplify", "fold-views", "cse", "dce", "split-reductions"};
  return names;
}

const std::vector<std::string>& default_pipeline() { return known_passes(); }

namespace {

ir::Graph run_pass(const std::string& name, const ir::Graph& g, bool keep_roots) {
  if (name == "simplify") return simplify(g, keep_roots);
  if (name == "fold-views") return fold_views(g, keep_roots);
  if (name == "cse") return cse(g, keep_roots);
  if (name == "dce") return dce(g);
  if (name == "split-reductions") return split_reductions(g, keep_roots);
  std::string known;
  for (const std::string& k : known_passes()) known += (known.empty() ? "" : ", ") + k;
  throw std::invalid_argument("unknown pass '" + name + "' (known: " + known + ")");
}

}  // namespace

ir::Graph run_pipeline(const ir::Graph& g, const std::vector<std::string>& names, const PipelineOptions& options) {
  ir::Graph current = g;
  for (const std::string& name : names) {
    ir::Graph next = run_pass(name, current, options.keep_roots);
    if (options.verify) {
      if (auto err = ir::verify(next.roots)) throw std::logic_error("after pass " + name + ": invalid graph: " + *err);
    }
    if (options.after_pass) options.after_pass(name, current, next);
    current = std::move(next);
  }
  return current;
}

}  // namespace kiln::passes
