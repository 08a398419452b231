// kiln's errors are PyTorch's: the same exception category (kiln::Error for
// RuntimeError, IndexError, ValueError, TypeError) and the same what() text,
// thrown at the call, before anything is computed. Every expected message
// here was produced by PyTorch 1.13 (Debian's /usr/bin/python3); where kiln's
// API is libtorch's C++ one (item(), data_ptr<T>()), the text is what
// libtorch's C++ function throws (torch.ops.aten.item shows it from Python).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include <kiln/kiln.h>

#include "test_util.h"

#include "ir/node.h"

namespace kiln {
namespace {

using testing::kind_of;
using testing::throws;

// ---------------------------------------------------------------------------
// Helpers.

// Whether `f` throws some kiln::Error (any subclass) with a message.
::testing::AssertionResult throws_kiln_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    if (std::string(e.what()).empty()) return ::testing::AssertionFailure() << kind_of(e) << " with no message";
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-kiln exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "threw nothing";
}

std::string shape_str(const std::vector<int64_t>& shape) { return Sizes(shape).repr(); }

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------
// Broadcasting. PyTorch walks the dimensions from the last one, so when
// several mismatch it names the innermost, counted from the front of the
// broadcast result (a shorter operand is padded with leading size-1 dims).
// `a` is the left operand, `b` the right one; + - * / all say the same.

struct BroadcastCase {
  std::vector<int64_t> a, b;
  std::string message;
};

const BroadcastCase kBroadcastCases[] = {
    {{3}, {4}, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0"},
    {{2, 3}, {2, 4}, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"},
    {{2, 3}, {4}, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"},
    {{4}, {2, 3}, "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1"},
    {{5, 3}, {4, 2}, "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"},
    {{2, 3, 4}, {2, 5}, "The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 2"},
    {{3, 1, 2}, {4, 3}, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 2"},
    {{2, 3}, {3, 2, 4}, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 2"},
    {{2, 3, 4}, {5, 3, 4}, "The size of tensor a (2) must match the size of tensor b (5) at non-singleton dimension 0"},
    {{0}, {2}, "The size of tensor a (0) must match the size of tensor b (2) at non-singleton dimension 0"},
};

TEST(Errors, BroadcastMismatchNamesTheInnermostDimension) {
  for (const BroadcastCase& c : kBroadcastCases) {
    SCOPED_TRACE(shape_str(c.a) + " with " + shape_str(c.b));
    Tensor a = kiln::zeros(Sizes(c.a)), b = kiln::zeros(Sizes(c.b));
    EXPECT_TRUE(throws<Error>([&] { (void)(a + b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)(a - b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)(a * b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)(a / b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)a.add(b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)a.sub(b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)kiln::mul(a, b); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)kiln::div(a, b); }, c.message));
    // Scaling the second operand (alpha) changes nothing about the shapes.
    EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, 2); }, c.message));
    EXPECT_TRUE(throws<Error>([&] { (void)kiln::sub(a, b, 0.5); }, c.message));
  }
}

TEST(Errors, BroadcastMismatchOnIntegerTensors) {
  Tensor a = kiln::zeros({2, 3}, kInt64), b = kiln::zeros({3, 2}, kInt32);
  EXPECT_TRUE(
      throws<Error>([&] { (void)(a * b); },
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1"));
  // Integer division is true division, and still checks the shapes.
  EXPECT_TRUE(
      throws<Error>([&] { (void)(b / a); },
                    "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1"));
}

// Shapes that do broadcast are not errors: size-1 and missing dims stretch,
// and a 0-d tensor goes with anything.
TEST(Errors, CompatibleShapesBroadcast) {
  EXPECT_EQ((kiln::zeros({2, 1}) + kiln::zeros({3})).sizes(), Sizes({2, 3}));
  EXPECT_EQ((kiln::zeros({1, 4}) * kiln::zeros({3, 1, 1})).sizes(), Sizes({3, 1, 4}));
  EXPECT_EQ((kiln::zeros({0}) - kiln::zeros({1})).sizes(), Sizes({0}));
  EXPECT_EQ((kiln::zeros({2, 3}) / kiln::tensor(2.0)).sizes(), Sizes({2, 3}));
}

// ---------------------------------------------------------------------------
// item() needs exactly one element. libtorch's Tensor::item() (aten::item)
// says "a Tensor with N elements cannot be converted to Scalar", a
// RuntimeError. (Python's Tensor.item() checks first and raises ValueError
// "only one element tensors can be converted to Python scalars"; kiln's API is
// the C++ one.)

TEST(Errors, ItemNeedsExactlyOneElement) {
  EXPECT_TRUE(
      throws<Error>([] { (void)kiln::zeros({0}).item(); }, "a Tensor with 0 elements cannot be converted to Scalar"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::tensor({1, 2, 3}).item();
      },
      "a Tensor with 3 elements cannot be converted to Scalar"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::ones({2, 3}).item<float>();
      },
      "a Tensor with 6 elements cannot be converted to Scalar"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::zeros({2, 0, 3}).item<int64_t>();
      },
      "a Tensor with 0 elements cannot be converted to Scalar"));
  // One element, whatever the rank, is fine.
  EXPECT_EQ(kiln::tensor({{7}}).item<int64_t>(), 7);
  EXPECT_EQ(kiln::tensor(7).item<int64_t>(), 7);
}

