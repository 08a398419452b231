#include <kiln/device.h>

#include <kiln/error.h>

#include "frontend/device_check.h"
#include "runtime/cuda_driver.h"

namespace kiln {

Device::Device(DeviceType type, int8_t index) : type_(type), index_(index) {
  if (index < -1) throw Error("Device index must be -1 or non-negative, got " + std::to_string(index));
  if (type == kCPU && index > 0) throw Error("CPU device index must be -1 or zero, got " + std::to_string(index));
}

namespace {

Device parse(const std::string& spec) {
  auto invalid = [&] { return Error("Invalid device string: '" + spec + "'"); };
  std::string type = spec.substr(0, spec.find(':'));
  int index = -1;
  if (type.size() < spec.size()) {
    std::string digits = spec.substr(type.size() + 1);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos ||
        (digits.size() > 1 && digits[0] == '0')) {
      throw invalid();
    }
    index = std::stoi(digits);
    if (index > 127) throw invalid();
  }
  if (type == "cpu") return Device(kCPU, static_cast<int8_t>(index));
  if (type == "cuda") return Device(kCUDA, static_cast<int8_t>(index));
  throw Error("Expected one of cpu, cuda device type at start of device string: " + spec);
}

}  // namespace

Device::Device(const std::string& spec) : Device(parse(spec)) {}

std::string Device::str() const {
  std::string s = is_cpu() ? "cpu" : "cuda";
  if (has_index()) s += ":" + std::to_string(index_);
  return s;
}

std::ostream& operator<<(std::ostream& os, const Device& d) { return os << d.str(); }

namespace frontend {

void check_usable(const Device& d) {
  if (d.is_cpu()) return;
  using runtime::cuda::Status;
  switch (runtime::cuda::probe().status) {
    case Status::NoDriver:
      throw Error("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a "
                  "driver from http://www.nvidia.com/Download/index.aspx");
    case Status::NoDevice:
      throw Error("No CUDA GPUs are available");
    case Status::InitFailed:
      throw Error("CUDA driver initialization failed, you might not have a CUDA gpu.");
    case Status::Available:
      break;
  }
  if (d.has_index() && d.index() >= runtime::cuda::probe().device_count) {
    throw Error("CUDA error: invalid device ordinal");
  }
  throw NotImplementedError("kiln: the CUDA backend is not implemented yet");
}

ScalarType dtype_for(const TensorOptions& options, ScalarType fallback) {
  check_usable(options.device());
  return options.dtype_or(fallback);
}

}  // namespace frontend

namespace cuda {

bool is_available() { return runtime::cuda::probe().status == runtime::cuda::Status::Available; }
int64_t device_count() { return runtime::cuda::probe().device_count; }

}  // namespace cuda

}  // namespace kiln
