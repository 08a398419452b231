// Advanced indexing against PyTorch 1.13 (tests/golden/advanced_indexing.txt,
// written by gen_advanced_indexing.py): reads with tensor and boolean-mask
// indices (result shape, layout, values, errors), index_put_ with them, and
// masked_fill/masked_fill_, in both engines. A write that throws must leave
// the tensor untouched, and a copy recorded before a write keeps the old
// values even when it is realized after it.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "codegen/lower.h"
#include "golden_cases.h"
#include "passes/fuse.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;
using namespace indexing;

// A Python repr (5, -1, 5.5, 1000000.0, nan, True) as a Scalar.
Scalar parse_scalar(const std::string& text) {
  if (text == "True" || text == "False") return Scalar(text == "True");
  if (text == "nan") return Scalar(std::nan(""));
  if (text.find_first_of(".e") != std::string::npos) return Scalar(std::stod(text));
  return Scalar(static_cast<int64_t>(std::stoll(text)));
}

Tensor view_of(const Tensor& x, const GoldenCase& c) {
  std::optional<std::string> perm = c.arg("perm");
  if (!perm) return x;
  std::vector<int64_t> dims;
  std::istringstream in(*perm);
  for (std::string d; std::getline(in, d, ',');) dims.push_back(std::stoll(d));
  return x.permute(Sizes(dims));
}

std::vector<Tensor> inputs_of(const GoldenCase& c, size_t first, size_t end) {
  std::vector<Tensor> out;
  for (size_t k = first; k < end; ++k) out.push_back(testing::tensor_of(c.inputs.at(k)));
  return out;
}

class AdvancedIndex : public testing::EngineTest {};

TEST_P(AdvancedIndex, ReadsGolden) {
  size_t n = 0;
  for (const GoldenCase& c : testing::read_golden_cases("advanced_indexing.txt")) {
    if (c.op != "index") continue;
    ++n;
    Tensor x = testing::tensor_of(c.inputs.at(0));
    std::vector<TensorIndex> indices = testing::parse_index(c.args.at(0), inputs_of(c, 1, c.inputs.size()));
    std::optional<Tensor> result = testing::run_case(c, [&] { return view_of(x, c).index(indices); });
    if (!result) continue;
    Tensor got = *result;
    const testing::GoldenTensor& want = c.outputs.at(0);
    EXPECT_TRUE(testing::matches_golden(got, want)) << c.where();
    // kiln's results are contiguous. PyTorch's TensorIterator lays some out
    // like a non-contiguous source (and gives size-1 dims odd strides);
    // only contiguity is compared, where PyTorch's result has it.
    if (want.layout->is_contiguous) {
      EXPECT_TRUE(got.is_contiguous()) << c.where();
    }
    // 0-d integer tensors index as integers (a view); any other tensor
    // index, a bool too, makes a copy: writing the result leaves x as it was.
    bool view = true;
    for (size_t k = 1; k < c.inputs.size(); ++k) {
      const testing::GoldenTensor& t = c.inputs[k];
      view = view && t.shape.empty() && t.dtype != kBool && t.dtype != kUInt8 && !ir::is_floating(t.dtype);
    }
    EXPECT_EQ(got.storage_offset(), view ? want.layout->storage_offset : 0) << c.where();
    if (got.numel() > 0 && got.scalar_type() != kBool) {
      got.fill_(99);  // not among x's values
      EXPECT_EQ(testing::matches_golden(x, c.inputs.at(0)), !view) << c.where() << ": view or copy";
    }
  }
  EXPECT_GT(n, 300u);
}

TEST_P(AdvancedIndex, WritesGolden) {
  size_t n = 0;
  for (const GoldenCase& c : testing::read_golden_cases("advanced_indexing.txt")) {
    if (c.op != "index_put") continue;
    ++n;
    Tensor x = testing::tensor_of(c.inputs.at(0));
    std::optional<std::string> scalar = c.arg("scalar");
    size_t tensors_end = c.inputs.size() - (scalar ? 0 : 1);
    std::vector<TensorIndex> indices = testing::parse_index(c.args.at(0), inputs_of(c, 1, tensors_end));
    Tensor before = x.clone();  // recorded before the write, realized after it
    auto put = [&] {
      Tensor v = view_of(x, c);
      return scalar ? v.index_put_(indices, parse_scalar(*scalar)) : v.index_put_(indices, testing::tensor_of(c.inputs.back()));
    };
    if (!testing::run_case(c, put)) {
      EXPECT_TRUE(testing::matches_golden(x, c.inputs.at(0))) << c.where() << ": changed by a failed write";
      continue;
    }
    EXPECT_TRUE(testing::matches_golden(x, c.outputs.at(0))) << c.where();
    EXPECT_TRUE(testing::matches_golden(before, c.inputs.at(0))) << c.where() << ": the earlier copy changed";
  }
  EXPECT_GT(n, 150u);
}

