// Casts between every pair of dtypes, and float16/bfloat16 arithmetic,
// against PyTorch 1.13 on x86-64 (tests/golden/casts.txt, gen_casts.py), in
// both engines.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "frontend/scalar_io.h"
#include "ir/node.h"
#include "runtime/host_storage.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::dtype_named;
using testing::from_texts;
using testing::texts_of;

std::vector<std::string> words(std::istringstream& in, size_t n) {
  std::vector<std::string> w(n);
  for (auto& x : w) in >> x;
  return w;
}

// Whether PyTorch defines the result of converting `v` to integer type
// `to`: C++ leaves out-of-range and NaN conversions undefined, and PyTorch's
// vectorized and scalar paths then disagree; uint8 is defined through int64.
bool defined_conversion(double v, ScalarType to) {
  if (!ir::is_integral(to)) return true;
  double limit = to == kUInt8 || to == kInt64 ? 9223372036854775808.0 : ir::info(to).max + 1;
  double low = to == kUInt8 ? -limit : -ir::info(to).max - 1;
  return v > low - 1 && v < limit;
}

bool is_nan_text(const std::string& text, ScalarType t) {
  std::vector<std::string> one{text};
  return std::isnan(testing::values_of(from_texts(t, one))[0]);
}

void run_golden(debug::Backend backend) {
  testing::BackendScope scope(backend);
  std::ifstream file(KILN_SOURCE_DIR "/tests/golden/casts.txt");
  int cases = 0;
  for (std::string line; std::getline(file, line);) {
    std::istringstream in(line);
    std::string kind, arrow;
    in >> kind;
    if (kind == "cast") {
      std::string from_name, to_name;
      size_t n;
      in >> from_name >> to_name >> n;
      ScalarType from = dtype_named(from_name), to = dtype_named(to_name);
      std::vector<std::string> input = words(in, n);
      in >> arrow;
      std::vector<std::string> expected = words(in, n);
      Tensor x = from_texts(from, input);
      std::vector<double> source = testing::values_of(x);
      std::vector<std::string> got = texts_of(x.to(to));
      for (size_t i = 0; i < n; ++i) {
        if (ir::is_floating(from) && !defined_conversion(source[i], to)) continue;
        if (ir::is_floating(to) && is_nan_text(expected[i], to)) {
          EXPECT_TRUE(is_nan_text(got[i], to)) << from_name << "->" << to_name << " element " << i;
          continue;
        }
        EXPECT_EQ(got[i], expected[i]) << from_name << " " << input[i] << " -> " << to_name;
      }
    } else if (kind == "binop") {
      std::string dname, op;
      size_t n;
      in >> dname >> op >> n;
      ScalarType t = dtype_named(dname);
      std::vector<std::string> a = words(in, n);
      in >> arrow;  // ";"
      std::vector<std::string> b = words(in, n);
      in >> arrow;
      std::vector<std::string> expected = words(in, n);
      Tensor x = from_texts(t, a), y = from_texts(t, b);
      Tensor r = op == "add" ? x + y : op == "sub" ? x - y : op == "mul" ? x * y : x / y;
      std::vector<std::string> got = texts_of(r);
      for (size_t i = 0; i < n; ++i) {
        if (is_nan_text(expected[i], t)) {
          EXPECT_TRUE(is_nan_text(got[i], t)) << dname << " " << op << " element " << i;
        } else {
          EXPECT_EQ(got[i], expected[i]) << dname << " " << a[i] << " " << op << " " << b[i];
        }
      }
    } else if (kind == "sum") {
      std::string dname;
      size_t n;
      in >> dname >> n;
      ScalarType t = dtype_named(dname);
      std::vector<std::string> input = words(in, n);
      in >> arrow;
      std::vector<std::string> expected = words(in, 1);
      EXPECT_EQ(texts_of(from_texts(t, input).sum()), expected) << dname << " sum of " << n;
    }
    ++cases;
  }
  EXPECT_GT(cases, 100);
}

TEST(Casts, MatchPyTorchInTheInterpreter) { run_golden(debug::Backend::Interpreter); }

TEST(Casts, MatchPyTorchInTheJit) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  run_golden(debug::Backend::Jit);
}

TEST(Casts, ToSameDtypeIsTheSameTensor) {
  Tensor a = kiln::tensor({1, 2});
  EXPECT_EQ(a.to(kInt64).node(), a.node());
  EXPECT_NE(a.to(kInt64, false, /*copy=*/true).node(), a.node());
  EXPECT_EQ(a.type(kFloat16).str(), "tensor([1., 2.], dtype=torch.float16)");
}

}  // namespace
}  // namespace kiln
