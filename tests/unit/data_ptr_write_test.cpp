// Writing through data_ptr() behaves as in eager PyTorch: the tensor (and
// its views) see the write, results recorded before it keep the old values
// even when they are realized after it.
#include <gtest/gtest.h>

#include <optional>

#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

class DataPtrWrite : public testing::EngineTest {};

TEST_P(DataPtrWrite, EarlierResultsKeepOldValues) {
  Tensor a = kiln::tensor({1, 2});
  Tensor b = a * 2;                 // recorded before the write
  a.data_ptr<int64_t>()[0] = 100;
  Tensor c = a * 2;                 // recorded after it
  EXPECT_EQ(b.str(), "tensor([2, 4])");
  EXPECT_EQ(a.str(), "tensor([100,   2])");
  EXPECT_EQ(c.str(), "tensor([200,   4])");
}

TEST_P(DataPtrWrite, ThroughUnrealizedIntermediates) {
  Tensor a = kiln::tensor({1.0, 2.0});
  Tensor b = (a + 1) * 2;
  a.data_ptr<float>()[1] = -1.0f;
  EXPECT_EQ(b.str(), "tensor([4., 6.])");
  EXPECT_EQ(((a + 1) * 2).str(), "tensor([4., 0.])");
}

TEST_P(DataPtrWrite, ReadersOfARealizedResult) {
  Tensor a = kiln::tensor({1, 2, 3});
  Tensor c = a + 1;
  c.realize();
  Tensor d = c * 3;  // reads c's memory, which c.data_ptr() may now change
  c.data_ptr<int64_t>()[2] = 0;
  EXPECT_EQ(d.str(), "tensor([ 6,  9, 12])");
  EXPECT_EQ(c.str(), "tensor([2, 3, 0])");
}

TEST_P(DataPtrWrite, ReadersThroughViews) {
  // sum() is a view of its reduction's buffer; readers of the 0-d view are
  // readers of that buffer.
  Tensor s = kiln::tensor({1, 2, 3}).sum();
  s.realize();
  Tensor t = s + 1;
  s.data_ptr<int64_t>()[0] = 50;
  EXPECT_EQ(t.item<int64_t>(), 7);
  EXPECT_EQ(s.item<int64_t>(), 50);
  EXPECT_EQ((s + 1).item<int64_t>(), 51);
}

TEST_P(DataPtrWrite, ConstDataPtrRealizesNothingElse) {
  Tensor a = kiln::tensor({1, 2});
  Tensor b = a * 2;
  EXPECT_EQ(a.const_data_ptr<int64_t>()[1], 2);
  EXPECT_FALSE(b.node()->is_buffer());  // still lazy
}

KILN_INSTANTIATE_FOR_ENGINES(DataPtrWrite);

}  // namespace
}  // namespace kiln
