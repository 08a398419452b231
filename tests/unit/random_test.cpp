// rand/randn/randint against PyTorch 1.13's CPU generator, bit for bit
// (tests/golden/random.txt, from gen_random.py): each golden sequence seeds
// once and replays its calls in order. Every test that draws seeds first,
// since tests run in shards and in any order.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

struct Call {
  std::string header;  // as in the file, for messages
  std::string op, dtype;
  std::vector<int64_t> sizes;
  int64_t low = 0, high = 0;
  std::vector<std::string> values;  // floats: little-endian hex bytes; others: decimal
};

struct Sequence {
  uint64_t seed = 0;
  std::vector<Call> calls;
};

std::vector<Sequence> load_sequences() {
  std::ifstream in(KILN_SOURCE_DIR "/tests/golden/random.txt");
  std::vector<Sequence> sequences;
  std::string line, values;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream h(line);
    std::string word;
    h >> word;
    if (word == "seed") {
      sequences.emplace_back();
      h >> sequences.back().seed;
      continue;
    }
    Call c;
    c.header = line;
    c.op = word;
    std::string sizes;
    h >> c.dtype >> sizes >> c.low >> c.high;
    std::istringstream s(sizes == "-" ? "" : sizes);
    for (std::string d; std::getline(s, d, ',');) c.sizes.push_back(std::stoll(d));
    std::getline(in, values);
    std::istringstream v(values);
    for (std::string x; v >> x;) c.values.push_back(x);
    sequences.back().calls.push_back(std::move(c));
  }
  return sequences;
}

ScalarType dtype_named(const std::string& name) {
  for (int i = 0; i < ir::kNumDTypes; ++i) {
    auto t = static_cast<ScalarType>(i);
    if (ir::torch_name(t) == name) return t;
  }
  throw std::runtime_error("unknown dtype " + name);
}

Tensor draw(const Call& c) {
  ScalarType t = dtype_named(c.dtype);
  Sizes sizes(c.sizes);
  if (c.op == "rand") return kiln::rand(sizes, t);
  if (c.op == "randn") return kiln::randn(sizes, t);
  return kiln::randint(c.low, c.high, sizes, t);
}

// Element i as the golden file writes it.
std::string element_text(const Tensor& r, int64_t i) {
  ScalarType t = r.dtype();
  size_t size = ir::itemsize(t);
  const auto* p = static_cast<const unsigned char*>(r.node()->storage->data()) + i * static_cast<int64_t>(size);
  if (ir::is_floating(t)) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (size_t b = 0; b < size; ++b) {
      s += digits[p[b] >> 4];
      s += digits[p[b] & 15];
    }
    return s;
  }
  int64_t v = 0;
  switch (t) {
    case kBool: v = p[0]; break;
    case kUInt8: v = p[0]; break;
    case kInt8: v = static_cast<int8_t>(p[0]); break;
    case kInt16: { int16_t x; std::memcpy(&x, p, 2); v = x; break; }
    case kInt32: { int32_t x; std::memcpy(&x, p, 4); v = x; break; }
    default: std::memcpy(&v, p, 8); break;
  }
  return std::to_string(v);
}

TEST(RandomGolden, MatchesPyTorchBitForBit) {
  std::vector<Sequence> sequences = load_sequences();
  ASSERT_GE(sequences.size(), 250u);
  size_t calls = 0, values = 0;
  for (const Sequence& seq : sequences) {
    kiln::manual_seed(seq.seed);
    for (const Call& c : seq.calls) {
      std::string what = "seed " + std::to_string(seq.seed) + ", call #" + std::to_string(&c - &seq.calls[0]) +
                         ": " + c.header;
      Tensor r = draw(c);
      ASSERT_EQ(r.dtype(), dtype_named(c.dtype)) << what;
      ASSERT_EQ(r.sizes().vec(), c.sizes) << what;
      ASSERT_EQ(r.numel(), static_cast<int64_t>(c.values.size())) << what;
      for (int64_t i = 0; i < r.numel(); ++i) {
        ASSERT_EQ(element_text(r, i), c.values[i]) << what << ", element " << i;
      }
      ++calls;
      values += c.values.size();
    }
  }
  EXPECT_GE(calls, 400u);
  EXPECT_GE(values, 24000u);
}