// ---------------------------------------------------------------------------
// Nested lists. torch.tensor infers the shape from the first element at each
// depth, then checks every sub-list depth-first: ValueError "expected sequence
// of length L at dim D (got G)", D counted from the outermost list.

TEST(Errors, RaggedNestedListsAreValueErrors) {
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{1, 2}, {3}});
      },
      "expected sequence of length 2 at dim 1 (got 1)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{1}, {2, 3}});
      },
      "expected sequence of length 1 at dim 1 (got 2)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{1, 2, 3}, {4, 5}});
      },
      "expected sequence of length 3 at dim 1 (got 2)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{1.5, 2.5}, {3.5}});
      },
      "expected sequence of length 2 at dim 1 (got 1)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{{1, 2}}, {{1, 2, 3}}});
      },
      "expected sequence of length 2 at dim 2 (got 3)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{{1, 2}}, {{1, 2}, {3, 4}}});
      },
      "expected sequence of length 1 at dim 1 (got 2)"));
}

// The ragged list is itself nested inside another list: PyTorch still counts
// the dim from the outermost list (torch.tensor([[[1,2],[3,4]],[[1,2],[3]]])).
TEST(Errors, RaggedListDeepInsideCountsDimFromTheOutermostList) {
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{{1, 2}, {3, 4}}, {{1, 2}, {3}}});
      },
      "expected sequence of length 2 at dim 2 (got 1)"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{{1, 2}, {3}}, {{1}}});
      },
      "expected sequence of length 2 at dim 2 (got 1)"));
}

// A number where the first element made PyTorch expect a list is a TypeError:
// torch.tensor([[1, 2], 3]) -> "not a sequence".
TEST(Errors, NumberWhereAListIsExpectedIsTypeError) {
  EXPECT_TRUE(throws<TypeError>([] { (void)kiln::tensor({{1, 2}, 3}); }, "not a sequence"));
  EXPECT_TRUE(throws<TypeError>([] { (void)kiln::tensor({{1.0, 2.0}, 3.0}); }, "not a sequence"));
}

// A list where the first element made PyTorch expect a number is a TypeError
// too; its text is the Python conversion's, for an int64 result:
// torch.tensor([1, [2, 3]]) -> "'list' object cannot be interpreted as an integer".
TEST(Errors, ListWhereANumberIsExpectedIsTypeError) {
  EXPECT_TRUE(throws<TypeError>(
      [] {
        (void)kiln::tensor({1, {2, 3}});
      },
      "'list' object cannot be interpreted as an integer"));
}

// ---------------------------------------------------------------------------
// arange. PyTorch checks, in this order: the step is nonzero (NaN counts as
// zero: it is neither > 0 nor < 0), start and end are finite (the step need
// not be), and the step's sign agrees with end - start. The range is printed
// as C++ prints doubles (0 not 0.0, 1.23457, 1e+20) for a floating result.

TEST(Errors, ArangeStepMustBeNonzero) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 10, 0); }, "step must be nonzero"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0.0, 1.0, 0.0); }, "step must be nonzero"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(10, 0, 0); }, "step must be nonzero"));
}

