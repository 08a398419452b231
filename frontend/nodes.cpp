#include "frontend/nodes.h"

#include <exception>
#include <string>

#include "runtime/dump.h"
#include "runtime/host_storage.h"
#include "runtime/realize.h"

namespace kiln::frontend {

const TensorImpl& impl_of(const Tensor& t) {
  if (!t.defined()) throw Error("Expected a proper Tensor but got an undefined Tensor");
  return *t.impl();
}

ir::NodePtr node_of(const Tensor& t) { return impl_of(t).node(); }

std::vector<ir::NodePtr> nodes_of(const std::vector<Tensor>& tensors) {
  std::vector<ir::NodePtr> nodes;
  for (const Tensor& t : tensors) nodes.push_back(node_of(t));
  return nodes;
}

void realize_nodes(const std::vector<ir::NodePtr>& roots) {
  try {
    runtime::realize(roots);
  } catch (const Error&) {
    throw;
  } catch (const runtime::OutOfMemory& e) {
    throw Error(e.what());
  } catch (const std::exception& e) {
    throw Error(std::string("kiln internal error: ") + e.what());
  }
}

void bound_pending(const ir::NodePtr& n) {
  constexpr int64_t kMaxDepth = 1024;
  if (n->depth < kMaxDepth) return;
  if (runtime::dump_enabled("graph")) {
    runtime::dump("graph", "auto-realize", "a chain of " + std::to_string(n->depth) + " pending nodes\n");
  }
  realize_nodes({n});
}

void materialize_storage(const TensorImpl& t) {
  ir::NodePtr& base = t.storage->base;
  realize_nodes({base});
  if (base->strides != ir::contiguous_strides(base->shape)) {
    base = ir::make_unary(ir::Op::Cast, base->dtype, base);  // a copy
    realize_nodes({base});
  }
}

std::shared_ptr<ir::Storage> allocate(size_t nbytes) {
  try {
    return runtime::allocate_host(nbytes);
  } catch (const runtime::OutOfMemory& e) {
    throw Error(e.what());
  }
}

}  // namespace kiln::frontend
