// Printing tensors computed by kiln's ops, character for character against
// PyTorch's repr of the same computation (tests/golden/print_computed.txt).
// Each case here has its namesake, built by the same ops, in
// tests/golden/gen_print_computed.py; keep the two lists side by side.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace kiln {
namespace {

Tensor seeded(uint64_t seed, const std::function<Tensor()>& make) {
  kiln::manual_seed(seed);
  return make();
}

const ScalarType f16 = kFloat16, bf16 = kBFloat16, f32 = kFloat32, f64 = kFloat64;
const ScalarType i8 = kInt8, i16 = kInt16, i32 = kInt32, u8 = kUInt8;

using K = std::pair<std::string, std::function<Tensor()>>;
const std::vector<K>& cases() {
  using namespace kiln;  // NOLINT: reads like the Python side's "T."
  static const std::vector<K> all = {
      // integers: padding, negatives, wrapping
      {"int add", [] { return arange(5) + arange(5) * 10; }},
      {"int mul padding", [] { return arange(-5, 6) * 123; }},
      {"int64 large", [] { return arange(5) * 1000000007 * 1000000007; }},
      {"int64 lowest", [] { return full({2}, -(int64_t{1} << 62)) * 2; }},
      {"int32 affine", [] { return arange(-3, 4, i32) * 7 - 2; }},
      {"int16 wraps", [] { return arange(0, 30000, 7000, i16) * 2; }},
      {"int8 scaled", [] { return arange(-5, 5, i8) * 13; }},
      {"uint8 wraps", [] { return arange(250, 256, u8) + 10; }},
      {"int alpha add", [] { return arange(4).add(arange(4), 3); }},
      {"int full times row", [] { return full({2, 3}, 7) * arange(3); }},
      // divisions and long decimals
      {"int div sevenths", [] { return arange(1, 8) / 7; }},
      {"f64 div thirds", [] { return arange(1, 6, f64) / 3; }},
      {"ones div three", [] { return ones({4}) / 3; }},
      {"f64 sevenths scaled", [] { return arange(1, 4, f64) / 7 * 100000; }},
      {"tenths plus tiny", [] { return arange(1, 5) * 0.1 + 1e-7; }},
      {"int to f64 div", [] { return (arange(5) * 3).to(f64) / 7; }},
      // magnitudes: scientific notation or not
      {"large magnitudes", [] { return arange(1, 6) * 1e10; }},
      {"small magnitudes", [] { return arange(1, 6) / 1e6; }},
      {"wide ratio", [] { return (arange(4) * 1000.0 + 0.001) / 3; }},
      {"integral floats below 1e8", [] { return arange(5) * 1e7; }},
      {"integral floats above 1e8", [] { return arange(5) * 1e9; }},
      {"linspace tiny", [] { return linspace(0, 1, 5) * 1e-8; }},
      // signed zeros, nan and inf from arithmetic
      {"neg zeros", [] { return zeros({3}) * -1; }},
      {"zero times signs", [] { return (arange(3) - 1.0) * 0; }},
      {"zero over zero", [] { return zeros({3}) / zeros({3}); }},
      {"one over zero", [] { return ones({2}) / zeros({2}); }},
      {"signs over zero", [] { return arange(-1, 2) / 0; }},
      {"nan inf and finite", [] { return (arange(4) - 1.0) / arange(4); }},
      {"int over int zero", [] { return arange(3) / zeros({3}, kInt64); }},
      {"nan ne nan", [] { return (zeros({2}) / 0) != (zeros({2}) / 0); }},
      // summarized (more than 1000 elements)
      {"summarized f32", [] { return arange(2000) * 1.5; }},
      {"summarized 2d", [] { return arange(50) * 1.5 + zeros({40, 1}); }},
      {"summarized int", [] { return arange(1500) * 3 - 7; }},
      {"summarized bool", [] { return (arange(1200) * 0.5).round() == arange(1200) * 0.5; }},
      {"summarized linspace", [] { return linspace(-5, 5, 3001); }},
      {"summarized rand", [] { return seeded(1, [] { return rand({1500}); }); }},
      // float16 and bfloat16 results
      {"f16 thirds", [] { return arange(10, f16) / 3; }},
      {"bf16 thirds", [] { return arange(10, bf16) / 3; }},
      {"f16 overflow", [] { return full({3}, 300.0, f16) * 300; }},
      {"f16 small", [] { return ones({3}, f16) / 3000; }},
      {"bf16 huge", [] { return full({2}, 3e38, bf16) * tensor({1.0, -1.5}, bf16); }},
      {"f16 arange steps", [] { return arange(0, 2, 0.25, f16) * 3; }},
      {"bf16 plus f32", [] { return arange(4, bf16) + arange(4, f32) * 0.1; }},
      // 0-d results of sum()
      {"sum f32", [] { return (arange(10) * 0.5).sum(); }},
      {"sum int", [] { return arange(100).sum(); }},
      {"sum f16", [] { return ones({10}, f16).sum(); }},
      {"sum bool", [] { return (arange(10) > 4).sum(); }},
      {"sum empty", [] { return zeros({0}).sum(); }},
      {"sum thirds f64", [] { return (ones({3}, f64) / 3).sum(); }},
      // empty results
      {"empty times two", [] { return zeros({0}) * 2; }},
      {"empty 2d plus one", [] { return zeros({2, 0}) + 1; }},
      {"empty int arange", [] { return arange(0) + 1; }},
      // bool results of comparisons
      {"gt scalar", [] { return arange(5) > 2; }},
      {"eq computed", [] { return arange(6) * 0.5 == arange(6) / 2; }},
      {"le broadcast", [] { return arange(3) <= tensor({{0}, {1}, {2}}); }},
      // unary math and maximum
      {"sqrt int", [] { return arange(6).sqrt(); }},
      {"sqrt negative", [] { return (arange(3) - 1.0).sqrt(); }},
      {"rsqrt f64", [] { return arange(4, f64).rsqrt(); }},
      {"round half even", [] { return (arange(-6, 7) * 0.5).round(); }},
      {"sign float", [] { return (arange(-2, 3) * 1.5).sign(); }},
      {"sign int", [] { return arange(-2, 3).sign(); }},
      {"abs of negated", [] { return (arange(-3, 3) * -0.5).abs(); }},
      {"floor halves", [] { return (arange(-3, 3) / 2).floor(); }},
      {"ceil halves", [] { return (arange(-3, 3) / 2).ceil(); }},
      {"relu", [] { return (arange(-3, 3) * 0.7).relu(); }},
      {"maximum", [] { return maximum(arange(5) * 1.0, full({5}, 2.5)); }},
      {"minimum nan", [] { return minimum(arange(3) / zeros({3}), ones({3})); }},
      // conversions
      {"float to int32", [] { return (arange(6) * 1.7).to(i32); }},
      {"negative to uint8", [] { return (arange(5) * -1.0).to(u8); }},
      {"eye affine", [] { return eye(3) * 2 - 1; }},
      // random numbers with seeds
      {"rand seed 0", [] { return seeded(0, [] { return rand({5}); }); }},
      {"randn 3x4", [] { return seeded(42, [] { return randn({3, 4}); }); }},
      {"randn f64 scaled", [] { return seeded(7, [] { return randn({4}, f64) * 100; }); }},
      {"randint", [] { return seeded(3, [] { return randint(-100, 100, {3, 5}); }); }},
      {"randn f16", [] { return seeded(5, [] { return randn({6}, f16); }); }},
      {"rand affine", [] { return seeded(9, [] { return rand({2, 3}) * 2 - 1; }); }},
      // linspace
      {"linspace tenths", [] { return linspace(0, 1, 11); }},
      {"linspace f64", [] { return linspace(-1, 1, 7, f64); }},
      {"linspace int32", [] { return linspace(0, 100, 9, i32); }},
      {"linspace bf16", [] { return linspace(-3, 3, 9, bf16); }},
      {"linspace grid", [] { return linspace(0, 1, 4) * ones({3, 1}); }},
  };
  return all;
}

// name → PyTorch's repr
std::map<std::string, std::string> golden() {
  std::ifstream in(KILN_SOURCE_DIR "/tests/golden/print_computed.txt");
  std::map<std::string, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("case ", 0) != 0) continue;
    std::string name = line.substr(5), count, text;
    std::getline(in, count);
    int lines = std::stoi(count.substr(5));
    for (int i = 0; i < lines && std::getline(in, line); ++i) text += (i ? "\n" : "") + line;
    out[name] = text;
  }
  return out;
}

TEST(PrintComputed, EveryCaseHasItsGolden) {
  std::map<std::string, std::string> want = golden();
  EXPECT_EQ(want.size(), cases().size()) << "the C++ and Python case lists differ";
  EXPECT_GE(cases().size(), 50u);
  for (const auto& [name, make] : cases()) EXPECT_EQ(want.count(name), 1u) << "no golden for '" << name << "'";
}

TEST(PrintComputed, MatchesPyTorchRepr) {
  std::map<std::string, std::string> want = golden();
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    for (const auto& [name, make] : cases()) {
      EXPECT_EQ(make().str(), want[name]) << "case '" << name << "'";
    }
  }
}

}  // namespace
}  // namespace kiln