TEST(Errors, ArangeStepSignMustAgreeWithTheBounds) {
  const std::string message = "upper bound and larger bound inconsistent with step sign";
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(10, 0, 1); }, message));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(10, 0); }, message));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 10, -1); }, message));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(-5); }, message));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(10.0, 0.0, 0.5); }, message));
  // Empty ranges are fine either way.
  EXPECT_EQ(kiln::arange(0, 0).numel(), 0);
  EXPECT_EQ(kiln::arange(5, 5, -1).numel(), 0);
}

TEST(Errors, ArangeBoundsMustBeFinite) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, kNan); }, "unsupported range: 0 -> nan"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(kNan); }, "unsupported range: 0 -> nan"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(kInf); }, "unsupported range: 0 -> inf"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, kInf); }, "unsupported range: 0 -> inf"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(-kInf, 0); }, "unsupported range: -inf -> 0"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(1.5, kNan); }, "unsupported range: 1.5 -> nan"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(-2.5, -kInf); }, "unsupported range: -2.5 -> -inf"));
}

// The bounds print as C++'s ostream prints a double, not as Python would:
// torch.arange(0.0, inf) says "0 -> inf", torch.arange(1.23456789, nan) says
// "1.23457 -> nan", torch.arange(1e20, inf) says "1e+20 -> inf".
TEST(Errors, ArangeUnsupportedRangePrintsBoundsAsCppDoubles) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0.0, kInf); }, "unsupported range: 0 -> inf"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(-kInf, 0.0); }, "unsupported range: -inf -> 0"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(1.23456789, kNan); }, "unsupported range: 1.23457 -> nan"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(1e20, kInf); }, "unsupported range: 1e+20 -> inf"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(100000000.0, kInf); }, "unsupported range: 1e+08 -> inf"));
}

// Check order: a zero (or NaN) step is reported before bad bounds, and an
// infinite step is not itself an error.
TEST(Errors, ArangeChecksTheStepFirst) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(kNan, 1, 0); }, "step must be nonzero"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 10, kNan); }, "step must be nonzero"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 10, -kInf); },
                            "upper bound and larger bound inconsistent with step sign"));
}

// torch.arange(0, 10, inf) is tensor([]): ceil(10 / inf) = 0 elements.
TEST(Errors, ArangeWithInfiniteStepIsEmptyNotAnError) {
  try {
    Tensor t = kiln::arange(0, 10, kInf);
    EXPECT_EQ(t.scalar_type(), kFloat32);
    EXPECT_EQ(t.sizes(), Sizes({0}));
  } catch (const Error& e) {
    ADD_FAILURE() << "threw " << kind_of(e) << ": " << e.what();
  }
}

// The length must fit in int64: an int64 bound that does not convert, or a
// length past int64's range (torch.arange(0.0, 1e20, 1e-5)), is an error at
// the call.
TEST(Errors, ArangeLengthMustFitInt64) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 1e30, kInt64); },
                            "value cannot be converted to type int64_t without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(2.0, 1e19, kInt64); },
                            "value cannot be converted to type int64_t without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0.0, 1e20, 1e-5); }, "invalid size, possible overflow?"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(-(int64_t{1} << 62), int64_t{1} << 62); },
                            "invalid size, possible overflow?"));
}

// PyTorch has no bool arange: torch.arange(2, dtype=torch.bool) raises
// RuntimeError "\"arange_cpu\" not implemented for 'Bool'".
TEST(Errors, ArangeHasNoBoolDtype) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(2, kBool); }, "\"arange_cpu\" not implemented for 'Bool'"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 1, kBool); }, "\"arange_cpu\" not implemented for 'Bool'"));
}

// ---------------------------------------------------------------------------
// Negative sizes: "Trying to create tensor with negative dimension D: SIZES",
// naming the first negative one, from every factory.

