#include "passes/rewrite.h"

#include <unordered_map>
#include <unordered_set>

#include "ir/walk.h"

namespace kiln::passes {

ir::Graph rewrite(const ir::Graph& g, const Rule& rule, RewriteOptions options) {
  std::unordered_set<const ir::Node*> roots;
  if (options.keep_roots)
    for (const ir::NodePtr& r : g.roots) roots.insert(r.get());
  // Only the nodes the rewrite replaced: most realizations change few or
  // none, and this walk runs once per pass per realization.
  std::unordered_map<const ir::Node*, ir::NodePtr> image;
  auto image_of = [&](const ir::NodePtr& n) {
    if (image.empty()) return n;
    auto it = image.find(n.get());
    return it == image.end() ? n : it->second;
  };
  std::vector<ir::NodePtr> images;
  images.reserve(g.nodes.size());
  for (const ir::NodePtr& n : g.nodes) {
    ir::NodePtr m = n;
    if (!n->srcs.empty()) {
      std::vector<ir::NodePtr> srcs;
      bool changed = false;
      for (const ir::NodePtr& s : n->srcs) {
        srcs.push_back(image_of(s));
        changed = changed || srcs.back() != s;
      }
      if (changed) m = ir::clone_with_operands(*n, std::move(srcs));
    }
    // What the rule builds in n's place keeps n's provenance.
    ir::LocScope at(n->loc, ir::LocScope::Replace);
    ir::NodePtr r = rule(m, *n);
    if (r != m && options.keep_roots && roots.count(n.get())) {
      // A root stays a value of its own: a computation it simplifies to is
      // rebuilt as a new node; a buffer, view or constant cannot be, so the
      // root stays as it was.
      bool fresh = !r->srcs.empty() && ir::op_kind(r->op) != ir::OpKind::Movement;
      r = fresh ? ir::clone_with_operands(*r, r->srcs) : m;
    }
    m = std::move(r);
    if (m != n) image.emplace(n.get(), m);
    images.push_back(std::move(m));
  }
  if (image.empty()) return g;  // nothing changed
  ir::Graph out;
  for (const ir::NodePtr& r : g.roots) out.roots.push_back(image_of(r));
  // Every image and what it reaches (new nodes a rule made included), in an
  // order where operands come first; nodes nothing uses stay until dce.
  for (ir::Node* n : ir::topo_order(images)) out.nodes.push_back(n->shared_from_this());
  return out;
}

}  // namespace kiln::passes
