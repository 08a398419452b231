// The elementwise ops of step 2 against PyTorch 1.13 on x86-64
// (tests/golden/elementwise.txt, written by gen_elementwise.py): dtypes,
// shapes, values and error messages, in both engines.
//
// Tolerance: PyTorch's vectorized CPU kernels compute exp, log, sin, pow,
// ... with Sleef (1 ULP accuracy), its scalar tails with glibc; kiln calls
// glibc in both engines. The two libraries may each be up to 1 ULP from the
// exact value in opposite directions, so float32/float64 results of those
// ops may differ from PyTorch's by 2 ULPs (the `tol` of a case); float16 and
// bfloat16 results, rounded from such floats, by 1. Every other op (and
// every special value: NaN, infinities, zeros) must match exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "test_util.h"

namespace kiln {
namespace {

using testing::dtype_named;

struct None {};
using Arg = std::variant<Tensor, Scalar, None>;

struct Case {
  int line = 0;
  std::string op;
  int tol = 0;
  std::vector<std::string> arg_lines;
  std::string expected;  // the "out ..." or "err ..." line
};

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

std::vector<int64_t> shape_of(const std::string& text) {
  std::vector<int64_t> shape;
  if (text == "-") return shape;
  std::istringstream in(text);
  for (std::string d; std::getline(in, d, ',');) shape.push_back(std::stoll(d));
  return shape;
}

// "T dtype shape elements..." (or "out ..."): the dtype, shape and texts.
struct TensorText {
  ScalarType dtype;
  std::vector<int64_t> shape;
  std::vector<std::string> elements;
};
TensorText tensor_text(const std::string& line) {
  std::vector<std::string> w = words_of(line);
  return {dtype_named(w[1]), shape_of(w[2]), std::vector<std::string>(w.begin() + 3, w.end())};
}

Arg parse_arg(const std::string& line) {
  std::vector<std::string> w = words_of(line);
  if (w[0] == "N") return None{};
  if (w[0] == "T") {
    TensorText t = tensor_text(line);
    return testing::from_texts(t.dtype, t.elements, t.shape);
  }
  if (w[1] == "b") return Scalar(w[2] == "1");
  if (w[1] == "i") return Scalar(static_cast<int64_t>(std::stoll(w[2])));
  uint64_t bits = std::stoull(w[2], nullptr, 16);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return Scalar(d);
}

std::vector<Case> load_cases() {
  std::ifstream in(std::string(KILN_SOURCE_DIR) + "/tests/golden/elementwise.txt");
  std::vector<Case> cases;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.rfind("case ", 0) == 0) {
      std::vector<std::string> w = words_of(line);
      cases.push_back(Case{n, w[1], std::stoi(w[2]), {}, {}});
    } else if (line.rfind("out ", 0) == 0 || line.rfind("err ", 0) == 0) {
      cases.back().expected = line;
    } else {
      cases.back().arg_lines.push_back(line);
    }
  }
  return cases;
}

const Tensor& T(const Arg& a) { return std::get<Tensor>(a); }
bool is_t(const Arg& a) { return std::holds_alternative<Tensor>(a); }
bool is_s(const Arg& a) { return std::holds_alternative<Scalar>(a); }
const Scalar& S(const Arg& a) { return std::get<Scalar>(a); }

// A binary op with a tensor or number on either side.
template <typename F>
Tensor either_side(const std::vector<Arg>& a, F f) {
  if (is_t(a[0]) && is_t(a[1])) return f(T(a[0]), T(a[1]));
  if (is_t(a[0])) return f(T(a[0]), S(a[1]));
  return f(S(a[0]), T(a[1]));
}

#define KILN_FREE(fn) [](const auto& x, const auto& y) { return kiln::fn(x, y); }

