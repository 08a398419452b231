// Host memory for realized tensors.
#pragma once

#include <cstddef>
#include <memory>

#include "ir/node.h"

namespace kiln::runtime {

// A fresh, 64-byte aligned host allocation of at least `nbytes` bytes
// (zero bytes allowed), owned by the returned storage.
std::shared_ptr<ir::Storage> allocate_host(std::size_t nbytes);

}  // namespace kiln::runtime
