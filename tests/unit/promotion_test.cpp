// Type promotion must be PyTorch 1.13's. The cases come from
// tests/golden/promotion.txt, written with real PyTorch by
// tests/golden/gen_promotion.py (see its docstring for the format); each
// golden line is checked against frontend::promote_types / result_type and,
// end to end, against the dtype of the op kiln records.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <kiln/kiln.h>

#include "frontend/promote.h"
#include "test_util.h"

namespace kiln {
namespace {

using frontend::Operand;

// ---------------------------------------------------------------------------
// The golden file.

struct GoldenLine {
  int number = 0;                // line number in promotion.txt, for messages
  std::string kind;              // "promote", "result" or "div"
  std::string lhs, rhs, result;  // the three fields after the kind
};

std::vector<GoldenLine> read_golden() {
  const std::string path = std::string(KILN_SOURCE_DIR) + "/tests/golden/promotion.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<GoldenLine> lines;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty() || text[0] == '#') continue;
    GoldenLine line;
    line.number = number;
    std::istringstream fields(text);
    fields >> line.kind >> line.lhs >> line.rhs >> line.result;
    EXPECT_TRUE(fields && !line.result.empty()) << "malformed line " << number << ": " << text;
    lines.push_back(line);
  }
  return lines;
}

// The golden lines of one kind, read once.
std::vector<GoldenLine> golden(const std::string& kind) {
  static const std::vector<GoldenLine> all = read_golden();
  std::vector<GoldenLine> out;
  for (const GoldenLine& line : all) {
    if (line.kind == kind) out.push_back(line);
  }
  return out;
}

std::string describe(const GoldenLine& line) {
  return "promotion.txt:" + std::to_string(line.number) + ": " + line.kind + " " + line.lhs + " " + line.rhs + " -> " +
         line.result;
}

using testing::dtype_named;

// One operand of a golden `result` line, built as kiln values: a 1-d tensor,
// a 0-d tensor, or a plain number (the same numbers the script used).
struct GoldenOperand {
  Tensor tensor;
  std::optional<Scalar> scalar;

