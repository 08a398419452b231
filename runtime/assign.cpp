#include "runtime/assign.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "ir/walk.h"
#include "runtime/host_storage.h"
#include "runtime/realize.h"

namespace kiln::runtime {

namespace {

// Copies the elements of `shape` from one strided layout to another.
void copy_strided(const ir::Shape& shape, size_t itemsize, char* to, const ir::Shape& to_strides, int64_t to_offset,
                  const char* from, const ir::Shape& from_strides, int64_t from_offset) {
  auto size = static_cast<int64_t>(itemsize);
  ir::for_each_offset<2>(shape, {&to_strides, &from_strides}, [&](const auto& at) {
    std::memmove(to + (to_offset + at[0]) * size, from + (from_offset + at[1]) * size, itemsize);
  });
}

// Copies `value` (a buffer) into `n`'s base buffer at `n`'s view, after
// computing everything recorded from the base's old contents. A base that
// is a broadcast or strided alias (zeros() is a broadcast constant) is
// first copied into memory of its own.
void apply(ir::Node& n) {
  const ir::Node& base = *n.srcs[0];
  const ir::Node& value = *n.srcs[1];
  if (!base.is_buffer() || !value.is_buffer()) throw std::logic_error("assign: operands were not realized");
  size_t itemsize = ir::itemsize(n.dtype);
  ir::Shape contiguous = ir::contiguous_strides(base.shape);
  std::shared_ptr<ir::Storage> memory = base.storage;
  int64_t offset = base.offset;
  if (base.strides != contiguous) {
    memory = allocate_host_for(base);
    copy_strided(base.shape, itemsize, static_cast<char*>(memory->data()), contiguous, 0,
                 static_cast<const char*>(base.storage->data()), base.strides, base.offset);
    offset = 0;
  } else {
    std::vector<ir::NodePtr> readers = memory->pending_readers();
    std::erase_if(readers, [&](const ir::NodePtr& r) { return r.get() == &n; });
    if (!readers.empty()) realize(readers);
  }
  copy_strided(value.shape, itemsize, static_cast<char*>(memory->data()), n.strides, offset + n.offset,
               static_cast<const char*>(value.storage->data()), value.strides, value.offset);
  n.become_buffer(memory, contiguous, offset);
}

}  // namespace

void apply_pending_writes(const std::vector<ir::NodePtr>& roots) {
  // Owned references: applying a write releases its operands.
  std::vector<ir::NodePtr> writes;
  for (ir::Node* n : ir::topo_order(roots))
    if (n->op == ir::Op::Assign) writes.push_back(n->shared_from_this());
  for (const ir::NodePtr& w : writes) {
    if (w->is_buffer()) continue;
    // Writes below come earlier in topological order: these hold none.
    realize({w->srcs[0], w->srcs[1]});
    apply(*w);
  }
}

}  // namespace kiln::runtime
