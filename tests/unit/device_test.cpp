// Devices: parsing and printing like PyTorch, and the CUDA checks at the
// call. This machine has no GPU driver (CI neither), so CUDA must report
// unavailable and every attempt to place a tensor there must fail with
// PyTorch's message; on a GPU machine kiln says the backend is missing.
#include <gtest/gtest.h>

#include <sstream>

#include <kiln/kiln.h>

#include "runtime/cuda_driver.h"

namespace kiln {
namespace {

TEST(Device, ParsesAndPrintsLikePyTorch) {
  EXPECT_EQ(Device("cpu").str(), "cpu");
  EXPECT_EQ(Device("cuda").str(), "cuda");
  EXPECT_EQ(Device("cuda:1").index(), 1);
  EXPECT_EQ(Device(kCUDA, 0).str(), "cuda:0");
  EXPECT_EQ(Device("cuda:0"), Device(kCUDA, 0));
  std::ostringstream os;
  os << Device(kCPU);
  EXPECT_EQ(os.str(), "cpu");
  try {
    Device("gpu");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Expected one of cpu, cuda device type at start of device string: gpu");
  }
  for (const char* bad : {"cuda:", "cuda:x", "cuda:01", "cuda:-1", "cuda:1000"}) {
    try {
      Device d(bad);
      ADD_FAILURE() << bad << " parsed";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), "Invalid device string: '" + std::string(bad) + "'");
    }
  }
}

TEST(Device, TensorsLiveOnTheCpu) {
  Tensor t = kiln::ones({2});
  EXPECT_EQ(t.device(), Device(kCPU));
  EXPECT_TRUE(t.is_cpu());
  EXPECT_FALSE(t.is_cuda());
  EXPECT_EQ(t.cpu().node(), t.node());  // to() the same place is the tensor itself
  EXPECT_EQ(t.to(Device("cpu"), kFloat64).scalar_type(), kFloat64);
  EXPECT_EQ(t.to(TensorOptions(kInt32)).scalar_type(), kInt32);
}

// The message PyTorch gives for the driver state this machine is in.
std::string expected_cuda_error() {
  switch (runtime::cuda::probe().status) {
    case runtime::cuda::Status::NoDriver:
      return "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver "
             "from http://www.nvidia.com/Download/index.aspx";
    case runtime::cuda::Status::NoDevice:
      return "No CUDA GPUs are available";
    case runtime::cuda::Status::InitFailed:
      return "CUDA driver initialization failed, you might not have a CUDA gpu.";
    case runtime::cuda::Status::Available:
      break;
  }
  return "kiln: the CUDA backend is not implemented yet";
}

void expect_cuda_error(const std::function<void()>& f) {
  try {
    f();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), expected_cuda_error());
  }
}

TEST(Device, CudaIsUnavailableWithoutAGpu) {
  if (runtime::cuda::probe().status == runtime::cuda::Status::Available) {
    EXPECT_TRUE(cuda::is_available());
    EXPECT_GT(cuda::device_count(), 0);
  } else {
    EXPECT_FALSE(cuda::is_available());
    EXPECT_EQ(cuda::device_count(), 0);
  }
  Tensor t = kiln::tensor({1.0, 2.0});
  expect_cuda_error([&] { (void)t.cuda(); });
  expect_cuda_error([&] { (void)t.to(kCUDA); });
  expect_cuda_error([&] { (void)t.to(Device("cuda:0"), kFloat64); });
  expect_cuda_error([&] { (void)kiln::zeros({2}, TensorOptions().device(kCUDA)); });
  expect_cuda_error([&] { (void)kiln::tensor({1, 2}, kiln::device("cuda")); });
  expect_cuda_error([&] { (void)kiln::arange(3, TensorOptions(kCUDA)); });
  expect_cuda_error([&] { (void)kiln::ones_like(t, kiln::device(kCUDA)); });
  expect_cuda_error([&] { (void)kiln::rand({2}, kiln::device(kCUDA)); });
  expect_cuda_error([&] { (void)kiln::randint(0, 5, {2}, kiln::device("cuda:0")); });
  EXPECT_EQ(t.str(), "tensor([1., 2.])");  // untouched
}

}  // namespace
}  // namespace kiln
