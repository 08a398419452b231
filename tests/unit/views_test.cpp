// View ops against PyTorch 1.13 (tests/golden/views.txt, written by
// gen_views.py): chains of view, reshape, flatten, permute, transpose, t,
// mT, squeeze, unsqueeze, expand, expand_as, narrow, select, operator[],
// slice, chunk, split and contiguous applied to a realized base, checking
// each result's sizes, strides, storage offset, is_contiguous, dtype and
// values, whether it shares the base's memory, and every error; in both
// engines. Then the aliasing rules spelled out one by one.
#include <gtest/gtest.h>

#include <optional>
#include <sstream>

#include "golden_cases.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;
using testing::GoldenTensor;

// One argument of a chain step: an integer, '_' (nullopt) or a [list].
struct Arg {
  std::optional<int64_t> value;
  bool is_list = false;
  std::vector<int64_t> list;
};

struct Step {
  std::string name;
  std::vector<Arg> args;
};

Arg parse_arg(const std::string& text) {
  Arg a;
  if (text == "_") return a;
  if (text.front() != '[') {
    a.value = std::stoll(text);
    return a;
  }
  a.is_list = true;
  std::istringstream items(text.substr(1, text.size() - 2));
  for (std::string v; std::getline(items, v, ',');) a.list.push_back(std::stoll(v));
  return a;
}

// "transpose:0,1|view:[6]" (grammar: gen_views.py): the steps, in order.
std::vector<Step> parse_chain(const std::string& chain) {
  std::vector<Step> steps;
  std::istringstream in(chain);
  for (std::string text; std::getline(in, text, '|');) {
    Step s;
    size_t colon = text.find(':');
    s.name = text.substr(0, colon);
    if (colon != std::string::npos) {
      // Split at the commas outside brackets.
      std::string arg;
      int depth = 0;
      for (char ch : text.substr(colon + 1)) {
        depth += (ch == '[') - (ch == ']');
        if (ch == ',' && depth == 0) {
          s.args.push_back(parse_arg(arg));
          arg.clear();
        } else {
          arg += ch;
        }
      }
      s.args.push_back(parse_arg(arg));
    }
    steps.push_back(s);
  }
  return steps;
}

// Step `s` applied to `x` through kiln's libtorch-shaped API, omitted
// arguments taking the API's defaults. One result, or chunk's and split's.
std::vector<Tensor> apply_step(const Step& s, const Tensor& x) {
  const std::vector<Arg>& a = s.args;
  size_t n = a.size();
  auto i = [&](size_t k) { return a.at(k).value.value(); };
  // A number where a list goes is a one-element list, as in reshape(6).
  auto list = [&](size_t k) { return a.at(k).is_list ? IntArrayRef(a.at(k).list) : IntArrayRef(i(k)); };
  auto opt = [&](size_t k) { return a.at(k).value; };
  const std::string& op = s.name;
  if (op == "view") return {x.view(list(0))};
  if (op == "reshape") return {x.reshape(list(0))};
  if (op == "flatten") return {n == 0 ? x.flatten() : n == 1 ? x.flatten(i(0)) : x.flatten(i(0), i(1))};
  if (op == "permute") return {x.permute(list(0))};
  if (op == "transpose") return {x.transpose(i(0), i(1))};
  if (op == "t") return {x.t()};
  if (op == "mT") return {x.mT()};
  if (op == "squeeze") return {n == 0 ? x.squeeze() : x.squeeze(i(0))};
  if (op == "unsqueeze") return {x.unsqueeze(i(0))};
  if (op == "expand") return {n == 1 ? x.expand(list(0)) : x.expand(list(0), i(1) != 0)};
  if (op == "expand_as") return {x.expand_as(zeros(list(0), x.scalar_type()))};
  if (op == "narrow") return {x.narrow(i(0), i(1), i(2))};
  if (op == "select") return {x.select(i(0), i(1))};
  if (op == "subscript") return {x[i(0)]};
  if (op == "slice") {
    switch (n) {
      case 0:
        return {x.slice()};
      case 1:
        return {x.slice(i(0))};
      case 2:
        return {x.slice(i(0), opt(1))};
      case 3:
        return {x.slice(i(0), opt(1), opt(2))};
      default:
        return {x.slice(i(0), opt(1), opt(2), i(3))};
    }
  }
  if (op == "chunk") return n == 1 ? x.chunk(i(0)) : x.chunk(i(0), i(1));
  if (op == "split" && a.at(0).is_list) return n == 1 ? x.split(list(0)) : x.split(list(0), i(1));
  if (op == "split") return n == 1 ? x.split(i(0)) : x.split(i(0), i(1));
  if (op == "contiguous") return {x.contiguous()};
  ADD_FAILURE() << "unknown step " << op;
  return {};
}

