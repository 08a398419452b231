// What a kiln::Tensor handle points to, in PyTorch's model: a storage shared
// by every tensor that aliases it, and this tensor's strided view of it
// (sizes, strides and offset in elements). Copies of a Tensor share one
// TensorImpl; views make new TensorImpls over the same storage.
//
// The storage is a value in the graph: `base` is a node holding all of its
// elements in row-major order (a computation, or a buffer once realized). A
// tensor reads its elements through a view node built over the base.
#pragma once

#include <memory>

#include "ir/node.h"

namespace kiln::frontend {

struct StorageValue {
  ir::NodePtr base;
};

struct TensorImpl {
  std::shared_ptr<StorageValue> storage;
  ir::DType dtype;
  ir::Shape sizes;
  ir::Shape strides;
  int64_t offset = 0;

  // The node whose value is this tensor's elements: the base itself when
  // the view covers it contiguously, else a reshape or an as_strided view of
  // it. Built once per base.
  ir::NodePtr node() const;

 private:
  mutable ir::NodePtr cached_;
  mutable const ir::Node* cached_base_ = nullptr;
};

// A tensor over a fresh storage holding `n`'s value. A buffer with a
// non-contiguous view (from_blob with strides, a realized view) becomes a
// view of its whole storage, so strides and offset are PyTorch's.
std::shared_ptr<TensorImpl> impl_of_node(ir::NodePtr n);

// Another view of `of`'s storage.
std::shared_ptr<TensorImpl> view_impl(const TensorImpl& of, ir::Shape sizes, ir::Shape strides, int64_t offset);

}  // namespace kiln::frontend
