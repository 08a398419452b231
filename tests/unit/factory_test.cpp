// More factories: eye, empty, tensor from a std::vector (values from torch).
#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

namespace kiln {
namespace {

using testing::throws;

TEST(Factories, Eye) {
  EXPECT_EQ(kiln::eye(3).str(), "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])");
  EXPECT_EQ(kiln::eye(2, 3, kInt64).str(), "tensor([[1, 0, 0],\n        [0, 1, 0]])");
  EXPECT_EQ(kiln::eye(0).sizes(), Sizes({0, 0}));
  EXPECT_EQ(kiln::eye(2, kBool).str(), "tensor([[ True, False],\n        [False,  True]])");
  EXPECT_EQ((kiln::eye(2) * 3 + 1).str(), "tensor([[4., 1.],\n        [1., 4.]])");
  EXPECT_TRUE(throws<Error>([] { (void)kiln::eye(-1); }, "n must be greater or equal to 0, got -1"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::eye(2, -1); }, "m must be greater or equal to 0, got -1"));
}

TEST(Factories, Empty) {
  Tensor e = kiln::empty({2, 3});
  EXPECT_EQ(e.sizes(), Sizes({2, 3}));
  EXPECT_EQ(e.scalar_type(), kFloat32);
  EXPECT_EQ(kiln::empty({0}, kInt32).str(), "tensor([], dtype=torch.int32)");
  EXPECT_TRUE(throws<Error>([] { (void)kiln::empty({-1}); }, "Trying to create tensor with negative dimension -1: [-1]"));
}

TEST(Factories, TensorFromVector) {
  // The dtype follows the C++ element type, as libtorch's does.
  EXPECT_EQ(kiln::tensor(std::vector<double>{1.5, 2.0}).str(), "tensor([1.5000, 2.0000], dtype=torch.float64)");
  EXPECT_EQ(kiln::tensor(std::vector<float>{1.5f}).str(), "tensor([1.5000])");
  EXPECT_EQ(kiln::tensor(std::vector<int64_t>{1, 2, 3}).str(), "tensor([1, 2, 3])");
  EXPECT_EQ(kiln::tensor(std::vector<int32_t>{7}).str(), "tensor([7], dtype=torch.int32)");
  EXPECT_EQ(kiln::tensor(std::vector<int64_t>{1, 2}, kFloat32).str(), "tensor([1., 2.])");
  EXPECT_EQ(kiln::tensor(std::vector<float>{}).sizes(), Sizes({0}));
  // The vector is copied: later changes to it do not reach the tensor.
  std::vector<int64_t> v{1, 2};
  Tensor t = kiln::tensor(v);
  v[0] = 9;
  EXPECT_EQ(t.str(), "tensor([1, 2])");
}

}  // namespace
}  // namespace kiln