  Operand operand() const { return scalar ? Operand{nullptr, &*scalar} : Operand{&tensor, nullptr}; }
};

GoldenOperand make_operand(const std::string& spec) {
  GoldenOperand o;
  if (spec == "int") {
    o.scalar = Scalar(5);
  } else if (spec == "float") {
    o.scalar = Scalar(2.5);
  } else if (spec == "bool") {
    o.scalar = Scalar(true);
  } else if (spec.rfind("tensor:", 0) == 0) {
    o.tensor = kiln::tensor({1, 2}, dtype_named(spec.substr(7)));
  } else if (spec.rfind("scalar0:", 0) == 0) {
    o.tensor = kiln::tensor(1, dtype_named(spec.substr(8)));
  } else {
    ADD_FAILURE() << "unknown operand '" << spec << "'";
  }
  return o;
}

// x * y through the public operators, whichever of the two is a number.
Tensor multiply(const GoldenOperand& x, const GoldenOperand& y) {
  if (x.scalar) return *x.scalar * y.tensor;
  if (y.scalar) return x.tensor * *y.scalar;
  return x.tensor * y.tensor;
}

// ---------------------------------------------------------------------------
// promote_types: PyTorch's full 10x10 table (torch.promote_types), e.g.
// uint8 + int8 -> int16, float16 + bfloat16 -> float32, bool + x -> x.

TEST(Promotion, GoldenFileCoversEveryDtypePair) {
  EXPECT_EQ(golden("promote").size(), 100u);
  EXPECT_EQ(golden("div").size(), 100u);
  // 1-d with each number kind (both orders), 0-d with each number kind, and
  // 1-d/0-d (both orders), 0-d/0-d and 1-d/1-d over every pair.
  EXPECT_EQ(golden("result").size(), 10u * 3 * 2 + 10u * 3 + 100u * 2 + 100u + 100u);
}

TEST(Promotion, PromoteTypesMatchesPyTorch) {
  for (const GoldenLine& line : golden("promote")) {
    EXPECT_EQ(frontend::promote_types(dtype_named(line.lhs), dtype_named(line.rhs)), dtype_named(line.result))
        << describe(line);
  }
}

// ---------------------------------------------------------------------------
// result_type: torch.result_type's priority of operands. Dimensioned tensors
// decide the dtype; a 0-d tensor, then a plain number, only matters when it
// is of a higher category (bool < integral < floating). A Python int is
// int64, a Python float the default dtype float32 (but a float16 tensor times
// 2.5 stays float16).

TEST(Promotion, ResultTypeMatchesPyTorch) {
  for (const GoldenLine& line : golden("result")) {
    GoldenOperand x = make_operand(line.lhs), y = make_operand(line.rhs);
    EXPECT_EQ(frontend::result_type({x.operand(), y.operand()}), dtype_named(line.result)) << describe(line);
  }
}

// What a plain number becomes as a tensor: torch.tensor(True / 3 / 2.5).dtype.
TEST(Promotion, ScalarDtypeIsPyTorchsWrappedNumberDtype) {
  EXPECT_EQ(frontend::scalar_dtype(Scalar(true)), kBool);
  EXPECT_EQ(frontend::scalar_dtype(Scalar(3)), kInt64);
  EXPECT_EQ(frontend::scalar_dtype(Scalar(int8_t{3})), kInt64);  // the C++ type is not kept
  EXPECT_EQ(frontend::scalar_dtype(Scalar(2.5)), kFloat32);
  EXPECT_EQ(frontend::scalar_dtype(Scalar(2.5f)), kFloat32);
}

// ---------------------------------------------------------------------------
// End to end: the op kiln records has the promoted dtype (a * b's dtype is
// torch.result_type(a, b)), bool, float16 and bfloat16 included.

TEST(Promotion, MultiplyRecordsTheResultType) {
  int checked = 0;
  for (const GoldenLine& line : golden("result")) {
    ScalarType expected = dtype_named(line.result);
    GoldenOperand x = make_operand(line.lhs), y = make_operand(line.rhs);
    try {
      EXPECT_EQ(multiply(x, y).scalar_type(), expected) << describe(line);
    } catch (const Error& e) {
      ADD_FAILURE() << describe(line) << ": threw " << e.what();
    }
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

// True division: integer and bool operands divide as the default float dtype
// (int32 / int32 -> float32); floating operands keep the promoted type.
TEST(Promotion, TrueDivisionDtypeMatchesPyTorch) {
  for (const GoldenLine& line : golden("div")) {
    Tensor a = kiln::tensor({1, 2}, dtype_named(line.lhs));
    Tensor b = kiln::tensor({1, 2}, dtype_named(line.rhs));
    ScalarType expected = dtype_named(line.result);
    try {
      EXPECT_EQ((a / b).scalar_type(), expected) << describe(line);
      EXPECT_EQ(a.div(b).scalar_type(), expected) << describe(line);
    } catch (const Error& e) {
      ADD_FAILURE() << describe(line) << ": threw " << e.what();
    }
  }
}

// The dtypes kiln computes in, pairwise, with the values PyTorch gives:
// tensor([1, 2], int32) * tensor([3, 4], float64) == tensor([3., 8.], float64).
const ScalarType kComputeDtypes[] = {kInt32, kInt64, kFloat32, kFloat64};

TEST(Promotion, ArithmeticBetweenComputeDtypesHasPromotedDtypeAndValues) {
  for (ScalarType ta : kComputeDtypes) {
    for (ScalarType tb : kComputeDtypes) {
      SCOPED_TRACE(::testing::Message() << ta << " with " << tb);
      Tensor a = kiln::tensor({1, 2}, ta);
      Tensor b = kiln::tensor({3, 4}, tb);
      ScalarType expected = frontend::promote_types(ta, tb);
      Tensor product = a * b, sum = a + b, difference = a - b, quotient = a / b;
      EXPECT_EQ(product.scalar_type(), expected);
      EXPECT_EQ(sum.scalar_type(), expected);
      EXPECT_EQ(difference.scalar_type(), expected);
      EXPECT_EQ(quotient.scalar_type(), ir::is_floating(expected) ? expected : kFloat32);
      EXPECT_EQ(product.str(), kiln::tensor({3, 8}, expected).str());
      EXPECT_EQ(sum.str(), kiln::tensor({4, 6}, expected).str());
      EXPECT_EQ(difference.str(), kiln::tensor({-2, -2}, expected).str());
      // 1/3 and 2/4 in the quotient's dtype.
      EXPECT_NEAR(quotient.sum().item<double>(), 1.0 / 3.0 + 0.5, 1e-6);

      // A 0-d tensor of a lower category does not raise a dimensioned one.
      Tensor zero_d = kiln::tensor(3, tb);
      bool raises = ir::is_floating(tb) && !ir::is_floating(ta);
      EXPECT_EQ((a * zero_d).scalar_type(), raises ? tb : ta);
    }
  }
}

TEST(Promotion, ArithmeticWithNumbersKeepsTheTensorsDtypeUnlessFloat) {
  for (ScalarType t : kComputeDtypes) {
    SCOPED_TRACE(::testing::Message() << t);
    Tensor a = kiln::tensor({1, 2}, t);
    // An int (any C++ integer type) never widens the tensor.
    EXPECT_EQ((a * 3).scalar_type(), t);
    EXPECT_EQ((3 * a).scalar_type(), t);
    EXPECT_EQ((a * (int64_t{1} << 40)).scalar_type(), t);
    EXPECT_EQ((a + int8_t{3}).scalar_type(), t);
    EXPECT_EQ((a - 3).scalar_type(), t);
    // A float makes an integer tensor the default dtype, float32.
    ScalarType with_float = ir::is_floating(t) ? t : kFloat32;
    EXPECT_EQ((a * 2.5).scalar_type(), with_float);
    EXPECT_EQ((2.5 * a).scalar_type(), with_float);
    EXPECT_EQ((a + 2.5f).scalar_type(), with_float);
    // Division by an int is true division.
    EXPECT_EQ((a / 2).scalar_type(), with_float);
    EXPECT_EQ((2 / a).scalar_type(), with_float);
    // A bool number never widens anything.
    EXPECT_EQ((a * true).scalar_type(), t);
  }
  EXPECT_EQ((kiln::tensor({1, 2}, kInt32) * 2.5).str(), "tensor([2.5000, 5.0000])");
  EXPECT_EQ((kiln::tensor({1, 2}, kInt32) / 2).str(), "tensor([0.5000, 1.0000])");
}

// Arithmetic with a bool result as PyTorch's: add is or, mul is and,
// maximum/minimum are or/and, division is float32 (values from torch 1.13).
TEST(Promotion, BoolArithmeticAsPyTorch) {
  for (debug::Backend backend : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (backend == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(backend);
    Tensor a = kiln::tensor({true, false, true});
    Tensor b = kiln::tensor({true, true, false});
    EXPECT_EQ((a + b).str(), "tensor([True, True, True])");
    EXPECT_EQ((a * b).str(), "tensor([ True, False, False])");
    EXPECT_EQ(a.add(b, true).str(), "tensor([True, True, True])");
    EXPECT_EQ(a.add(b, 2).str(), "tensor([True, True, True])");
    EXPECT_EQ((a + true).str(), "tensor([True, True, True])");
    EXPECT_EQ((a * false).str(), "tensor([False, False, False])");
    EXPECT_EQ((a * kiln::tensor(true)).str(), "tensor([ True, False,  True])");
    EXPECT_EQ((a / b).str(), "tensor([1., 0., inf])");
    EXPECT_EQ(kiln::maximum(a, b).str(), "tensor([True, True, True])");
    EXPECT_EQ(kiln::minimum(a, b).str(), "tensor([ True, False, False])");
    EXPECT_EQ(a.sign().str(), "tensor([ True, False,  True])");
    EXPECT_EQ(a.sqrt().str(), "tensor([1., 0., 1.])");
    EXPECT_EQ((a + 1).str(), "tensor([2, 1, 2])");
    EXPECT_EQ(a.sum().str(), "tensor(2)");
  }
  Tensor a = kiln::tensor({true});
  EXPECT_TRUE(testing::throws<Error>([&] { (void)a.abs(); }, "\"abs_cpu\" not implemented for 'Bool'"));
  EXPECT_TRUE(testing::throws<Error>([&] { (void)a.relu(); }, "Boolean inputs not supported for relu"));
  EXPECT_TRUE(testing::throws<Error>([&] { (void)a.floor(); }, "\"floor_vml_cpu\" not implemented for 'Bool'"));
  EXPECT_TRUE(testing::throws<Error>([&] { (void)a.ceil(); }, "\"ceil_vml_cpu\" not implemented for 'Bool'"));
  EXPECT_TRUE(testing::throws<Error>([&] { (void)a.round(); }, "\"round_vml_cpu\" not implemented for 'Bool'"));
}

// float16 and bfloat16 compute (through float, rounded after each op) and
// keep their dtype against numbers.
TEST(Promotion, SixteenBitFloatsCompute) {
  for (ScalarType t : {kFloat16, kBFloat16}) {
    Tensor a = kiln::tensor({1.5, -2.0}, t);
    EXPECT_EQ((a * 2).scalar_type(), t);
    EXPECT_EQ((a * 2.5).scalar_type(), t);
    EXPECT_EQ((a / a).scalar_type(), t);
    EXPECT_EQ(a.sum().scalar_type(), t);
    EXPECT_EQ((a * kiln::tensor({1.0f, 1.0f})).scalar_type(), kFloat32);
  }
  EXPECT_EQ((kiln::tensor({1.5, -2.0}, kFloat16) * 2.5).str(), "tensor([ 3.7500, -5.0000], dtype=torch.float16)");
}

// Mixed with a compute dtype, bool operands are converted as PyTorch does:
// int32 * bool -> int32, bool + 2 -> int64, bool / 2 -> float32.
TEST(Promotion, BoolOperandsPromoteToComputeDtypes) {
  Tensor flags = kiln::tensor({true, false});
  EXPECT_EQ((kiln::tensor({3, 4}, kInt32) * flags).str(), "tensor([3, 0], dtype=torch.int32)");
  EXPECT_EQ((flags + 2).str(), "tensor([3, 2])");
  EXPECT_EQ((flags / 2).str(), "tensor([0.5000, 0.0000])");
  EXPECT_EQ((flags * kiln::tensor(1.5, kFloat64)).str(), "tensor([1.5000, 0.0000], dtype=torch.float64)");
  EXPECT_EQ(flags.sum().str(), "tensor(1)");  // sums accumulate in int64
}

// Small integer dtypes compute in their promoted dtype: uint8 * int8 -> int16.
TEST(Promotion, SmallIntegerOperandsPromote) {
  EXPECT_EQ((kiln::tensor({1, 2}, kUInt8) * kiln::tensor({-1, 1}, kInt8)).str(), "tensor([-1,  2], dtype=torch.int16)");
}

// A float16/bfloat16 operand whose result is float32/float64 (float16 *
// float32 -> float32): kiln may refuse it at the call with
// NotImplementedError, or compute PyTorch's value; what it must not do is
// accept the op and fail later, when the value is realized.
void expect_computed_or_refused_at_call(const std::string& what, const std::function<Tensor()>& op,
                                        const std::string& torch_repr) {
  SCOPED_TRACE(what);
  Tensor result;
  try {
    result = op();
  } catch (const NotImplementedError&) {
    return;  // refused at the call: fine in this step
  }
  try {
    EXPECT_EQ(result.str(), torch_repr);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "recorded as a " << result.scalar_type() << " op at the call, but realizing it threw "
                  << (dynamic_cast<const Error*>(&e) ? "a kiln::Error" : "a non-kiln exception") << ": " << e.what();
  }
}

TEST(Promotion, HalfOrBFloat16OperandsAreComputedOrRefusedAtTheCall) {
  Tensor half = kiln::tensor({1.5, 2.5}, kFloat16);
  Tensor bf16 = kiln::tensor({1.5, 2.5}, kBFloat16);
  expect_computed_or_refused_at_call(
      "float16 * float32",
      [&] {
        return half * kiln::tensor({2.0, 2.0});
      },
      "tensor([3., 5.])");
  expect_computed_or_refused_at_call(
      "float32 * 0-d float16",
      [&] {
        return kiln::tensor({2.0, 2.0}) * kiln::tensor(1.5, kFloat16);
      },
      "tensor([3., 3.])");
  expect_computed_or_refused_at_call(
      "bfloat16 + float64",
      [&] {
        return bf16 + kiln::tensor({1.0, 1.0}, kFloat64);
      },
      "tensor([2.5000, 3.5000], dtype=torch.float64)");
  expect_computed_or_refused_at_call(
      "float64 / bfloat16",
      [&] {
        return kiln::tensor({1.0, 2.0}, kFloat64) / kiln::tensor({2.0, 8.0}, kBFloat16);
      },
      "tensor([0.5000, 0.2500], dtype=torch.float64)");
}

}  // namespace
}  // namespace kiln
