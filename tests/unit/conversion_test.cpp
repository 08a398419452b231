// Converting numbers into dtypes: checked where PyTorch checks (values
// checked against /usr/bin/python3's torch 1.13), wrapping where it wraps.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "test_util.h"

namespace kiln {
namespace {

using testing::values_of;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// torch.tensor([v], dtype=...) checks integers (Python's message names the
// dtype) and lets floats round to inf.
TEST(Conversion, TensorLiteralChecksIntegerRange) {
  EXPECT_EQ(error_of([] { kiln::tensor({1e30}, kInt64); }), "value cannot be converted to type int64 without overflow");
  EXPECT_EQ(error_of([] { kiln::tensor({300}, kUInt8); }), "value cannot be converted to type uint8 without overflow");
  EXPECT_EQ(error_of([] { kiln::tensor({70000}, kInt16); }), "value cannot be converted to type int16 without overflow");
  EXPECT_EQ(error_of([] { kiln::tensor({kNaN}, kInt32); }), "value cannot be converted to type int32 without overflow");
  EXPECT_EQ(kiln::tensor({-1}, kUInt8).str(), "tensor([255], dtype=torch.uint8)");
  EXPECT_EQ(kiln::tensor({3.7}, kInt64).str(), "tensor([3])");
  EXPECT_EQ(kiln::tensor({1e300}, kFloat16).str(), "tensor([inf], dtype=torch.float16)");
}

// torch.full checks through c10's Scalar::to<T>, whose message names the
// C++ type.
TEST(Conversion, FullChecksLikeScalarTo) {
  EXPECT_EQ(error_of([] { kiln::full({1}, 300, kUInt8); }), "value cannot be converted to type uint8_t without overflow");
  EXPECT_EQ(error_of([] { kiln::full({1}, 1e300, kFloat32); }), "value cannot be converted to type float without overflow");
  EXPECT_EQ(error_of([] { kiln::full({1}, kNaN, kInt32); }), "value cannot be converted to type int without overflow");
  EXPECT_EQ(kiln::full({1}, -1, kUInt8).str(), "tensor([255], dtype=torch.uint8)");
  EXPECT_EQ(kiln::full({1}, 2.5, kInt32).str(), "tensor([2], dtype=torch.int32)");
  EXPECT_EQ(kiln::full({2}, kNaN).str(), "tensor([nan, nan])");
}

// A number in arithmetic takes the tensor's integer type and wraps:
// torch.tensor([1], dtype=torch.uint8) + 300 == tensor([45]).
TEST(Conversion, ArithmeticWithNumbersWraps) {
  EXPECT_EQ((kiln::tensor({1}, kUInt8) + 300).str(), "tensor([45], dtype=torch.uint8)");
  EXPECT_EQ((kiln::ones({2}, kUInt8) * 1000).str(), "tensor([232, 232], dtype=torch.uint8)");
  EXPECT_EQ((kiln::tensor({1.0, 2.0}) + 1e300).str(), "tensor([inf, inf])");
}

TEST(Conversion, ItemToIntegerIsChecked) {
  Tensor nan = kiln::full({}, kNaN);
  EXPECT_TRUE(std::isnan(nan.item<double>()));
  EXPECT_EQ(error_of([&] { (void)nan.item<int64_t>(); }), "value cannot be converted to type int64_t without overflow");
  EXPECT_EQ(kiln::tensor(-2.75).item<int64_t>(), -2);
  // c10's Scalar::to<T> checks the range (negative values may wrap).
  EXPECT_EQ(error_of([] { (void)kiln::tensor(300).item<uint8_t>(); }),
            "value cannot be converted to type uint8_t without overflow");
  EXPECT_EQ(kiln::tensor(-1).item<uint8_t>(), 255);
  EXPECT_EQ(error_of([] { (void)kiln::tensor(1e300, kFloat64).item<float>(); }),
            "value cannot be converted to type float without overflow");
  EXPECT_EQ(kiln::full({}, std::numeric_limits<double>::infinity(), kFloat64).item<float>(),
            std::numeric_limits<float>::infinity());
}

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

TEST(Clone, IsAFreshValueWithTheSameDtypeAndValues) {
  Tensor x = tensor({{1.5, -2.0}, {3.0, 4.25}});
  Tensor c = x.clone();
  EXPECT_NE(c.node(), x.node());
  EXPECT_EQ(c.scalar_type(), kFloat32);
  EXPECT_EQ(c.str(), x.str());
  // Its memory is its own: writing the clone leaves the original.
  c.data_ptr<float>()[0] = 9.0f;
  EXPECT_EQ(x.str(), "tensor([[ 1.5000, -2.0000],\n        [ 3.0000,  4.2500]])");
}

TEST(Detach, IsTheSameValue) {
  Tensor x = arange(3) * 2;
  Tensor d = x.detach();
  EXPECT_EQ(d.node(), x.node());
  EXPECT_EQ(d.str(), "tensor([0, 2, 4])");
  EXPECT_TRUE(testing::throws<Error>([] { Tensor().detach(); }, "Expected a proper Tensor but got an undefined Tensor"));
}

}  // namespace
}  // namespace kiln