TEST(Errors, FactoriesRejectNegativeSizes) {
  EXPECT_TRUE(
      throws<Error>([] { (void)kiln::zeros({-1}); }, "Trying to create tensor with negative dimension -1: [-1]"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::zeros({2, -3});
      },
      "Trying to create tensor with negative dimension -3: [2, -3]"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::zeros({-1, -2});
      },
      "Trying to create tensor with negative dimension -1: [-1, -2]"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::ones({-2, 3});
      },
      "Trying to create tensor with negative dimension -2: [-2, 3]"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::ones({3, -2, -5}, kInt32);
      },
      "Trying to create tensor with negative dimension -2: [3, -2, -5]"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::full({2, -1}, 7);
      },
      "Trying to create tensor with negative dimension -1: [2, -1]"));
  EXPECT_TRUE(
      throws<Error>([] { (void)kiln::full({-1}, 2.5); }, "Trying to create tensor with negative dimension -1: [-1]"));
  EXPECT_TRUE(
      throws<Error>([] { (void)kiln::full({-1}, true); }, "Trying to create tensor with negative dimension -1: [-1]"));
}

// ---------------------------------------------------------------------------
// size(d): an IndexError naming the valid range [-rank, rank - 1]; a 0-d
// tensor has its own text for every d (even 0 and -1, which dim-wrapping
// elsewhere accepts for 0-d tensors).

TEST(Errors, SizeOutOfRangeIsIndexError) {
  Tensor one_d = kiln::zeros({3});
  EXPECT_TRUE(throws<IndexError>([&] { (void)one_d.size(1); },
                                 "Dimension out of range (expected to be in range of [-1, 0], but got 1)"));
  EXPECT_TRUE(throws<IndexError>([&] { (void)one_d.size(-2); },
                                 "Dimension out of range (expected to be in range of [-1, 0], but got -2)"));
  Tensor two_d = kiln::zeros({2, 3});
  EXPECT_TRUE(throws<IndexError>([&] { (void)two_d.size(2); },
                                 "Dimension out of range (expected to be in range of [-2, 1], but got 2)"));
  EXPECT_TRUE(throws<IndexError>([&] { (void)two_d.size(-3); },
                                 "Dimension out of range (expected to be in range of [-2, 1], but got -3)"));
  // In range, negative dims count from the end.
  EXPECT_EQ(two_d.size(-1), 3);
  EXPECT_EQ(two_d.size(-2), 2);
  EXPECT_EQ(one_d.size(0), 3);
}

TEST(Errors, SizeOfZeroDimTensorIsIndexError) {
  Tensor zero_d = kiln::tensor(5);
  for (int64_t d : {0, 1, -1, -2}) {
    EXPECT_TRUE(throws<IndexError>([&] { (void)zero_d.size(d); },
                                   "Dimension specified as " + std::to_string(d) + " but tensor has no dimensions"));
  }
}

// ---------------------------------------------------------------------------
// data_ptr<T>() must match the dtype exactly. libtorch's C++ text (not
// reachable from Python): "expected scalar type Float but found Long", dtypes
// by their C++ names.

TEST(Errors, DataPtrOfTheWrongTypeIsRejected) {
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::tensor({1, 2}).data_ptr<float>();
      },
      "expected scalar type Float but found Long"));
  EXPECT_TRUE(throws<Error>(
      [] {
        (void)kiln::tensor({1.0, 2.0}).data_ptr<int64_t>();
      },
      "expected scalar type Long but found Float"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::zeros({2}, kInt32).data_ptr<double>(); },
                            "expected scalar type Double but found Int"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::zeros({2}, kUInt8).const_data_ptr<bool>(); },
                            "expected scalar type Bool but found Byte"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::tensor({1.0, 2.0}, kFloat16).data_ptr<float>(); },
                            "expected scalar type Float but found Half"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::zeros({2}, kInt8).data_ptr<uint8_t>(); },
                            "expected scalar type Byte but found Char"));
}

// ---------------------------------------------------------------------------
// add/sub's alpha. On an integral (or bool) result a floating alpha is an
// error, even 1.0; a bool alpha is only allowed for a bool result. A floating
// alpha is fine when the result is floating, e.g. int tensor + float tensor.
// TensorIterator checks the shapes first, so a broadcast mismatch wins.