TEST_P(AdvancedIndex, MaskedFillGolden) {
  size_t n = 0;
  for (const GoldenCase& c : testing::read_golden_cases("advanced_indexing.txt")) {
    if (c.op != "masked_fill" && c.op != "masked_fill_") continue;
    ++n;
    Tensor self = testing::tensor_of(c.inputs.at(0));
    Tensor mask = testing::tensor_of(c.inputs.at(1));
    bool in_place = c.op == "masked_fill_";
    auto run = [&] {
      if (c.args.at(0) == "tensor") {
        Tensor value = testing::tensor_of(c.inputs.at(2));
        return in_place ? self.masked_fill_(mask, value) : self.masked_fill(mask, value);
      }
      Scalar value = parse_scalar(c.args.at(0));
      return in_place ? self.masked_fill_(mask, value) : self.masked_fill(mask, value);
    };
    std::optional<Tensor> got = testing::run_case(c, run);
    if (!got) {
      EXPECT_TRUE(testing::matches_golden(self, c.inputs.at(0))) << c.where() << ": changed by a failed call";
      continue;
    }
    EXPECT_TRUE(testing::matches_golden(*got, c.outputs.at(0))) << c.where();
    if (in_place) {
      EXPECT_TRUE(testing::matches_golden(self, c.outputs.at(0))) << c.where();
    }
  }
  EXPECT_GT(n, 50u);
}

// Reads and writes interleaved under laziness: each recorded read keeps
// the values of its time, whatever is realized when.
TEST_P(AdvancedIndex, RecordedReadsKeepTheirValues) {
  Tensor x = arange(12).view({3, 4}).to(kFloat32);
  Tensor rows = x.index({tensor({2, 0})});                   // before any write
  x.index_put_({tensor({0, 2}), tensor({1, 3})}, tensor({-1.f, -2.f}));
  Tensor picked = x.index({x < 0});                         // after the first
  x.index_put_({x > 8}, 0);                                  // masked_fill_ dispatch
  Tensor col = x.index({Slice(), tensor({3})});
  x.masked_fill_(x.eq(0), 7);
  EXPECT_EQ(testing::values_of(rows), (std::vector<double>{8, 9, 10, 11, 0, 1, 2, 3}));
  EXPECT_EQ(testing::values_of(picked), (std::vector<double>{-1, -2}));
  EXPECT_EQ(testing::values_of(col), (std::vector<double>{3, 7, -2}));
  EXPECT_EQ(testing::values_of(x), (std::vector<double>{7, -1, 2, 3, 4, 5, 6, 7, 8, 7, 7, -2}));
}

// A write through advanced indices into a view reaches the base and the
// other views; a gathered read of a view reads the base's current value.
TEST_P(AdvancedIndex, WritesThroughViews) {
  Tensor x = zeros({2, 3});
  Tensor t = x.t();
  Tensor row = x[1];
  t.index_put_({tensor({2, 0}), 1}, tensor({5.f, 6.f}));  // x[1][2] = 5, x[1][0] = 6
  EXPECT_EQ(testing::values_of(row), (std::vector<double>{6, 0, 5}));
  EXPECT_EQ(testing::values_of(t.index({tensor({0, 2})})), (std::vector<double>{0, 6, 0, 5}));
  EXPECT_EQ(testing::values_of(x), (std::vector<double>{0, 0, 0, 6, 0, 5}));
}

// Repeated indices: the last write wins, as PyTorch's CPU kernel.
TEST_P(AdvancedIndex, LastRepeatedIndexWins) {
  Tensor x = zeros({4}, kInt64);
  x.index_put_({tensor({1, 3, 1})}, tensor({10, 20, 30}));
  EXPECT_EQ(testing::values_of(x), (std::vector<double>{0, 30, 0, 20}));
}

// A value sharing memory with the written tensor is refused, as PyTorch's
// index_put_ refuses it (there is no order in which to apply it); a clone
// is fine.
TEST_P(AdvancedIndex, ValueOverlappingTheTarget) {
  Tensor y = arange(6).view({2, 3}).to(kFloat32);
  EXPECT_TRUE(testing::throws<Error>([&] { y.index_put_({tensor({0, 1})}, y[0]); },
                                     "unsupported operation: some elements of the input tensor and the written-to "
                                     "tensor refer to a single memory location. Please clone() the tensor before "
                                     "performing the operation."));
  y.index_put_({tensor({1})}, y[0].clone());
  EXPECT_EQ(testing::values_of(y), (std::vector<double>{0, 1, 2, 0, 1, 2}));
}