std::vector<Tensor> run_chain(const std::vector<Step>& steps, const Tensor& base) {
  std::vector<Tensor> results{base};
  for (const Step& s : steps) results = apply_step(s, results.at(0));  // chunk and split come last
  return results;
}

// The address of the first element (data_ptr()), or nullptr for the dtypes
// without a C++ element type in kiln's API (float16, bfloat16).
const char* address(const Tensor& t) {
  switch (t.scalar_type()) {
    case kBool:
      return reinterpret_cast<const char*>(t.const_data_ptr<bool>());
    case kUInt8:
      return reinterpret_cast<const char*>(t.const_data_ptr<uint8_t>());
    case kInt8:
      return reinterpret_cast<const char*>(t.const_data_ptr<int8_t>());
    case kInt16:
      return reinterpret_cast<const char*>(t.const_data_ptr<int16_t>());
    case kInt32:
      return reinterpret_cast<const char*>(t.const_data_ptr<int32_t>());
    case kInt64:
      return reinterpret_cast<const char*>(t.const_data_ptr<int64_t>());
    case kFloat32:
      return reinterpret_cast<const char*>(t.const_data_ptr<float>());
    case kFloat64:
      return reinterpret_cast<const char*>(t.const_data_ptr<double>());
    default:
      return nullptr;
  }
}

