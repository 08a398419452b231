// In-place writes under laziness: a write through any view is seen by the
// base and every other view; a value recorded before the write keeps the old
// values even when realized after it; memory shared with the caller
// (from_blob) is written in place. Both engines; expected values from
// eager PyTorch (written next to each check).
#include <gtest/gtest.h>

#include "frontend/nodes.h"
#include "test_util.h"

namespace kiln {
namespace {

using indexing::None;
using indexing::Slice;

class InPlace : public testing::EngineTest {};

TEST_P(InPlace, SeedViewWriteChangesTheBase) {
  // x = torch.arange(1., 10.); z = x.view(1, 9); z[:, 0] = 5
  Tensor x = arange(1., 10.);
  Tensor z = x.view({1, 9});
  z.index_put_({Slice(), 0}, 5);
  EXPECT_EQ(z.str(), "tensor([[5., 2., 3., 4., 5., 6., 7., 8., 9.]])");
  EXPECT_EQ(x.str(), "tensor([5., 2., 3., 4., 5., 6., 7., 8., 9.])");
}

TEST_P(InPlace, PermutedViewSeesAWriteToTheOriginal) {
  // x_permuted = x_original.permute(2, 0, 1); x_original[0, 0, 0] = 728218
  Tensor x_original = arange(24.).view({2, 3, 4});
  Tensor x_permuted = x_original.permute({2, 0, 1});
  x_original.index_put_({0, 0, 0}, 728218);
  EXPECT_EQ(x_permuted.index({0, 0, 0}).item<double>(), 728218);
  EXPECT_EQ(x_permuted.index({1, 0, 0}).item<double>(), 1);
}

TEST_P(InPlace, ValuesRecordedBeforeAWriteKeepTheOldValues) {
  Tensor x = arange(4.);
  Tensor before = x * 10;      // recorded, not realized
  Tensor view_before = x[1];   // a view: sees later writes, as in PyTorch
  x.add_(1);
  Tensor after = x * 10;
  EXPECT_EQ(before.str(), "tensor([ 0., 10., 20., 30.])");
  EXPECT_EQ(after.str(), "tensor([10., 20., 30., 40.])");
  EXPECT_EQ(view_before.item<double>(), 2);
}

TEST_P(InPlace, WriteAfterReadOfARealizedBuffer) {
  Tensor x = arange(3);
  x.realize();
  Tensor y = x + 100;  // pending reader of x's memory
  x.mul_(2);
  x.realize();         // writes x's memory in place: y must be computed first
  EXPECT_EQ(y.str(), "tensor([100, 101, 102])");
  EXPECT_EQ(x.str(), "tensor([0, 2, 4])");
}

TEST_P(InPlace, ChainedWritesThroughDifferentViews) {
  Tensor x = zeros({3, 4});
  x[0].fill_(1);
  x.index({Slice(), 1}).add_(2);
  x.t()[3].copy_(arange(3.));
  x.index_put_({Slice(1, None), Slice(None, None, 2)}, tensor({7.0, 8.0}));
  // PyTorch: the same sequence.
  EXPECT_EQ(x.str(),
            "tensor([[1., 3., 1., 0.],\n"
            "        [7., 2., 8., 1.],\n"
            "        [7., 2., 8., 2.]])");
}

TEST_P(InPlace, DisjointSelfCopyAndIntegerDtypes) {
  Tensor x = arange(6).view({2, 3});
  x[0].copy_(x[1]);
  EXPECT_EQ(x.str(), "tensor([[3, 4, 5],\n        [3, 4, 5]])");
  x.copy_(tensor({1.7, 2.2, 3.9}));  // truncates, broadcasts
  EXPECT_EQ(x.str(), "tensor([[1, 2, 3],\n        [1, 2, 3]])");
  Tensor f = arange(4.);
  f.index({Slice(None, None, 2)}).zero_();
  f.relu_().clamp_(0.5, 2.5).pow_(2);
  EXPECT_EQ(f.str(), "tensor([0.2500, 1.0000, 0.2500, 6.2500])");
}

TEST_P(InPlace, FromBlobMemoryIsWrittenInPlace) {
  std::vector<float> data{1, 2, 3, 4};
  Tensor t = from_blob(data.data(), {2, 2});
  t.mul_(3);
  t.realize();
  EXPECT_EQ(data, (std::vector<float>{3, 6, 9, 12}));
  t.t()[0].sub_(1);  // column 0
  t.realize();
  EXPECT_EQ(data, (std::vector<float>{2, 6, 8, 12}));
}

TEST_P(InPlace, ErrorsAtTheCallWithPyTorchsText) {
  Tensor x = arange(5);
  const std::string clone = " Please clone() the tensor before performing the operation.";
  EXPECT_TRUE(testing::throws<Error>([&] { x.index({Slice(1, None)}).copy_(x.index({Slice(None, -1)})); },
                                     "unsupported operation: some elements of the input tensor and the written-to "
                                     "tensor refer to a single memory location." + clone));
  EXPECT_TRUE(testing::throws<Error>([&] { x.add_(1.5); }, "result type Float can't be cast to the desired output type Long"));
  EXPECT_TRUE(testing::throws<Error>([&] { x.div_(2); }, "result type Float can't be cast to the desired output type Long"));
  EXPECT_TRUE(testing::throws<Error>([&] { arange(3).add_(ones({2, 3})); },
                                     "output with shape [3] doesn't match the broadcast shape [2, 3]"));
  EXPECT_TRUE(testing::throws<Error>([&] { arange(3).expand({2, 3}).add_(1); },
                                     "unsupported operation: more than one element of the written-to tensor refers to "
                                     "a single memory location." + clone));
  Tensor m = arange(6.).view({2, 3});
  EXPECT_TRUE(testing::throws<Error>([&] { m.t().mul_(m); },
                                     "unsupported operation: some elements of the input tensor and the written-to "
                                     "tensor refer to a single memory location." + clone));
  EXPECT_TRUE(testing::throws<Error>([&] { x.fill_(tensor({1})); },
                                     "fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions."));
  EXPECT_TRUE(testing::throws<Error>([&] { arange(4).to(kUInt8).fill_(300); },
                                     "value cannot be converted to type uint8_t without overflow"));
  // Nothing was written by the failed calls.
  EXPECT_EQ(x.str(), "tensor([0, 1, 2, 3, 4])");
}

// relu_ and sub_ refuse bool operands before the overlap checks; a tensor
// written from itself through set_item is the same tensor, refused by
// index_put_ even when empty. (Found by sequences_test.)
TEST_P(InPlace, CheckOrderOfBoolAndOverlapErrors) {
  const std::string sub_bool =
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use "
      "the `~` or `logical_not()` operator instead.";
  Tensor b = kiln::tensor({true, false}).expand({3, 2});
  EXPECT_TRUE(testing::throws<Error>([&] { b.relu_(); }, "Boolean inputs not supported for relu"));
  Tensor f = ones({2}).expand({3, 2});
  EXPECT_TRUE(testing::throws<Error>([&] { f.sub_(true); }, sub_bool));
  EXPECT_TRUE(testing::throws<Error>([&] { f.sub_(kiln::tensor({true, false})); }, sub_bool));
  Tensor e = zeros({0}, kInt64);
  EXPECT_TRUE(testing::throws<Error>([&] { e.index_put_({zeros({0}, kBool)}, e); },
                                     "unsupported operation: some elements of the input tensor and the written-to "
                                     "tensor refer to a single memory location. Please clone() the tensor before "
                                     "performing the operation."));
  e.index_put_({zeros({0}, kBool)}, e.clone());
}

TEST_P(InPlace, SameRegionIsFine) {
  Tensor x = arange(6.).view({2, 3});
  x.add_(x);
  EXPECT_EQ(x.str(), "tensor([[ 0.,  2.,  4.],\n        [ 6.,  8., 10.]])");
}

TEST_P(InPlace, FillWritesEveryElementOfAnExpandedView) {
  // PyTorch's fill_ checks no overlap: torch.zeros(1).expand(3).fill_(2)
  Tensor x = zeros({1});
  x.expand({3}).fill_(2);
  EXPECT_EQ(x.str(), "tensor([2.])");
  x.expand({2, 3}).zero_();
  EXPECT_EQ(x.str(), "tensor([0.])");
  x.expand({2, 3}).index_put_({0}, 5);  // x.expand(2, 3)[0] = 5
  EXPECT_EQ(x.str(), "tensor([5.])");
  // A tensor value is read first (value.item()) and converted without a cast check.
  Tensor y = arange(3.);
  y.fill_(y[2]);
  EXPECT_EQ(y.str(), "tensor([2., 2., 2.])");
  Tensor i = arange(3);
  i.fill_(tensor(2.5));
  EXPECT_EQ(i.str(), "tensor([2, 2, 2])");
}

TEST_P(InPlace, EmptyOrSameTensorsAreNoOverlap) {
  // torch.zeros(1, 0).expand(2, 0).mul_(2): an empty tensor has no overlap.
  Tensor e = zeros({1, 0}).expand({2, 0});
  e.mul_(2);
  e.sub_(e);
  EXPECT_EQ(e.sizes(), Sizes({2, 0}));
  // x.copy_(x) returns at once, even for an expanded x.
  Tensor x = zeros({1});
  Tensor ex = x.expand({3});
  ex.copy_(ex);
  EXPECT_EQ(ex.str(), "tensor([0., 0., 0.])");
  // detach() is another TensorImpl, so its copy is checked.
  EXPECT_TRUE(testing::throws<Error>([&] { ex.copy_(ex.detach()); },
                                     "unsupported operation: more than one element of the written-to tensor refers to "
                                     "a single memory location. Please clone() the tensor before performing the "
                                     "operation."));
  Tensor y = arange(3.);
  y.add_(y.detach());  // the same memory, element for element
  EXPECT_EQ(y.str(), "tensor([0., 2., 4.])");
}

TEST_P(InPlace, CopyBroadcastsAsTensorIterator) {
  EXPECT_TRUE(testing::throws<Error>([] { zeros({3}).copy_(zeros({2})); },
                                     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
                                     "dimension 0"));
  EXPECT_TRUE(testing::throws<Error>([] { zeros({3}).copy_(zeros({2, 3})); },
                                     "output with shape [3] doesn't match the broadcast shape [2, 3]"));
}

TEST_P(InPlace, IndexPutCopiesAsSetitem) {
  // x[0:2] = v: v drops its leading size-1 dims, then expands (expand's errors).
  Tensor x = zeros({3, 2});
  EXPECT_TRUE(testing::throws<Error>([&] { x.index_put_({Slice(0, 2)}, zeros({3})); },
                                     "The expanded size of the tensor (2) must match the existing size (3) at "
                                     "non-singleton dimension 1.  Target sizes: [2, 2].  Tensor sizes: [3]"));
  EXPECT_TRUE(testing::throws<Error>([&] { x.index_put_({Slice(0, 2)}, zeros({2, 1, 2})); },
                                     "expand(torch.FloatTensor{[2, 1, 2]}, size=[2, 2]): the number of sizes provided "
                                     "(2) must be greater or equal to the number of dimensions in the tensor (3)"));
  x.index_put_({Slice(0, 2)}, arange(1., 5.).view({1, 2, 2}));
  EXPECT_EQ(x.str(), "tensor([[1., 2.],\n        [3., 4.],\n        [0., 0.]])");
  // The overlap checks see the expanded value, which is not dense: no error,
  // and every element is written from the old values.
  Tensor y = arange(6.).view({2, 3});
  y.index_put_({Slice(), Slice(1, None)}, y.index({Slice(), Slice(None, 1)}));
  EXPECT_EQ(y.str(), "tensor([[0., 0., 0.],\n        [3., 3., 3.]])");
}

TEST_P(InPlace, PowAndClampDtypeErrorsArePyTorchs) {
  EXPECT_TRUE(testing::throws<Error>([] { arange(3).pow_(2.0); }, "Found dtype Long but expected Float"));
  EXPECT_TRUE(testing::throws<Error>([] { ones({3}, kBool).pow_(2); }, "Found dtype Bool but expected Long"));
  EXPECT_TRUE(testing::throws<Error>([] { arange(3).pow_(tensor(2.)); },
                                     "result type Float can't be cast to the desired output type Long"));
  // clamp_ names the output dtype by its C++ type.
  EXPECT_TRUE(testing::throws<Error>([] { arange(3).clamp_(0.5); },
                                     "result type Float can't be cast to the desired output type long int"));
  EXPECT_TRUE(testing::throws<Error>([] { arange(3).to(kInt32).clamp_(std::nullopt, 0.5); },
                                     "result type Float can't be cast to the desired output type int"));
  EXPECT_TRUE(testing::throws<Error>([] { ones({3}, kBool).clamp_(0); },
                                     "result type Long can't be cast to the desired output type bool"));
  Tensor x = arange(3);
  x.pow_(2);
  x.clamp_(1);
  EXPECT_EQ(x.str(), "tensor([1, 1, 4])");
}

KILN_INSTANTIATE_FOR_ENGINES(InPlace);

}  // namespace
}  // namespace kiln

namespace kiln {
namespace {

// Loops that never realize must not grow the pending graph without bound:
// past a chain of 1024 pending nodes, kiln realizes.
TEST(PendingGraph, StaysBoundedInAccumulationAndInPlaceLoops) {
  Tensor x = ones({4});
  Tensor acc = zeros({4});
  int64_t deepest = 0;
  for (int i = 0; i < 20000; ++i) {
    acc = acc + x;
    deepest = std::max(deepest, acc.node()->depth);
  }
  EXPECT_LE(deepest, 1024);
  EXPECT_EQ(acc.str(), "tensor([20000., 20000., 20000., 20000.])");

  Tensor y = zeros({2, 2});
  for (int i = 0; i < 20000; ++i) {
    y[i % 2].add_(1);
    deepest = std::max(deepest, frontend::impl_of(y).storage->base->depth);
  }
  EXPECT_LE(deepest, 1024);
  EXPECT_EQ(y.str(), "tensor([[10000., 10000.],\n        [10000., 10000.]])");
}

}  // namespace
}  // namespace kiln
