// Host memory for realized tensors.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>

#include "ir/node.h"

namespace kiln::runtime {

// The allocator could not provide the memory; the message is PyTorch's.
class OutOfMemory : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A 64-byte aligned host allocation of at least `nbytes` bytes (zero bytes
// allowed), owned by the returned storage; from the caching allocator
// (runtime/host_allocator.h), so its contents are arbitrary, as torch.empty's.
// Throws OutOfMemory.
std::shared_ptr<ir::Storage> allocate_host(std::size_t nbytes);

// Host memory for node `n`'s elements, contiguous.
std::shared_ptr<ir::Storage> allocate_host_for(const ir::Node& n);

// The caller's `nbytes` bytes at `data`, not owned: kiln reads and writes
// them in place. `deleter`, when set, is called once with `data` when the
// storage dies (no tensor, view or pending result uses it any more).
std::shared_ptr<ir::Storage> borrow_host(void* data, std::size_t nbytes, std::function<void(void*)> deleter);

}  // namespace kiln::runtime
