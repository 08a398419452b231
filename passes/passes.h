// The graph passes, one file each. Each takes a graph and returns an
// equivalent one (the same values at the roots, bit for bit); the input is
// never changed. With `keep_roots`, a root is never replaced by another node
// (see RewriteOptions): how realization runs them.
#pragma once

#include "ir/graph.h"

namespace kiln::passes {

// Drops the nodes no root reaches.
ir::Graph dce(const ir::Graph& g);
// Common subexpressions: nodes with equal op, type, attributes and operands
// become one.
ir::Graph cse(const ir::Graph& g, bool keep_roots = false);
// Algebraic identities that keep every value bit for bit (simplify.cpp).
ir::Graph simplify(const ir::Graph& g, bool keep_roots = false);
// Views folded: chains of movement ops become one, and a strided view of a
// computed value is pushed through its elementwise ops to their operands,
// so that it becomes index math in one kernel instead of a copy
// (fold_views.cpp).
ir::Graph fold_views(const ir::Graph& g, bool keep_roots = false);
// Reductions of many elements into a few values run in two steps, the
// first with an outer loop threads can share (split_reductions.cpp).
ir::Graph split_reductions(const ir::Graph& g, bool keep_roots = false);

}  // namespace kiln::passes