// The brief's values, as PyTorch prints them.
TEST(Random, PrintsAsPyTorch) {
  kiln::manual_seed(42);
  EXPECT_EQ(kiln::rand({3, 4}).str(),
            "tensor([[0.8823, 0.9150, 0.3829, 0.9593],\n"
            "        [0.3904, 0.6009, 0.2566, 0.7936],\n"
            "        [0.9408, 0.1332, 0.9346, 0.5936]])");
  EXPECT_EQ(kiln::rand({3, 4}).str(),
            "tensor([[0.8694, 0.5677, 0.7411, 0.4294],\n"
            "        [0.8854, 0.5739, 0.2666, 0.6274],\n"
            "        [0.2696, 0.4414, 0.2969, 0.8317]])");
  kiln::manual_seed(0);
  EXPECT_EQ(kiln::rand({5}).str(), "tensor([0.4963, 0.7682, 0.0885, 0.1320, 0.3074])");
  kiln::manual_seed(0);
  EXPECT_EQ(kiln::randn({5}).str(), "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845])");
  kiln::manual_seed(0);
  EXPECT_EQ(kiln::randint(0, 10, {5}).str(), "tensor([4, 9, 3, 0, 3])");
  kiln::manual_seed(0);
  EXPECT_EQ(kiln::randint(10, {5}).str(), "tensor([4, 9, 3, 0, 3])");
}

// Values are drawn at the call: the result is already a buffer, and
// reseeding before it is used changes nothing.
TEST(Random, DrawsAtTheCall) {
  kiln::manual_seed(0);
  Tensor a = kiln::rand({5});
  EXPECT_TRUE(a.node()->is_buffer());
  kiln::manual_seed(1);
  Tensor b = kiln::rand({5});
  EXPECT_EQ(a.str(), "tensor([0.4963, 0.7682, 0.0885, 0.1320, 0.3074])");
  EXPECT_NE(a.str(), b.str());
}

// A random tensor feeds kernels like any buffer, in both engines.
TEST(Random, ComputesInBothEngines) {
  testing::expect_jit_matches_interpreter([] {
    kiln::manual_seed(7);
    Tensor x = kiln::randn({4, 5});
    return x * kiln::rand({5}) + kiln::randint(-3, 3, {4, 1});
  });
}

TEST(Random, LikeTakesShapeAndDtype) {
  Tensor t = kiln::zeros({2, 3}, kFloat64);
  kiln::manual_seed(3);
  Tensor a = kiln::rand_like(t), b = kiln::randn_like(t);
  Tensor c = kiln::randint_like(t, 9), d = kiln::randint_like(t, -4, 4);
  kiln::manual_seed(3);
  Tensor a2 = kiln::rand({2, 3}, kFloat64), b2 = kiln::randn({2, 3}, kFloat64);
  Tensor c2 = kiln::randint(9, {2, 3}, kFloat64), d2 = kiln::randint(-4, 4, {2, 3}, kFloat64);
  EXPECT_EQ(a.str(), a2.str());
  EXPECT_EQ(b.str(), b2.str());
  EXPECT_EQ(c.str(), c2.str());
  EXPECT_EQ(d.str(), d2.str());
  EXPECT_EQ(kiln::randint_like(kiln::zeros({4}, kInt8), 5).dtype(), kInt8);
  EXPECT_EQ(kiln::rand_like(t, kFloat32).dtype(), kFloat32);
  EXPECT_EQ(kiln::randint_like(t, 0, 2, kBool).dtype(), kBool);
}

