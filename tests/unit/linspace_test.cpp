// linspace against PyTorch's exact values (tests/golden/linspace.txt, from
// gen_linspace.py), in both engines; its dtypes, errors and scheduling.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "golden_words.h"
#include "passes/fuse.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::throws;

struct LinspaceCase {
  std::string start, end, dtype;
  int64_t steps = 0;
  std::vector<std::string> values;  // as tests/golden/ramp_words.py spells them
};

std::vector<LinspaceCase> load_cases() {
  std::ifstream in(KILN_SOURCE_DIR "/tests/golden/linspace.txt");
  std::vector<LinspaceCase> cases;
  std::string header, values;
  while (std::getline(in, header)) {
    if (header.empty() || header[0] == '#') continue;
    LinspaceCase c;
    std::istringstream h(header);
    h >> c.start >> c.end >> c.steps >> c.dtype;
    std::getline(in, values);
    std::istringstream v(values);
    for (std::string word; v >> word;) c.values.push_back(word);
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(Linspace, MatchesPyTorchBitForBit) {
  std::vector<LinspaceCase> cases = load_cases();
  ASSERT_GE(cases.size(), 1000u);
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    for (const LinspaceCase& c : cases) {
      std::string what = "linspace(" + c.start + ", " + c.end + ", " + std::to_string(c.steps) + ", " + c.dtype + ")";
      ScalarType t = testing::dtype_named(c.dtype);
      Tensor r = kiln::linspace(testing::number_from_text(c.start), testing::number_from_text(c.end), c.steps, t);
      ASSERT_EQ(r.scalar_type(), t) << what;
      ASSERT_EQ(r.sizes().vec(), std::vector<int64_t>{c.steps}) << what;
      std::vector<std::string> got = testing::golden_words(r, testing::is_digest(c.values));
      ASSERT_EQ(got.size(), c.values.size()) << what;
      for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], c.values[i]) << what << " element " << i;
    }
  }
}

TEST(Linspace, IsFloat32UnlessTold) {
  EXPECT_EQ(kiln::linspace(0, 10, 5).scalar_type(), kFloat32);
  EXPECT_EQ(kiln::linspace(0.5, 1, 5).scalar_type(), kFloat32);
  EXPECT_EQ(kiln::linspace(0, 10, 5, kInt32).scalar_type(), kInt32);
  EXPECT_EQ(kiln::linspace(0, 10, 5, TensorOptions().dtype(kFloat64)).scalar_type(), kFloat64);
  EXPECT_EQ(kiln::linspace(0, 10, 5).str(), "tensor([ 0.0000,  2.5000,  5.0000,  7.5000, 10.0000])");
}

// PyTorch checks the count first, converts (checked) only the bounds it uses
// and has no bool kernel: torch.linspace(300, 0, 1, dtype=torch.uint8) fails,
// torch.linspace(0, 300, 1, dtype=torch.uint8) is tensor([0]).
TEST(Linspace, ErrorsAsPyTorch) {
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1, -1); }, "number of steps must be non-negative"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1, -1, kBool); }, "number of steps must be non-negative"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1, 2, kBool); }, "\"linspace_cpu\" not implemented for 'Bool'"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1e39, 5); },
                            "value cannot be converted to type float without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1e5, 3, kFloat16); },
                            "value cannot be converted to type at::Half without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(0, 1e20, 3, kInt64); },
                            "value cannot be converted to type int64_t without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::linspace(300, 0, 1, kUInt8); },
                            "value cannot be converted to type uint8_t without overflow"));
  EXPECT_EQ(kiln::linspace(0, 300, 1, kUInt8).item<int64_t>(), 0);
  EXPECT_EQ(kiln::linspace(0, 1e39, 1).item<double>(), 0.0);
  EXPECT_EQ(kiln::linspace(300, 0, 0, kUInt8).numel(), 0);
  EXPECT_EQ(kiln::linspace(0, 1, 0, kBool).numel(), 0);
  EXPECT_TRUE(kiln::linspace(3, 1, 1, kBool).item<bool>());
}

TEST(Linspace, JitMatchesInterpreter) {
  using testing::expect_jit_matches_interpreter;
  expect_jit_matches_interpreter([] { return kiln::linspace(-1, 1, 101) * 2 + 1; });
  expect_jit_matches_interpreter([] { return kiln::linspace(0, 255, 1000, kUInt8).sum(); });
  expect_jit_matches_interpreter([] { return kiln::linspace(0, 1, 37, kBFloat16) + kiln::ones({3, 37}); });
}

TEST(Linspace, IsComputedOnTheHostAtRealization) {
  Tensor t = kiln::linspace(0, 1, 8) * 2;
  EXPECT_FALSE(t.node()->is_buffer());
  passes::Schedule s = passes::fuse({t.node()});
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].kind, passes::ScheduleItem::Kind::Host);
  EXPECT_EQ(s.items[0].reason, "linspace");
  std::string text = debug::graph_ir({kiln::linspace(0, 1, 3)});
  std::string loc = "loc(\"linspace_test.cpp\":" + std::to_string(__LINE__ - 1) + ")";
  EXPECT_EQ(text, "graph {\n  %0 = linspace : f32[3] {start=0.0, end=1.0} " + loc + "\n  return %0\n}\n");
}

}  // namespace
}  // namespace kiln