TEST(Errors, FloatingAlphaOnIntegerTensors) {
  const std::string message = "For integral input tensors, argument alpha must not be a floating point number.";
  Tensor a = kiln::tensor({1, 2}), b = kiln::tensor({3, 4});
  Tensor a32 = kiln::tensor({1, 2}, kInt32), b32 = kiln::tensor({3, 4}, kInt32);
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, 0.5); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a32.add(b32, 2.0); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a32.sub(b32, 0.5); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::add(a, b, 0.5); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::sub(a, b, 0.5); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a32.add(2, 0.5); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::sub(a32, 2, 0.5); }, message));
}

TEST(Errors, FloatingAlphaOfOneOnIntegerTensors) {
  const std::string message = "For integral input tensors, argument alpha must not be a floating point number.";
  Tensor a = kiln::tensor({1, 2}), b = kiln::tensor({3, 4});
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, 1.0); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a.sub(b, 1.0); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(2, 1.0); }, message));
}

TEST(Errors, BoolAlphaNeedsABoolResult) {
  const std::string message = "Boolean alpha only supported for Boolean results.";
  Tensor a = kiln::tensor({1, 2}), b = kiln::tensor({3, 4});
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, true); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a.sub(b, true); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(3, true); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::tensor({1.0, 2.0}).add(kiln::tensor({1.0, 2.0}), true); }, message));
}

TEST(Errors, AlphaBroadcastMismatchIsReportedFirst) {
  Tensor a = kiln::tensor({1, 2, 3}, kInt32), b = kiln::tensor({1, 2, 3, 4}, kInt32);
  const std::string message =
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0";
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, 2); }, message));
  EXPECT_TRUE(throws<Error>([&] { (void)a.add(b, 0.5); }, message));
}

TEST(Errors, FloatingAlphaIsFineForFloatingResults) {
  // tensor([1, 2]).add(tensor([3., 4.]), alpha=0.5) == tensor([2.5000, 4.0000])
  EXPECT_EQ(kiln::tensor({1, 2}).add(kiln::tensor({3.0, 4.0}), 0.5).str(), "tensor([2.5000, 4.0000])");
  // tensor([1, 2]).add(2.5, alpha=0.5) == tensor([2.2500, 3.2500])
  EXPECT_EQ(kiln::tensor({1, 2}).add(2.5, 0.5).str(), "tensor([2.2500, 3.2500])");
  // Integral alphas scale integer tensors: tensor([1, 2]).sub(tensor([3, 4]), alpha=2)
  EXPECT_EQ(kiln::tensor({1, 2}).sub(kiln::tensor({3, 4}), 2).str(), "tensor([-5, -6])");
}

// ---------------------------------------------------------------------------
// A default-constructed kiln::Tensor is libtorch's undefined tensor: every
// operation on it throws kiln::Error (never crashes), whichever side of a
// binary op it is on. Only defined() answers.