// Whether `result` lies in `base`'s memory at its storage offset (a view)
// or outside it (a copy), as PyTorch's did. Empty tensors have no address
// worth comparing.
::testing::AssertionResult memory_matches(const Tensor& result, const Tensor& base, bool aliases) {
  if (result.numel() == 0 || base.numel() == 0) return ::testing::AssertionSuccess();
  const char* r = address(result);
  const char* b = address(base);
  if (r == nullptr || b == nullptr) return ::testing::AssertionSuccess();
  size_t itemsize = ir::itemsize(base.scalar_type());
  if (aliases) {
    if (r == b + result.storage_offset() * static_cast<int64_t>(itemsize)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "a view: its data_ptr should be the base's plus its storage offset";
  }
  if (r < b || r >= b + base.numel() * static_cast<int64_t>(itemsize)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "a copy: its data_ptr should not point into the base's memory";
}

void expect_result(const Tensor& got, const GoldenTensor& want, const Tensor& base, const std::string& where) {
  ASSERT_TRUE(want.layout.has_value()) << where;
  const testing::GoldenLayout& l = *want.layout;
  EXPECT_EQ(got.sizes().vec(), want.shape) << where;
  EXPECT_EQ(got.strides().vec(), l.strides) << where << ": strides";
  EXPECT_EQ(got.storage_offset(), l.storage_offset) << where << ": storage_offset";
  EXPECT_EQ(got.is_contiguous(), l.is_contiguous) << where << ": is_contiguous";
  EXPECT_TRUE(testing::matches_golden(got, want)) << where;
  EXPECT_TRUE(memory_matches(got, base, l.aliases_input)) << where;
}

class Views : public testing::EngineTest {};

TEST_P(Views, Golden) {
  std::vector<GoldenCase> cases = testing::read_golden_cases("views.txt");
  ASSERT_GT(cases.size(), 1000u);
  for (const GoldenCase& c : cases) {
    std::vector<Step> steps = parse_chain(c.args.at(0));
    Tensor base = testing::tensor_of(c.inputs.at(0));
    if (!c.error_kind.empty()) {
      EXPECT_TRUE(testing::throws_golden([&] { run_chain(steps, base); }, c)) << c.where();
      continue;
    }
    std::vector<Tensor> got;
    try {
      got = run_chain(steps, base);
    } catch (const Error& e) {
      ADD_FAILURE() << c.where() << ": threw " << e.what();
      continue;
    }
    ASSERT_EQ(got.size(), c.outputs.size()) << c.where();
    for (size_t k = 0; k < got.size(); ++k)
      expect_result(got[k], c.outputs[k], base, c.where() + ", result " + std::to_string(k));
  }
}

TEST_P(Views, IndexingGolden) {
  std::vector<GoldenCase> cases = testing::read_golden_cases("indexing.txt");
  ASSERT_GT(cases.size(), 300u);
  for (const GoldenCase& c : cases) {
    std::vector<indexing::TensorIndex> indices = testing::parse_index(c.args.at(0));
    Tensor base = testing::tensor_of(c.inputs.at(0));
    if (!c.error_kind.empty()) {
      EXPECT_TRUE(testing::throws_golden([&] { base.index(indices); }, c)) << c.where();
      continue;
    }
    Tensor got;
    try {
      got = base.index(indices);
    } catch (const Error& e) {
      ADD_FAILURE() << c.where() << ": threw " << e.what();
      continue;
    }
    expect_result(got, c.outputs.at(0), base, c.where());
  }
}

TEST(Indexing, LibtorchSpellings) {
  using namespace indexing;
  Tensor x = arange(24).view({2, 3, 4});
  EXPECT_EQ(x.index({0, Slice(1, None), None, Ellipsis}).sizes(), Sizes({2, 1, 4}));
  EXPECT_EQ(x.index({Ellipsis, -1}).str(), "tensor([[ 3,  7, 11],\n        [15, 19, 23]])");
  EXPECT_EQ(x[1][2].str(), "tensor([20, 21, 22, 23])");
  EXPECT_TRUE(testing::throws<ValueError>([&] { x.index({Slice(None, None, 0)}); }, "step must be greater than zero"));
  // A bool index adds a dim (of size 0 for false) and copies, as in PyTorch.
  EXPECT_EQ(x.index({false, 0}).sizes(), Sizes({0, 3, 4}));
  EXPECT_EQ(x.index({true}).sizes(), Sizes({1, 2, 3, 4}));
}

// 0, 1, ..., 11 as a realized 3x4 float32 tensor.
Tensor base_3x4() { return testing::make_tensor({3, 4}, kFloat32, [](int64_t k) { return static_cast<double>(k); }); }

TEST_P(Views, ShareTheBasesMemory) {
  Tensor base = base_3x4();
  Tensor v = base.t().narrow(0, 1, 2);  // v[i][j] = base[j][i + 1]
  EXPECT_EQ(v.const_data_ptr<float>(), base.const_data_ptr<float>() + 1);
  EXPECT_EQ(v.storage_offset(), 1);
  // A write through the base shows in a view made before it and one made after.
  base.data_ptr<float>()[5] = 100;  // base[1][1] = v[0][1]
  Tensor w = base.t().narrow(0, 1, 2);
  EXPECT_EQ(testing::values_of(v), (std::vector<double>{1, 100, 9, 2, 6, 10}));
  EXPECT_EQ(testing::values_of(w), (std::vector<double>{1, 100, 9, 2, 6, 10}));
  // And a write through the view shows in the base: v's first element is base[0][1].
  v.data_ptr<float>()[0] = -1;
  EXPECT_EQ(testing::values_of(base)[1], -1);
}

TEST_P(Views, ReshapeViewsWhereItCanAndCopiesWhereItCannot) {
  Tensor base = base_3x4();
  Tensor viewed = base.reshape({2, 6});  // contiguous: a view
  Tensor copied = base.t().reshape({12});  // no strides express it: a copy
  EXPECT_EQ(copied.strides().vec(), std::vector<int64_t>{1});
  EXPECT_EQ(copied.storage_offset(), 0);
  base.data_ptr<float>()[4] = 100;  // base[1][0]: viewed[0][4], copied[1]
  EXPECT_EQ(testing::values_of(viewed)[4], 100);
  EXPECT_EQ(testing::values_of(copied), (std::vector<double>{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}));
  EXPECT_EQ(viewed.const_data_ptr<float>(), base.const_data_ptr<float>());
  EXPECT_NE(copied.const_data_ptr<float>(), base.const_data_ptr<float>());
}

TEST_P(Views, ContiguousOfAContiguousTensorIsItself) {
  Tensor base = base_3x4();
  Tensor rows = base.narrow(0, 1, 2);  // contiguous, at offset 4
  Tensor same = base.contiguous();
  Tensor same_rows = rows.contiguous();
  same.realize();
  same_rows.realize();
  EXPECT_EQ(same.const_data_ptr<float>(), base.const_data_ptr<float>());
  EXPECT_EQ(same_rows.const_data_ptr<float>(), base.const_data_ptr<float>() + 4);
  EXPECT_EQ(same_rows.storage_offset(), 4);
  // Not contiguous: a copy with fresh strides.
  Tensor copy = base.t().contiguous();
  EXPECT_TRUE(copy.is_contiguous());
  EXPECT_EQ(copy.strides().vec(), (std::vector<int64_t>{3, 1}));
  base.data_ptr<float>()[1] = 100;
  EXPECT_EQ(testing::values_of(copy)[3], 1);  // copy[1][0] = base[0][1] before the write
  EXPECT_EQ(testing::values_of(same)[1], 100);
}

KILN_INSTANTIATE_FOR_ENGINES(Views);

}  // namespace
}  // namespace kiln