// set_item drops a tensor value's leading size-1 dims before broadcasting
// it, with tensor indices as with basic ones (libtorch's slicePrefix1sSize),
// and its error names the shape without them. (Found by sequences_test.)
TEST_P(AdvancedIndex, ValueLosesItsLeadingOnes) {
  Tensor x = zeros({3});
  x.index_put_({tensor({0, 2})}, tensor({1.f, 2.f}).view({1, 1, 2}));
  EXPECT_EQ(testing::values_of(x), (std::vector<double>{1, 0, 2}));
  EXPECT_TRUE(testing::throws<Error>([&] { x.index_put_({tensor({0, 2})}, tensor({1.f, 2.f, 3.f}).view({1, 3})); },
                                     "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing "
                                     "result of shape [2]"));
}

// An index sharing memory with the written tensor is refused as PyTorch
// refuses it, unless the write is the masked_fill_ dispatch (one mask, a
// one-element value), which refuses only a partially overlapping mask.
// (Found by sequences_test.)
TEST_P(AdvancedIndex, IndexOverlappingTheTarget) {
  const char* overlap =
      "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory "
      "location. Please clone() the tensor before performing the operation.";
  Tensor m = kiln::tensor({true, false, true});
  EXPECT_TRUE(testing::throws<Error>([&] { m.index_put_({m}, kiln::tensor({false, true})); }, overlap));
  EXPECT_EQ(testing::values_of(m), (std::vector<double>{1, 0, 1}));
  m.index_put_({m}, kiln::tensor({false}));
  EXPECT_EQ(testing::values_of(m), (std::vector<double>{0, 0, 0}));
  Tensor b = kiln::tensor({true, false, true, true});
  EXPECT_TRUE(testing::throws<Error>([&] { b.narrow(0, 0, 3).masked_fill_(b.narrow(0, 1, 3), false); }, overlap));
  EXPECT_TRUE(testing::throws<Error>([&] { b.narrow(0, 0, 3).index_put_({b.narrow(0, 1, 3)}, false); }, overlap));
  b.masked_fill_(b, false);
  EXPECT_EQ(testing::values_of(b), (std::vector<double>{0, 0, 0, 0}));
}

// masked_fill_ on an expanded tensor (PyTorch only warns) sets each masked
// element, so a location is set when any element over it is masked, however
// late in row-major order an unmasked one comes; x[mask] = v dispatches to
// it. (Found by sequences_test; kiln used to refuse the write.)
TEST_P(AdvancedIndex, MaskedFillOfAnExpandedTensor) {
  Tensor mask = kiln::tensor({{true, false}, {false, false}, {false, false}});
  Tensor b = kiln::tensor({1.f, 2.f});
  b.expand({3, 2}).masked_fill_(mask, 9);
  EXPECT_EQ(testing::values_of(b), (std::vector<double>{9, 2}));
  b.expand({3, 2}).index_put_({mask.logical_not()}, kiln::tensor(7.f));
  EXPECT_EQ(testing::values_of(b), (std::vector<double>{7, 7}));
}

// The gather fuses: indexing then arithmetic is one kernel that loads at
// the computed offsets, with no copy of the selection in between.
TEST(AdvancedIndexKernels, GatherFusesIntoItsUser) {
  Tensor x = testing::make_tensor({4, 5}, kFloat32, [](int64_t i) { return static_cast<double>(i); });
  Tensor r = x.index({tensor({3, 1})}) * 2 + 1;
  passes::Schedule s = passes::fuse({r.node()});
  std::vector<std::string> kernels;
  for (const auto& item : s.items)
    if (item.kind == passes::ScheduleItem::Kind::Kernel) kernels.push_back(codegen::lower(*item.node).kernel.name);
  EXPECT_EQ(kernels, std::vector<std::string>{"E_2x5_fused2"});
  EXPECT_EQ(testing::values_of(r), (std::vector<double>{31, 33, 35, 37, 39, 11, 13, 15, 17, 19}));
}

// A realized broadcast (zeros) is an alias without row-major memory; strided
// and gathered reads of it copy it first instead of failing.
TEST_P(AdvancedIndex, ReadsOfARealizedBroadcast) {
  Tensor z = zeros({3, 4});
  z.realize();
  EXPECT_EQ(testing::values_of(z.t().index({1})), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(testing::values_of(z.index({tensor({2})})), (std::vector<double>{0, 0, 0, 0}));
}

KILN_INSTANTIATE_FOR_ENGINES(AdvancedIndex);

}  // namespace
}  // namespace kiln