Tensor call(const std::string& op, const std::vector<Arg>& a) {
  if (op == "exp") return kiln::exp(T(a[0]));
  if (op == "log") return T(a[0]).log();
  if (op == "log2") return kiln::log2(T(a[0]));
  if (op == "sin") return T(a[0]).sin();
  if (op == "cos") return kiln::cos(T(a[0]));
  if (op == "tanh") return T(a[0]).tanh();
  if (op == "sigmoid") return kiln::sigmoid(T(a[0]));
  if (op == "bitwise_not") return ~T(a[0]);
  if (op == "logical_not") return kiln::logical_not(T(a[0]));
  if (op == "sign") return T(a[0]).sign();
  if (op == "abs") return T(a[0]).abs();
  if (op == "relu") return T(a[0]).relu();
  if (op == "floor") return T(a[0]).floor();
  if (op == "sqrt") return T(a[0]).sqrt();
  if (op == "pow") return either_side(a, KILN_FREE(pow));
  if (op == "remainder") return either_side(a, [](const auto& x, const auto& y) { return x % y; });
  if (op == "bitwise_and") return either_side(a, [](const auto& x, const auto& y) { return x & y; });
  if (op == "bitwise_or") return either_side(a, KILN_FREE(bitwise_or));
  if (op == "bitwise_xor") return either_side(a, [](const auto& x, const auto& y) { return x ^ y; });
  if (op == "logical_and") return T(a[0]).logical_and(T(a[1]));
  if (op == "logical_or") return kiln::logical_or(T(a[0]), T(a[1]));
  if (op == "logical_xor") return kiln::logical_xor(T(a[0]), T(a[1]));
  if (op == "add") return either_side(a, [](const auto& x, const auto& y) { return x + y; });
  if (op == "mul") return either_side(a, [](const auto& x, const auto& y) { return x * y; });
  if (op == "div") return either_side(a, [](const auto& x, const auto& y) { return x / y; });
  if (op == "maximum") return kiln::maximum(T(a[0]), T(a[1]));
  if (op == "minimum") return T(a[0]).minimum(T(a[1]));
  if (op == "where") {
    if (is_t(a[1]) && is_t(a[2])) return kiln::where(T(a[0]), T(a[1]), T(a[2]));
    if (is_t(a[1])) return kiln::where(T(a[0]), T(a[1]), S(a[2]));
    if (is_t(a[2])) return kiln::where(T(a[0]), S(a[1]), T(a[2]));
    return kiln::where(T(a[0]), S(a[1]), S(a[2]));
  }
  if (op == "clamp") {
    if (is_s(a[1]) || is_s(a[2])) {
      auto bound = [](const Arg& x) { return is_s(x) ? std::optional<Scalar>(S(x)) : std::nullopt; };
      return T(a[0]).clamp(bound(a[1]), bound(a[2]));
    }
    auto bound = [](const Arg& x) { return is_t(x) ? std::optional<Tensor>(T(x)) : std::nullopt; };
    return kiln::clamp(T(a[0]), bound(a[1]), bound(a[2]));
  }
  if (op == "clamp_min") return is_t(a[1]) ? T(a[0]).clamp_min(T(a[1])) : kiln::clamp_min(T(a[0]), S(a[1]));
  if (op == "clamp_max") return is_t(a[1]) ? kiln::clamp_max(T(a[0]), T(a[1])) : T(a[0]).clamp_max(S(a[1]));
  ADD_FAILURE() << "unknown op " << op;
  return {};
}

// Floats' bits as integers ordered like the values, so that the difference
// of two is their distance in ULPs.
int64_t ordered(const std::string& hex, ScalarType t) {
  uint64_t bits = std::stoull(hex, nullptr, 16);
  uint64_t sign = uint64_t{1} << (8 * ir::itemsize(t) - 1);
  return bits & sign ? -static_cast<int64_t>(bits & ~sign) : static_cast<int64_t>(bits);
}

bool is_nan_text(const std::string& hex, ScalarType t) {
  std::vector<std::string> one{hex};
  return std::isnan(testing::values_of(testing::from_texts(t, one))[0]);
}

::testing::AssertionResult same_elements(const TensorText& want, const Tensor& got, int tol) {
  std::vector<std::string> texts = testing::texts_of(got);
  if (texts.size() != want.elements.size()) return ::testing::AssertionFailure() << "element count differs";
  if (want.dtype == kFloat16 || want.dtype == kBFloat16) tol = std::min(tol, 1);
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string& w = want.elements[i];
    if (texts[i] == w) continue;
    if (ir::is_floating(want.dtype)) {
      bool nan_w = is_nan_text(w, want.dtype), nan_g = is_nan_text(texts[i], want.dtype);
      if (nan_w && nan_g) continue;
      if (!nan_w && !nan_g && std::llabs(ordered(w, want.dtype) - ordered(texts[i], want.dtype)) <= tol) continue;
    }
    return ::testing::AssertionFailure() << "element " << i << ": got " << texts[i] << ", PyTorch " << w;
  }
  return ::testing::AssertionSuccess();
}

void check(const Case& c) {
  std::vector<Arg> args;
  for (const std::string& l : c.arg_lines) args.push_back(parse_arg(l));
  std::string where = "elementwise.txt:" + std::to_string(c.line) + " " + c.op;
  if (c.expected.rfind("err ", 0) == 0) {
    EXPECT_TRUE(testing::throws<Error>([&] { (void)call(c.op, args); }, c.expected.substr(4))) << where;
    return;
  }
  TensorText want = tensor_text(c.expected);
  Tensor got;
  try {
    got = call(c.op, args);
  } catch (const Error& e) {
    ADD_FAILURE() << where << ": threw " << e.what();
    return;
  }
  ASSERT_EQ(got.scalar_type(), want.dtype) << where;
  ASSERT_EQ(got.sizes().vec(), want.shape) << where;
  EXPECT_TRUE(same_elements(want, got, c.tol)) << where;
}

// The cases are checked in parts, each a test of its own, so that the test
// shards (tests/CMakeLists.txt) share the JIT's compiles evenly.
constexpr size_t kParts = 8;

class ElementwiseGolden : public ::testing::TestWithParam<std::tuple<debug::Backend, size_t>> {};

TEST_P(ElementwiseGolden, MatchesPyTorch) {
  auto [backend, part] = GetParam();
  if (backend == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope scope(backend);
  static const std::vector<Case> cases = load_cases();
  ASSERT_GT(cases.size(), 1500u);
  for (size_t i = part; i < cases.size(); i += kParts) check(cases[i]);
}

INSTANTIATE_TEST_SUITE_P(Engines, ElementwiseGolden,
                         ::testing::Combine(::testing::Values(debug::Backend::Interpreter, debug::Backend::Jit),
                                            ::testing::Range(size_t{0}, kParts)),
                         [](const auto& info) {
                           bool jit = std::get<0>(info.param) == debug::Backend::Jit;
                           return std::string(jit ? "Jit" : "Interpreter") + "_part" +
                                  std::to_string(std::get<1>(info.param));
                         });

}  // namespace
}  // namespace kiln
