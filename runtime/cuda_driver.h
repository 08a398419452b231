// Whether a CUDA device can be used: the driver library is dlopen'ed at run
// time (kiln never links it), initialized once, and asked for devices.
// No CUDA header is needed for this much.
#pragma once

namespace kiln::runtime::cuda {

enum class Status {
  Available,   // driver loaded, initialized, at least one device
  NoDriver,    // libcuda.so.1 missing, or only the toolkit's stub library
  NoDevice,    // a driver without devices
  InitFailed,  // cuInit failed otherwise
};

struct Probe {
  Status status;
  int device_count;
  int error;  // the CUresult of the failing call, 0 when none failed
};

// Probes once per process and remembers the answer.
const Probe& probe();

}  // namespace kiln::runtime::cuda
