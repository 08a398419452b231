// Whether tensors can be placed on a device, checked at the call.
#pragma once

#include <kiln/device.h>
#include <kiln/types.h>

namespace kiln::frontend {

// Returns for the CPU. For CUDA, throws kiln::Error with PyTorch's message
// when no driver or device is there, and NotImplementedError otherwise:
// kiln has no CUDA backend yet.
void check_usable(const Device& d);

// The dtype factory options ask for (else `fallback`), after checking that
// their device can hold tensors.
ScalarType dtype_for(const TensorOptions& options, ScalarType fallback);

}  // namespace kiln::frontend
