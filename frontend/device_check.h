// Whether tensors can be placed on a device, checked at the call.
#pragma once

#include <kiln/device.h>

namespace kiln::frontend {

// Returns for the CPU. For CUDA, throws kiln::Error with PyTorch's message
// when no driver or device is there, and NotImplementedError otherwise:
// kiln has no CUDA backend yet.
void check_usable(const Device& d);

}  // namespace kiln::frontend
