#include "frontend/nodes.h"

#include <exception>
#include <string>

#include "runtime/host_storage.h"
#include "runtime/realize.h"

namespace kiln::frontend {

const ir::NodePtr& node_of(const Tensor& t) {
  if (!t.defined()) throw Error("Expected a proper Tensor but got an undefined Tensor");
  return t.node();
}

std::vector<ir::NodePtr> nodes_of(const std::vector<Tensor>& tensors) {
  std::vector<ir::NodePtr> nodes;
  for (const Tensor& t : tensors) nodes.push_back(node_of(t));
  return nodes;
}

ir::NodePtr cast_to(ir::NodePtr n, ScalarType t) {
  return n->dtype == t ? n : ir::make_unary(ir::Op::Cast, t, std::move(n));
}

ir::NodePtr broadcast_to(ir::NodePtr n, const ir::Shape& shape) {
  if (n->shape.size() < shape.size()) {
    ir::Shape padded(shape.size() - n->shape.size(), 1);
    padded.insert(padded.end(), n->shape.begin(), n->shape.end());
    n = ir::make_movement(ir::Op::Reshape, std::move(n), std::move(padded));
  }
  if (n->shape != shape) n = ir::make_movement(ir::Op::Expand, std::move(n), shape);
  return n;
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

std::shared_ptr<ir::Storage> allocate(size_t nbytes) {
  try {
    return runtime::allocate_host(nbytes);
  } catch (const runtime::OutOfMemory& e) {
    throw Error(e.what());
  }
}

}  // namespace kiln::frontend
