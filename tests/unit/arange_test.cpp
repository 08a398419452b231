// arange against PyTorch's exact values (tests/golden/arange.txt, from
// gen_arange.py): lengths, and every value bit for bit, in both engines.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

struct ArangeCase {
  std::string start, end, step, dtype;
  int64_t length = 0;
  std::vector<std::string> values;  // floats: little-endian hex bytes; ints: decimal
};

Scalar parse_number(const std::string& s) {
  if (s.find_first_of(".e") != std::string::npos) return Scalar(std::stod(s));
  return Scalar(static_cast<int64_t>(std::stoll(s)));
}

using testing::dtype_named;

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

// The element's bytes as little-endian hex, like Python's struct.pack().hex().
std::string hex_of(const void* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    auto b = static_cast<const unsigned char*>(p)[i];
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

TEST(Arange, MatchesPyTorchBitForBit) {
  std::vector<ArangeCase> cases = load_cases();
  ASSERT_GE(cases.size(), 20u);
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    for (const ArangeCase& c : cases) {
      std::string what = "arange(" + c.start + ", " + c.end + ", " + c.step + ", " + c.dtype + ")";
      ScalarType t = dtype_named(c.dtype);
      Tensor r = kiln::arange(parse_number(c.start), parse_number(c.end), parse_number(c.step), t);
      ASSERT_EQ(r.numel(), c.length) << what;
      r.realize();
      const char* base = static_cast<const char*>(r.node()->storage->data());
      size_t size = ir::itemsize(t);
      std::vector<double> values = testing::values_of(r);  // exact: every integer here is below 2^53
      for (int64_t i = 0; i < c.length; ++i) {
        std::string got = ir::is_floating(t) ? hex_of(base + i * static_cast<int64_t>(size), size)
                                             : std::to_string(static_cast<int64_t>(values[static_cast<size_t>(i)]));
        EXPECT_EQ(got, c.values[static_cast<size_t>(i)]) << what << " element " << i;
      }
    }
  }
}

}  // namespace
}  // namespace kiln
