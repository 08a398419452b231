// Host memory for realized tensors.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>

#include "ir/node.h"

namespace kiln::runtime {

// The allocator could not provide the memory; the message is PyTorch's.
class OutOfMemory : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A fresh, 64-byte aligned host allocation of at least `nbytes` bytes
// (zero bytes allowed), owned by the returned storage. Throws OutOfMemory.
std::shared_ptr<ir::Storage> allocate_host(std::size_t nbytes);

// Host memory for node `n`'s elements, contiguous.
std::shared_ptr<ir::Storage> allocate_host_for(const ir::Node& n);

}  // namespace kiln::runtime
