// kiln::Tensor: attributes, realization and element access.
#include <kiln/tensor.h>

#include "frontend/dims.h"
#include "frontend/format.h"
#include "frontend/nodes.h"
#include "frontend/scalar_io.h"
#include "ir/node.h"

namespace kiln {

Tensor::Tensor(std::shared_ptr<ir::Node> node) : impl_(frontend::impl_of_node(std::move(node))) {}
Tensor::Tensor(std::shared_ptr<frontend::TensorImpl> impl) : impl_(std::move(impl)) {}

std::shared_ptr<ir::Node> Tensor::node() const { return impl_ ? impl_->node() : nullptr; }

int64_t Tensor::dim() const { return static_cast<int64_t>(frontend::impl_of(*this).sizes.size()); }
Sizes Tensor::sizes() const { return Sizes(frontend::impl_of(*this).sizes); }
int64_t Tensor::numel() const { return ir::numel(frontend::impl_of(*this).sizes); }
ScalarType Tensor::scalar_type() const { return frontend::impl_of(*this).dtype; }

int64_t Tensor::size(int64_t d) const {
  if (dim() == 0) throw IndexError("Dimension specified as " + std::to_string(d) + " but tensor has no dimensions");
  return frontend::impl_of(*this).sizes[frontend::wrap_dim(d, dim())];
}

const Tensor& Tensor::realize() const {
  frontend::realize_nodes({frontend::node_of(*this)});
  return *this;
}

void realize(const std::vector<Tensor>& tensors) { frontend::realize_nodes(frontend::nodes_of(tensors)); }

namespace {
// Address of the first element of a realized tensor.
char* first_element(const ir::Node& n) {
  return static_cast<char*>(n.storage->data()) + n.offset * static_cast<int64_t>(ir::itemsize(n.dtype));
}
}  // namespace

Scalar Tensor::item() const {
  if (numel() != 1) {
    throw Error("a Tensor with " + std::to_string(numel()) + " elements cannot be converted to Scalar");
  }
  ir::NodePtr n = frontend::node_of(*this);
  frontend::realize_nodes({n});
  return frontend::read_scalar(first_element(*n), n->dtype);
}

void* Tensor::data_ptr_checked(ScalarType expected, bool writable) const {
  if (scalar_type() != expected) {
    throw Error("expected scalar type " + std::string(ir::cpp_name(expected)) + " but found " +
                std::string(ir::cpp_name(scalar_type())));
  }
  frontend::materialize_storage(frontend::impl_of(*this));
  ir::NodePtr n = frontend::node_of(*this);
  frontend::realize_nodes({n});
  // The caller may write: compute what was recorded from this memory first.
  if (writable) {
    std::vector<ir::NodePtr> readers = n->storage->pending_readers();
    if (!readers.empty()) frontend::realize_nodes(readers);
  }
  return first_element(*n);
}

std::string Tensor::str() const {
  ir::NodePtr node = frontend::node_of(*this);
  frontend::realize_nodes({node});
  const ir::Node& n = *node;
  return frontend::format_tensor(frontend::HostView{n.dtype, n.shape, n.strides, first_element(n)});
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) { return os << t.str(); }

}  // namespace kiln
