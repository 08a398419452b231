// cat, stack, vstack and hstack against PyTorch 1.13 (tests/golden/join.txt,
// written by gen_join.py): every dim, 1-4 inputs, every promotion pair,
// transposed, sliced, broadcast and pending inputs, empty tensors, the
// skipping of [0] inputs and every error; in both engines. Then laziness and
// aliasing: the result is a new tensor, computed only when realized, that
// keeps the inputs' values as they were at the call.
#include <gtest/gtest.h>

#include <sstream>

#include "golden_cases.h"
#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;
using testing::values_of;

// The stored input `x` turned into the op's argument (gen_join.py's preps).
Tensor prepare(const Tensor& x, const std::string& prep) {
  if (prep == "-") return x;
  if (prep == "t") return x.transpose(0, -1);
  if (prep == "s") return x.slice(0, std::nullopt, std::nullopt, 2);
  if (prep == "c") return x.clone();
  if (prep.front() == 'b') {
    std::vector<int64_t> sizes = x.sizes().vec();
    sizes[0] = std::stoll(prep.substr(1));
    return x.expand(Sizes(sizes));
  }
  ADD_FAILURE() << "unknown prep " << prep;
  return x;
}

std::vector<Tensor> arguments(const GoldenCase& c) {
  std::vector<Tensor> xs;
  std::istringstream preps(c.args.at(1));
  std::string prep;
  for (const testing::GoldenTensor& in : c.inputs) {
    std::getline(preps, prep, ',');
    xs.push_back(prepare(testing::tensor_of(in), prep));
  }
  return xs;
}

Tensor join(const GoldenCase& c, const std::vector<Tensor>& xs) {
  if (c.op == "cat") return kiln::cat(xs, std::stoll(c.args.at(0)));
  if (c.op == "stack") return kiln::stack(xs, std::stoll(c.args.at(0)));
  if (c.op == "vstack") return kiln::vstack(xs);
  if (c.op == "hstack") return kiln::hstack(xs);
  ADD_FAILURE() << "unknown op " << c.op;
  return {};
}

class Join : public testing::EngineTest {};

TEST_P(Join, Golden) {
  std::vector<GoldenCase> cases = testing::read_golden_cases("join.txt");
  ASSERT_GT(cases.size(), 400u);
  for (const GoldenCase& c : cases) {
    std::vector<Tensor> xs = arguments(c);
    if (!c.error_kind.empty()) {
      EXPECT_TRUE(testing::throws_golden([&] { join(c, xs); }, c)) << c.where();
      continue;
    }
    Tensor got;
    try {
      got = join(c, xs);
    } catch (const Error& e) {
      ADD_FAILURE() << c.where() << ": threw " << e.what();
      continue;
    }
    EXPECT_TRUE(got.is_contiguous()) << c.where();
    EXPECT_TRUE(testing::matches_golden(got, c.outputs.at(0))) << c.where();
  }
}

TEST_P(Join, BracedListsAndDefaults) {
  Tensor a = kiln::tensor({{1, 2}, {3, 4}});
  Tensor b = kiln::tensor({{5.5, 6.5}});
  EXPECT_EQ(kiln::cat({a, b}).str(),
            "tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000],\n        [5.5000, 6.5000]])");
  EXPECT_EQ(kiln::cat({a, a}, -1).str(), "tensor([[1, 2, 1, 2],\n        [3, 4, 3, 4]])");
  EXPECT_EQ(kiln::stack({a[0], a[1]}).sizes(), Sizes({2, 2}));
  EXPECT_EQ(kiln::stack({a[0], a[1]}, 1).str(), "tensor([[1, 3],\n        [2, 4]])");
  EXPECT_EQ(kiln::vstack({a[0], a[1]}).sizes(), Sizes({2, 2}));
  EXPECT_EQ(kiln::hstack({a[0], a[1]}).str(), "tensor([1, 2, 3, 4])");
}

TEST_P(Join, NothingIsComputedAtTheCall) {
  Tensor x = kiln::arange(6).reshape({2, 3}) * 2;
  Tensor c = kiln::cat({x, x + 1}, 1);
  EXPECT_FALSE(x.node()->is_buffer());
  EXPECT_FALSE(c.node()->is_buffer());
  EXPECT_EQ(c.sizes(), Sizes({2, 6}));
  EXPECT_EQ(values_of(c), (std::vector<double>{0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11}));
}