TEST(Errors, UndefinedTensorThrowsFromEveryOperation) {
  const Tensor u;
  const Tensor t = kiln::tensor({1.0, 2.0});
  EXPECT_FALSE(u.defined());
  const std::vector<std::pair<std::string, std::function<void()>>> ops = {
      {"dim", [&] { (void)u.dim(); }},
      {"ndimension", [&] { (void)u.ndimension(); }},
      {"sizes", [&] { (void)u.sizes(); }},
      {"shape", [&] { (void)u.shape(); }},
      {"size(0)", [&] { (void)u.size(0); }},
      {"numel", [&] { (void)u.numel(); }},
      {"scalar_type", [&] { (void)u.scalar_type(); }},
      {"dtype", [&] { (void)u.dtype(); }},
      {"realize", [&] { (void)u.realize(); }},
      {"item", [&] { (void)u.item(); }},
      {"item<float>", [&] { (void)u.item<float>(); }},
      {"data_ptr<float>", [&] { (void)u.data_ptr<float>(); }},
      {"const_data_ptr<int64_t>", [&] { (void)u.const_data_ptr<int64_t>(); }},
      {"str", [&] { (void)u.str(); }},
      {"operator<<",
       [&] {
         std::ostringstream os;
         os << u;
       }},
      {"u + t", [&] { (void)(u + t); }},
      {"t + u", [&] { (void)(t + u); }},
      {"u + 1", [&] { (void)(u + 1); }},
      {"1 + u", [&] { (void)(1 + u); }},
      {"u - t", [&] { (void)(u - t); }},
      {"t - u", [&] { (void)(t - u); }},
      {"u - 1.5", [&] { (void)(u - 1.5); }},
      {"2 - u", [&] { (void)(2 - u); }},
      {"u * t", [&] { (void)(u * t); }},
      {"t * u", [&] { (void)(t * u); }},
      {"u * 2", [&] { (void)(u * 2); }},
      {"2 * u", [&] { (void)(2 * u); }},
      {"u / t", [&] { (void)(u / t); }},
      {"t / u", [&] { (void)(t / u); }},
      {"u / 2", [&] { (void)(u / 2); }},
      {"2 / u", [&] { (void)(2 / u); }},
      {"u * u", [&] { (void)(u * u); }},
      {"-u", [&] { (void)(-u); }},
      {"u.add(t)", [&] { (void)u.add(t); }},
      {"t.add(u)", [&] { (void)t.add(u); }},
      {"u.add(t, 2)", [&] { (void)u.add(t, 2); }},
      {"t.add(u, 2)", [&] { (void)t.add(u, 2); }},
      {"t.sub(u, 0.5)", [&] { (void)t.sub(u, 0.5); }},
      {"u.sub(1, 2)", [&] { (void)u.sub(1, 2); }},
      {"u.mul(t)", [&] { (void)u.mul(t); }},
      {"t.mul(u)", [&] { (void)t.mul(u); }},
      {"u.div(2)", [&] { (void)u.div(2); }},
      {"t.div(u)", [&] { (void)t.div(u); }},
      {"u.neg()", [&] { (void)u.neg(); }},
      {"u.sum()", [&] { (void)u.sum(); }},
      {"kiln::add", [&] { (void)kiln::add(t, u); }},
      {"kiln::sub", [&] { (void)kiln::sub(u, t); }},
      {"kiln::mul", [&] { (void)kiln::mul(u, 3); }},
      {"kiln::div", [&] { (void)kiln::div(t, u); }},
      {"kiln::neg", [&] { (void)kiln::neg(u); }},
      {"kiln::sum", [&] { (void)kiln::sum(u); }},
      {"zeros_like", [&] { (void)kiln::zeros_like(u); }},
      {"ones_like", [&] { (void)kiln::ones_like(u, kInt32); }},
      {"full_like", [&] { (void)kiln::full_like(u, 3); }},
      {"kiln::realize({u})", [&] { kiln::realize({u}); }},
      {"kiln::realize({t, u})",
       [&] {
         kiln::realize({t, u});
       }},
      {"debug::graph_ir({u})", [&] { (void)debug::graph_ir({u}); }},
  };
  for (const auto& [name, op] : ops) {
    EXPECT_TRUE(throws_kiln_error(op)) << name;
  }
  // The defined operand took no harm.
  EXPECT_EQ(t.str(), "tensor([1., 2.])");
}

// ---------------------------------------------------------------------------
// Errors are thrown at the call, while recording: a failed op realizes
// nothing, records nothing into its operands, and leaves them usable.

TEST(Errors, FailedOpLeavesLazyOperandsUntouched) {
  Tensor a = kiln::arange(3) * 2;          // pending: [0, 2, 4]
  Tensor b = kiln::ones({4}, kInt64) + 1;  // pending: [2, 2, 2, 2]
  EXPECT_TRUE(
      throws<Error>([&] { (void)(a + b); },
                    "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0"));
  EXPECT_TRUE(
      throws<Error>([&] { (void)a.add(b, 2); },
                    "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0"));
  EXPECT_TRUE(throws<IndexError>([&] { (void)a.size(1); },
                                 "Dimension out of range (expected to be in range of [-1, 0], but got 1)"));
  EXPECT_TRUE(throws<Error>([&] { (void)a.data_ptr<float>(); }, "expected scalar type Float but found Long"));
  EXPECT_TRUE(throws<Error>([&] { (void)b.item(); }, "a Tensor with 4 elements cannot be converted to Scalar"));
  // Nothing was computed by the failed calls...
  EXPECT_FALSE(a.node()->is_buffer());
  EXPECT_FALSE(b.node()->is_buffer());
  // ...and both still give their values.
  EXPECT_EQ(a.str(), "tensor([0, 2, 4])");
  EXPECT_EQ(b.str(), "tensor([2, 2, 2, 2])");
  EXPECT_EQ((a.sum() + b.sum()).item<int64_t>(), 14);
  EXPECT_EQ(a.data_ptr<int64_t>()[2], 4);
}

