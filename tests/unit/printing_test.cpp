// Printing of computed tensors and of kiln's small value types, as Python
// prints them. (The formatter itself is covered by format_test.cpp against
// PyTorch's repr of 100+ tensors.)
#include <gtest/gtest.h>

#include <sstream>

#include <kiln/kiln.h>

namespace kiln {
namespace {

template <typename T>
std::string printed(const T& v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

TEST(Printing, SeedExamples) {
  EXPECT_EQ(printed(kiln::tensor({{7, 8}, {9, 10}})), "tensor([[ 7,  8],\n        [ 9, 10]])");
  EXPECT_EQ(printed(kiln::tensor(7)), "tensor(7)");
  EXPECT_EQ(printed(kiln::tensor({1.0, 2.0, 3.0}) * 3), "tensor([3., 6., 9.])");
}

TEST(Printing, ComputedValues) {
  EXPECT_EQ(printed(kiln::arange(1, 11)), "tensor([ 1,  2,  3,  4,  5,  6,  7,  8,  9, 10])");
  EXPECT_EQ(printed(kiln::arange(3.0) / 3), "tensor([0.0000, 0.3333, 0.6667])");
  EXPECT_EQ(printed(kiln::tensor({1, 2, 3}) / 2), "tensor([0.5000, 1.0000, 1.5000])");
  EXPECT_EQ(printed(-kiln::tensor({1, 2}, kInt32)), "tensor([-1, -2], dtype=torch.int32)");
  EXPECT_EQ(printed(kiln::full({2, 2}, 1e10)), "tensor([[1.0000e+10, 1.0000e+10],\n        [1.0000e+10, 1.0000e+10]])");
  EXPECT_EQ(printed(kiln::zeros({2, 0})), "tensor([], size=(2, 0))");
  EXPECT_EQ(printed(kiln::tensor({7.5}).sum()), "tensor(7.5000)");
  EXPECT_EQ(kiln::arange(3).str(), printed(kiln::arange(3)));
}

TEST(Printing, LargeTensorsAreSummarized) {
  EXPECT_EQ(printed(kiln::arange(2000)), "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])");
}

TEST(Printing, Sizes) {
  EXPECT_EQ(printed(kiln::zeros({2, 3}).sizes()), "[2, 3]");
  EXPECT_EQ(kiln::zeros({2, 3}).sizes().repr(), "torch.Size([2, 3])");
  EXPECT_EQ(kiln::tensor(1).sizes().repr(), "torch.Size([])");
}

TEST(Printing, Dtypes) {
  EXPECT_EQ(printed(kFloat32), "torch.float32");
  EXPECT_EQ(printed(kInt64), "torch.int64");
  EXPECT_EQ(printed(kiln::tensor({1, 2}).dtype()), "torch.int64");
}

TEST(Printing, ScalarsLikePython) {
  EXPECT_EQ(printed(kiln::tensor(7).item()), "7");
  EXPECT_EQ(printed(kiln::tensor(3.0).item()), "3.0");
  EXPECT_EQ(printed(kiln::tensor(2.5).item()), "2.5");
  EXPECT_EQ(printed(Scalar(true)), "True");
  EXPECT_EQ(printed(Scalar(0.1)), "0.1");
  EXPECT_EQ(printed(Scalar(1e16)), "1e+16");
  EXPECT_EQ(printed(Scalar(1e15)), "1000000000000000.0");
  EXPECT_EQ(printed(Scalar(1e-5)), "1e-05");
  EXPECT_EQ(printed(Scalar(1.5e-7)), "1.5e-07");
  EXPECT_EQ(printed(Scalar(0.0001)), "0.0001");
  EXPECT_EQ(printed(Scalar(-0.0)), "-0.0");
  EXPECT_EQ(printed(Scalar(123456.789)), "123456.789");
  // float32 values print as their exact double, as Python's item() does.
  EXPECT_EQ(printed(kiln::tensor(0.1).item()), "0.10000000149011612");
}

}  // namespace
}  // namespace kiln
