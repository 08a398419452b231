#include "frontend/tensor_impl.h"

#include "frontend/nodes.h"

namespace kiln::frontend {

ir::NodePtr TensorImpl::node() const {
  const ir::NodePtr& base = storage->base;
  if (cached_ && cached_base_ == base.get()) return cached_;
  bool contiguous = strides == ir::contiguous_strides(sizes) && offset == 0;
  if (contiguous && sizes == base->shape) {
    cached_ = base;
  } else if (contiguous && ir::numel(sizes) == ir::numel(base->shape)) {
    cached_ = ir::make_movement(ir::Op::Reshape, base, sizes);
  } else {
    cached_ = ir::make_as_strided(base, sizes, strides, offset);
  }
  cached_base_ = base.get();
  return cached_;
}

std::shared_ptr<TensorImpl> impl_of_node(ir::NodePtr n) {
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = n->dtype;
  impl->sizes = n->shape;
  if (n->is_buffer() && (n->strides != ir::contiguous_strides(n->shape) || n->offset != 0)) {
    impl->strides = n->strides;
    impl->offset = n->offset;
    int64_t elements = static_cast<int64_t>(n->storage->nbytes() / ir::itemsize(n->dtype));
    n = ir::make_buffer(n->dtype, {elements}, n->storage, {1}, 0);
  } else {
    impl->strides = ir::contiguous_strides(n->shape);
  }
  bound_pending(n);
  impl->storage = std::make_shared<StorageValue>(StorageValue{std::move(n)});
  return impl;
}

std::shared_ptr<TensorImpl> view_impl(const TensorImpl& of, ir::Shape sizes, ir::Shape strides, int64_t offset) {
  auto impl = std::make_shared<TensorImpl>();
  impl->storage = of.storage;
  impl->dtype = of.dtype;
  impl->sizes = std::move(sizes);
  impl->strides = std::move(strides);
  impl->offset = offset;
  return impl;
}

}  // namespace kiln::frontend