TEST(Errors, FailedFactoryOrDtypeCheckLeavesOperandsUsable) {
  Tensor x = kiln::tensor({1.5, 2.5});
  Tensor flags = kiln::tensor({true, false});
  EXPECT_THROW((void)(flags - flags), Error);
  EXPECT_TRUE(
      throws<Error>([&] { (void)(x * kiln::zeros({3})); },
                    "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"));
  EXPECT_TRUE(throws<ValueError>(
      [] {
        (void)kiln::tensor({{1, 2}, {3}});
      },
      "expected sequence of length 2 at dim 1 (got 1)"));
  EXPECT_EQ((x * 2).str(), "tensor([3., 5.])");
  EXPECT_EQ(flags.str(), "tensor([ True, False])");
}

// Factories of every dtype either work when realized (torch.zeros(2,
// dtype=torch.float16) prints tensor([0., 0.], dtype=torch.float16)) or are
// refused at the call with NotImplementedError; none may be accepted and then
// fail when the value is needed.
TEST(Errors, FactoriesOfEveryDtypeRealizeOrAreRefusedAtTheCall) {
  for (int i = 0; i < ir::kNumDTypes; ++i) {
    const auto t = static_cast<ScalarType>(i);
    const std::vector<std::pair<std::string, std::function<Tensor()>>> factories = {
        {"zeros", [&] { return kiln::zeros({2}, t); }},
        {"ones", [&] { return kiln::ones({2}, t); }},
        {"full", [&] { return kiln::full({2}, 1, t); }},
        {"arange", [&] { return t == kBool ? kiln::zeros({2}, t) : kiln::arange(2, t); }},  // see ArangeHasNoBoolDtype
        {"zeros_like",
         [&] {
           return kiln::zeros_like(kiln::tensor({1, 2}, t));
         }},
    };
    for (const auto& [name, make] : factories) {
      SCOPED_TRACE(::testing::Message() << name << " " << t);
      Tensor made;
      try {
        made = make();
      } catch (const NotImplementedError&) {
        continue;
      }
      EXPECT_EQ(made.scalar_type(), t);
      try {
        made.realize();
      } catch (const std::exception& e) {
        ADD_FAILURE() << "accepted at the call, but realizing it threw "
                      << (dynamic_cast<const Error*>(&e) ? "a kiln::Error" : "a non-kiln exception") << ": "
                      << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

// -torch.tensor([True]) is a permanent RuntimeError in PyTorch, not a
// missing feature.
TEST(Errors, NegatingABoolTensorIsRejected) {
  try {
    (void)-kiln::tensor({true, false});
    FAIL() << "no error";
  } catch (const NotImplementedError&) {
    FAIL() << "should be a plain kiln::Error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                 "use the `~` or `logical_not()` operator instead.");
  }
}

// Subtracting with any bool operand is a PyTorch error (sub_check), checked
// before shapes: tensor or number, either side.
TEST(Errors, SubtractingBoolsIsRejected) {
  const std::string two = "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                          "`logical_xor()` operator instead.";
  const std::string one = "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
                          "invert a mask, use the `~` or `logical_not()` operator instead.";
  Tensor b = kiln::tensor({true, false});
  Tensor i = kiln::tensor({1, 2});
  EXPECT_TRUE(throws<Error>([&] { (void)(b - b); }, two));
  EXPECT_TRUE(throws<Error>([&] { (void)(b - 1); }, one));
  EXPECT_TRUE(throws<Error>([&] { (void)(i - b); }, one));
  EXPECT_TRUE(throws<Error>([&] { (void)(i - true); }, one));
  EXPECT_TRUE(throws<Error>([&] { (void)b.sub(1); }, one));
  EXPECT_TRUE(throws<Error>([&] { (void)(1 - b); }, one));
  EXPECT_TRUE(throws<Error>([&] { (void)(kiln::tensor({true, false, true}) - i); }, one));  // before shapes
  EXPECT_EQ((b + 1).str(), "tensor([2, 1])");
}

}  // namespace
}  // namespace kiln