// Whether `f` throws exactly kiln::Error (not a subclass) with text `expected`.
::testing::AssertionResult throws_error(const std::function<void()>& f, const std::string& expected) {
  try {
    f();
  } catch (const Error& e) {
    if (typeid(e) != typeid(Error) || e.what() != expected) {
      return ::testing::AssertionFailure() << typeid(e).name() << " \"" << e.what() << "\", expected \"" << expected
                                           << "\"";
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "threw nothing, expected \"" << expected << "\"";
}

// PyTorch's RuntimeError texts (from /usr/bin/python3, torch 1.13).
TEST(Random, ErrorsAsPyTorch) {
  const std::pair<std::function<void()>, std::string> cases[] = {
      {[] { (void)kiln::rand({3}, kInt64); }, "\"check_uniform_bounds\" not implemented for 'Long'"},
      {[] { (void)kiln::rand({3}, kBool); }, "\"check_uniform_bounds\" not implemented for 'Bool'"},
      {[] { (void)kiln::randn({20}, kInt32); }, "\"normal_kernel_cpu\" not implemented for 'Int'"},
      {[] { (void)kiln::rand_like(kiln::zeros({2}, kInt64)); }, "\"check_uniform_bounds\" not implemented for 'Long'"},
      {[] { (void)kiln::randn_like(kiln::zeros({2}, kUInt8)); }, "\"normal_kernel_cpu\" not implemented for 'Byte'"},
      {[] { (void)kiln::rand({-1, 2}); }, "Trying to create tensor with negative dimension -1: [-1, 2]"},
      // The shape is checked first, then the bounds, even for an empty result.
      {[] { (void)kiln::randint(5, 5, {-1}); }, "Trying to create tensor with negative dimension -1: [-1]"},
      {[] { (void)kiln::randint(5, 5, {3}); }, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"},
      {[] { (void)kiln::randint(5, 5, {0}); }, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"},
      {[] { (void)kiln::randint(-3, {3}); }, "random_ expects 'from' to be less than 'to', but got from=0 >= to=-3"},
      {[] { (void)kiln::randint(33554433, 33554434, {3}, kFloat32); },
       "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got "
       "from=33554436 >= to=33554434"},
      {[] { (void)kiln::randint(0, 300, {3}, kUInt8); }, "to - 1 is out of bounds for unsigned char"},
      {[] { (void)kiln::randint(-1, 3, {3}, kUInt8); }, "from is out of bounds for unsigned char"},
      {[] { (void)kiln::randint(0, int64_t{1} << 40, {3}, kInt32); }, "to - 1 is out of bounds for int"},
      {[] { (void)kiln::randint(0, 40000, {3}, kInt16); }, "to - 1 is out of bounds for short int"},
      {[] { (void)kiln::randint(0, 129, {3}, kInt8); }, "to - 1 is out of bounds for signed char"},
      {[] { (void)kiln::randint(0, 3, {3}, kBool); }, "to - 1 is out of bounds for bool"},
      {[] { (void)kiln::randint(-1, 2, {3}, kBool); }, "from is out of bounds for bool"},
      {[] { (void)kiln::randint(0, 70000, {3}, kFloat16); }, "to - 1 is out of bounds for c10::Half"},
      {[] { (void)kiln::randint(-70000, 0, {3}, kFloat16); }, "from is out of bounds for c10::Half"},
      {[] { (void)kiln::randint_like(kiln::zeros({2}, kUInt8), 1000); }, "to - 1 is out of bounds for unsigned char"},
  };
  for (const auto& [f, text] : cases) EXPECT_TRUE(throws_error(f, text));
}

// A failed call draws nothing.
TEST(Random, ErrorsDrawNothing) {
  kiln::manual_seed(0);
  EXPECT_ANY_THROW((void)kiln::randint(0, 300, {3}, kUInt8));
  EXPECT_ANY_THROW((void)kiln::randn({3}, kInt64));
  EXPECT_EQ(kiln::rand({5}).str(), "tensor([0.4963, 0.7682, 0.0885, 0.1320, 0.3074])");
}

}  // namespace
}  // namespace kiln
