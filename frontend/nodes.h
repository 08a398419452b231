// The frontend's way into the graph: tensors' nodes (checked), and
// realization with runtime failures turned into kiln::Error.
#pragma once

#include <vector>

#include <kiln/tensor.h>

#include "frontend/tensor_impl.h"
#include "ir/node.h"

namespace kiln::frontend {

// The node behind `t`; throws kiln::Error for an undefined tensor.
ir::NodePtr node_of(const Tensor& t);
// The implementation behind `t`; throws kiln::Error for an undefined tensor.
const TensorImpl& impl_of(const Tensor& t);
std::vector<ir::NodePtr> nodes_of(const std::vector<Tensor>& tensors);

// runtime::realize, where only kiln::Error escapes: running out of memory
// keeps the allocator's message, any other failure is reported as an
// internal error.
void realize_nodes(const std::vector<ir::NodePtr>& roots);

// Realizes the storage behind `t` into memory of its own, laid out
// contiguously, so that addresses computed from t's strides and offset are
// right (a realized broadcast constant is one element, aliased).
void materialize_storage(const TensorImpl& t);

// Realizes `n` now when the chain of pending nodes ending at it has grown
// past a bound (a loop like `acc = acc + x` or `x.add_(1)`), so that the
// pending graph and its memory stay bounded; KILN_DUMP=graph logs it.
void bound_pending(const ir::NodePtr& n);

// Host memory for a new tensor; running out of memory is a kiln::Error.
std::shared_ptr<ir::Storage> allocate(size_t nbytes);

}  // namespace kiln::frontend