TEST_P(Join, ResultIsACopy) {
  Tensor x = kiln::arange(4.0);
  Tensor c = kiln::cat({x});
  EXPECT_NE(c.const_data_ptr<float>(), x.const_data_ptr<float>());
  Tensor s = kiln::stack({x}, 1);
  EXPECT_NE(s.const_data_ptr<float>(), x.const_data_ptr<float>());
}

// Writes to an input after the call, realized or not before: the result
// keeps the values the input had at the call.
TEST_P(Join, LaterWritesToAnInputAreNotSeen) {
  for (bool realize_first : {false, true}) {
    for (bool pending_input : {false, true}) {
      Tensor x = kiln::tensor({1.0, 2.0, 3.0});
      if (pending_input) x = x * 1.0;
      Tensor y = kiln::tensor({4.0, 5.0, 6.0});
      Tensor c = kiln::cat({x, y});
      Tensor s = kiln::stack({y, x}, 1);
      if (realize_first) kiln::realize({c, s});
      x.add_(10);
      y.index_put_({0}, -1);
      x.view({3, 1}).mul_(2);
      EXPECT_EQ(values_of(c), (std::vector<double>{1, 2, 3, 4, 5, 6})) << realize_first << pending_input;
      EXPECT_EQ(values_of(s), (std::vector<double>{4, 1, 5, 2, 6, 3})) << realize_first << pending_input;
      EXPECT_EQ(values_of(x), (std::vector<double>{22, 24, 26}));
      EXPECT_EQ(values_of(y), (std::vector<double>{-1, 5, 6}));
    }
  }
}

TEST_P(Join, LaterWritesThroughDataPtrAreNotSeen) {
  Tensor x = kiln::tensor({1, 2, 3});
  Tensor c = kiln::hstack({x, x});
  x.data_ptr<int64_t>()[1] = 20;
  EXPECT_EQ(values_of(c), (std::vector<double>{1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(values_of(x), (std::vector<double>{1, 20, 3}));
}

TEST_P(Join, TheResultCanBeWrittenInPlace) {
  for (bool realize_first : {false, true}) {
    Tensor x = kiln::tensor({{1, 2}, {3, 4}});
    Tensor c = kiln::cat({x, x}, 1);
    Tensor row = c[1];  // a view of the result, taken before the writes
    if (realize_first) c.realize();
    c.index_put_({0, indexing::Slice(1, 3)}, 0);
    row.add_(100);
    c.t()[3].mul_(-1);
    EXPECT_EQ(values_of(c), (std::vector<double>{1, 0, 0, -2, 103, 104, 103, -104})) << realize_first;
    EXPECT_EQ(values_of(row), (std::vector<double>{103, 104, 103, -104})) << realize_first;
    EXPECT_EQ(values_of(x), (std::vector<double>{1, 2, 3, 4}));
  }
}

TEST_P(Join, JoiningAViewOfItsOwnStorage) {
  Tensor x = kiln::arange(6.0).view({2, 3});
  Tensor c = kiln::cat({x, x.t().contiguous().view({2, 3}), x[1].unsqueeze(0)});
  x.zero_();
  EXPECT_EQ(values_of(c), (std::vector<double>{0, 1, 2, 3, 4, 5, 0, 3, 1, 4, 2, 5, 3, 4, 5}));
}

TEST(JoinEngines, JitMatchesInterpreter) {
  Tensor a = kiln::arange(24).view({2, 3, 4});
  Tensor b = kiln::arange(12.0).view({3, 4}) * 0.5;
  testing::expect_jit_matches_interpreter([&] { return kiln::cat({a.transpose(0, 2), b.t().unsqueeze(2)}, 2) + 1; });
  testing::expect_jit_matches_interpreter([&] { return kiln::stack({b, -b}, 1).sum(0); });
}

KILN_INSTANTIATE_FOR_ENGINES(Join);

}  // namespace
}  // namespace kiln
