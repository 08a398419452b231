#include "runtime/cuda_driver.h"

#include <dlfcn.h>

namespace kiln::runtime::cuda {

namespace {

// CUresult values the probe tells apart (cuda.h's numbering).
constexpr int kSuccess = 0;
constexpr int kNoDevice = 100;
constexpr int kStubLibrary = 34;

Probe run_probe() {
  void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) return {Status::NoDriver, 0, 0};
  using InitFn = int (*)(unsigned);
  using CountFn = int (*)(int*);
  auto init = reinterpret_cast<InitFn>(dlsym(lib, "cuInit"));
  auto count = reinterpret_cast<CountFn>(dlsym(lib, "cuDeviceGetCount"));
  if (!init || !count) return {Status::NoDriver, 0, 0};
  // The handle stays open: later CUDA calls go through the same library.
  int err = init(0);
  if (err == kStubLibrary) return {Status::NoDriver, 0, err};
  if (err == kNoDevice) return {Status::NoDevice, 0, err};
  if (err != kSuccess) return {Status::InitFailed, 0, err};
  int n = 0;
  err = count(&n);
  if (err != kSuccess) return {Status::InitFailed, 0, err};
  return {n > 0 ? Status::Available : Status::NoDevice, n, 0};
}

}  // namespace

const Probe& probe() {
  static const Probe p = run_probe();
  return p;
}

}  // namespace kiln::runtime::cuda
