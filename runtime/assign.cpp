#include "runtime/assign.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "ir/walk.h"
#include "runtime/host_storage.h"
#include "runtime/realize.h"

namespace kiln::runtime {

namespace {

// Copies the elements of `shape` from one strided layout to another, one
// memmove per run of the innermost dims that both layouts hold
// contiguously (the whole tensor when both are contiguous).
void copy_strided(const ir::Shape& shape, size_t itemsize, char* to, const ir::Shape& to_strides, int64_t to_offset,
                  const char* from, const ir::Shape& from_strides, int64_t from_offset) {
  auto size = static_cast<int64_t>(itemsize);
  size_t outer = shape.size();
  int64_t run = 1;
  while (outer > 0 && to_strides[outer - 1] == run && from_strides[outer - 1] == run) run *= shape[--outer];
  ir::Shape outer_shape(shape.begin(), shape.begin() + static_cast<std::ptrdiff_t>(outer));
  ir::Shape outer_to(to_strides.begin(), to_strides.begin() + static_cast<std::ptrdiff_t>(outer));
  ir::Shape outer_from(from_strides.begin(), from_strides.begin() + static_cast<std::ptrdiff_t>(outer));
  if (run == 0) return;
  ir::for_each_offset<2>(outer_shape, {&outer_to, &outer_from}, [&](const auto& at) {
    std::memmove(to + (to_offset + at[0]) * size, from + (from_offset + at[1]) * size, static_cast<size_t>(run * size));
  });
}

// Where a write to `n`'s base goes: the base's memory, after everything
// recorded from its old contents is computed. A base that is a broadcast or
// strided alias (zeros() is a broadcast constant) is first copied into
// memory of its own.
struct Target {
  std::shared_ptr<ir::Storage> memory;
  int64_t offset;  // of the base's first element, in elements
};

Target writable_base(const ir::Node& n) {
  const ir::Node& base = *n.srcs[0];
  Target t{base.storage, base.offset};
  if (base.strides != ir::contiguous_strides(base.shape)) {
    t.memory = allocate_host_for(base);
    copy_strided(base.shape, ir::itemsize(n.dtype), static_cast<char*>(t.memory->data()),
                 ir::contiguous_strides(base.shape), 0, static_cast<const char*>(base.storage->data()), base.strides,
                 base.offset);
    t.offset = 0;
  } else {
    std::vector<ir::NodePtr> readers = t.memory->pending_readers();
    std::erase_if(readers, [&](const ir::NodePtr& r) { return r.get() == &n; });
    if (!readers.empty()) realize(readers);
  }
  return t;
}

// assign: copies the value into the base at n's view.
void apply_assign(ir::Node& n, const Target& t) {
  const ir::Node& value = *n.srcs[1];
  copy_strided(value.shape, ir::itemsize(n.dtype), static_cast<char*>(t.memory->data()), n.strides,
               t.offset + n.offset, static_cast<const char*>(value.storage->data()), value.strides, value.offset);
}

// scatter: writes value i at n's view of i plus offset i, in row-major
// order, so the last of repeated offsets wins (as PyTorch's CPU kernel).
void apply_scatter(ir::Node& n, const Target& t) {
  const ir::Node& offsets = *n.srcs[1];
  const ir::Node& values = *n.srcs[2];
  auto size = static_cast<int64_t>(ir::itemsize(n.dtype));
  char* to = static_cast<char*>(t.memory->data()) + (t.offset + n.offset) * size;
  const auto* extra = static_cast<const int64_t*>(offsets.storage->data()) + offsets.offset;
  const char* from = static_cast<const char*>(values.storage->data()) + values.offset * size;
  ir::for_each_offset<3>(values.shape, {&n.strides, &offsets.strides, &values.strides}, [&](const auto& at) {
    std::memmove(to + (at[0] + extra[at[1]]) * size, from + at[2] * size, static_cast<size_t>(size));
  });
}

void apply(ir::Node& n) {
  for (const ir::NodePtr& s : n.srcs)
    if (!s->is_buffer()) throw std::logic_error("write: operands were not realized");
  Target t = writable_base(n);
  if (n.op == ir::Op::Scatter) {
    apply_scatter(n, t);
  } else {
    apply_assign(n, t);
  }
  n.become_buffer(t.memory, ir::contiguous_strides(n.shape), t.offset);
}

}  // namespace

void apply_pending_writes(const std::vector<ir::NodePtr>& roots) {
  // Owned references: applying a write releases its operands.
  std::vector<ir::NodePtr> writes;
  for (ir::Node* n : ir::topo_order(roots))
    if (ir::op_kind(n->op) == ir::OpKind::Assign) writes.push_back(n->shared_from_this());
  for (const ir::NodePtr& w : writes) {
    if (w->is_buffer()) continue;
    // Writes below come earlier in topological order: these hold none.
    realize(w->srcs);
    apply(*w);
  }
}

}  // namespace kiln::runtime
