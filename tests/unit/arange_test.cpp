// arange against PyTorch's exact values (tests/golden/arange.txt, from
// gen_arange.py): lengths, and every value bit for bit, in both engines.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "golden_words.h"
#include "test_util.h"

namespace kiln {
namespace {

struct ArangeCase {
  std::string start, end, step, dtype;
  int64_t length = 0;
  std::vector<std::string> values;  // as tests/golden/ramp_words.py spells them
};

std::vector<ArangeCase> load_cases() {
  std::ifstream in(KILN_SOURCE_DIR "/tests/golden/arange.txt");
  std::vector<ArangeCase> cases;
  std::string header, values;
  while (std::getline(in, header)) {
    if (header.empty() || header[0] == '#') continue;
    ArangeCase c;
    std::istringstream h(header);
    h >> c.start >> c.end >> c.step >> c.dtype >> c.length;
    std::getline(in, values);
    std::istringstream v(values);
    for (std::string word; v >> word;) c.values.push_back(word);
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(Arange, MatchesPyTorchBitForBit) {
  std::vector<ArangeCase> cases = load_cases();
  ASSERT_GE(cases.size(), 40u);
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    for (const ArangeCase& c : cases) {
      std::string what = "arange(" + c.start + ", " + c.end + ", " + c.step + ", " + c.dtype + ")";
      Tensor r = kiln::arange(testing::number_from_text(c.start), testing::number_from_text(c.end),
                              testing::number_from_text(c.step), testing::dtype_named(c.dtype));
      ASSERT_EQ(r.numel(), c.length) << what;
      std::vector<std::string> got = testing::golden_words(r, testing::is_digest(c.values));
      ASSERT_EQ(got.size(), c.values.size()) << what;
      for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], c.values[i]) << what << " element " << i;
    }
  }
}

// float16 and bfloat16 ranges accumulate in float: the bounds and step are
// converted (checked) to float before PyTorch's other checks, so a step
// below float's range is zero.
TEST(Arange, Float16ChecksInFloat) {
  using testing::throws;
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 1e39, 1e37, kFloat16); },
                            "value cannot be converted to type float without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(1e39, 0, 0, kBFloat16); },
                            "value cannot be converted to type float without overflow"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0, 1e-46, 1e-47, kFloat16); }, "step must be nonzero"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(0.0, std::numeric_limits<double>::infinity(), kFloat16); },
                            "unsupported range: 0 -> inf"));
  EXPECT_TRUE(throws<Error>([] { (void)kiln::arange(1.23456789, std::numeric_limits<double>::quiet_NaN(), kBFloat16); },
                            "unsupported range: 1.23457 -> nan"));
  EXPECT_EQ(kiln::arange(0, 1, 0.1, kFloat16).str(),
            "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.3999, 0.5000, 0.6001, 0.7002, 0.7998,\n"
            "        0.8999], dtype=torch.float16)");
  testing::expect_jit_matches_interpreter([] { return kiln::arange(-3, 3, 0.25, kBFloat16) * 3; });
}

}  // namespace
}  // namespace kiln
