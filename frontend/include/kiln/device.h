// Devices, named as in libtorch: Device, DeviceType, kCPU, kCUDA, and
// kiln::cuda::is_available() / device_count().
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace kiln {

enum class DeviceType : int8_t { CPU, CUDA };
inline constexpr DeviceType kCPU = DeviceType::CPU;
inline constexpr DeviceType kCUDA = DeviceType::CUDA;

class Device {
 public:
  // index -1: the current device of that type.
  Device(DeviceType type, int8_t index = -1);  // NOLINT(google-explicit-constructor)
  // "cpu", "cuda", "cuda:1"; throws kiln::Error for anything else.
  Device(const std::string& spec);  // NOLINT(google-explicit-constructor)
  Device(const char* spec) : Device(std::string(spec)) {}  // NOLINT(google-explicit-constructor)

  DeviceType type() const { return type_; }
  int8_t index() const { return index_; }
  bool has_index() const { return index_ >= 0; }
  bool is_cpu() const { return type_ == kCPU; }
  bool is_cuda() const { return type_ == kCUDA; }
  // "cpu", "cuda", "cuda:0", as PyTorch prints devices.
  std::string str() const;
  bool operator==(const Device&) const = default;

 private:
  DeviceType type_;
  int8_t index_;
};

std::ostream& operator<<(std::ostream& os, const Device& d);

namespace cuda {
// True only when the CUDA driver loads and reports a device.
bool is_available();
int64_t device_count();
}  // namespace cuda

}  // namespace kiln
