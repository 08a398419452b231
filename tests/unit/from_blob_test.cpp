// from_blob: tensors over the caller's memory, without a copy, as
// libtorch's; the deleter's timing, and kiln's lazy reading of the memory.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::throws;

TEST(FromBlob, ReadsTheCallersMemoryInPlace) {
  float buf[6] = {0, 1, 2, 3, 4, 5};
  Tensor t = kiln::from_blob(buf, {2, 3});
  EXPECT_EQ(t.scalar_type(), kFloat32);
  EXPECT_EQ(t.str(), "tensor([[0., 1., 2.],\n        [3., 4., 5.]])");
  EXPECT_EQ(t.const_data_ptr<float>(), buf);
  EXPECT_EQ((t * 2 + 1).str(), "tensor([[ 1.,  3.,  5.],\n        [ 7.,  9., 11.]])");
  // Writes through data_ptr() are writes to the caller's memory.
  t.data_ptr<float>()[4] = -1;
  EXPECT_EQ(buf[4], -1);
  EXPECT_EQ(t.sum().item<double>(), 10);
}

TEST(FromBlob, StridesAndStorageOffset) {
  double buf[12];
  for (int i = 0; i < 12; ++i) buf[i] = i;
  // The transpose of a 2x3 row-major matrix.
  Tensor t = kiln::from_blob(buf, {3, 2}, {1, 3}, kFloat64);
  EXPECT_EQ(t.str(), "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]], dtype=torch.float64)");
  // Rows 1 and 2, columns 1 and 2 of a 3x4 matrix; data stays the storage's start.
  Tensor u = kiln::from_blob(buf, {2, 2}, {4, 1}, 5, nullptr, kFloat64);
  EXPECT_EQ(u.str(), "tensor([[ 5.,  6.],\n        [ 9., 10.]], dtype=torch.float64)");
  EXPECT_EQ(u.const_data_ptr<double>(), buf + 5);
  // A negative stride is fine while the view stays past data.
  EXPECT_EQ(kiln::from_blob(buf, {3}, {-2}, 4, nullptr, kFloat64).str(), "tensor([4., 2., 0.], dtype=torch.float64)");
  // Broadcast-like zero strides.
  EXPECT_EQ(kiln::from_blob(buf + 7, {2, 3}, {0, 1}, kFloat64).str(),
            "tensor([[7., 8., 9.],\n        [7., 8., 9.]], dtype=torch.float64)");
  testing::expect_jit_matches_interpreter([&] { return kiln::from_blob(buf, {3, 2}, {1, 3}, kFloat64) * 2 - 1; });
  testing::expect_jit_matches_interpreter([&] { return kiln::from_blob(buf, {2, 2}, {4, 1}, 5, nullptr, kFloat64).sum(); });
}

TEST(FromBlob, EveryDtype) {
  for (int i = 0; i < ir::kNumDTypes; ++i) {
    const auto t = static_cast<ScalarType>(i);
    SCOPED_TRACE(::testing::Message() << t);
    Tensor ref = kiln::tensor({{0, 1, 0}, {3, 0, 5}}, t);
    alignas(8) unsigned char buf[6 * 8];
    ref.realize();
    std::memcpy(buf, ref.node()->storage->data(), 6 * ir::itemsize(t));
    Tensor blob = kiln::from_blob(buf, {2, 3}, t);
    EXPECT_EQ(blob.scalar_type(), t);
    EXPECT_EQ(blob.str(), ref.str());
    EXPECT_EQ((blob == ref).str(), "tensor([[True, True, True],\n        [True, True, True]])");
  }
}

TEST(FromBlob, ZeroDimAndEmpty) {
  int32_t x = 42;
  Tensor s = kiln::from_blob(&x, {}, kInt32);
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.item<int64_t>(), 42);
  EXPECT_EQ((s + 1).str(), "tensor(43, dtype=torch.int32)");
  int calls = 0;
  {
    Tensor e = kiln::from_blob(nullptr, {2, 0}, [&](void* p) {
      EXPECT_EQ(p, nullptr);
      ++calls;
    });
    EXPECT_EQ(e.numel(), 0);
    EXPECT_EQ(e.str(), "tensor([], size=(2, 0))");
    EXPECT_EQ(e.sum().item<double>(), 0);
  }
  EXPECT_EQ(calls, 1);
}

TEST(FromBlob, DeleterRunsOnceWhenNothingUsesTheMemory) {
  std::vector<float>* owned = new std::vector<float>{1, 2, 3};
  int calls = 0;
  void* seen = nullptr;
  Tensor pending;
  {
    Tensor t = kiln::from_blob(owned->data(), {3}, [&](void* p) {
      seen = p;
      ++calls;
      delete owned;
    });
    Tensor copy = t;
    pending = t * 10;  // recorded: reads the memory when realized
  }
  EXPECT_EQ(calls, 0) << "a pending result still needs the memory";
  EXPECT_EQ(pending.str(), "tensor([10., 20., 30.])");
  EXPECT_EQ(calls, 1) << "realizing the last reader lets the memory go";
  EXPECT_NE(seen, nullptr);
  pending = Tensor();
  EXPECT_EQ(calls, 1);
}

TEST(FromBlob, DeleterGetsDataNotTheFirstElement) {
  int64_t buf[4] = {1, 2, 3, 4};
  void* seen = nullptr;
  {
    Tensor t = kiln::from_blob(buf, {2}, {1}, 2, [&](void* p) { seen = p; }, kInt64);
    EXPECT_EQ(t.str(), "tensor([3, 4])");
  }
  EXPECT_EQ(seen, buf);
}

// kiln reads the memory at realization: writes through data_ptr() realize
// what was recorded from it first (eager PyTorch's values); direct writes
// do not, unless those results were realized (kiln::realize) before.
TEST(FromBlob, LazyContract) {
  float buf[2] = {1, 2};
  Tensor t = kiln::from_blob(buf, {2});
  Tensor before = t * 2;
  t.data_ptr<float>()[0] = 5;
  EXPECT_EQ(before.str(), "tensor([2., 4.])");

  Tensor realized = t * 2;
  kiln::realize({realized});
  Tensor pending = t * 2;
  buf[1] = 7;  // direct write
  EXPECT_EQ(realized.str(), "tensor([10.,  4.])");
  EXPECT_EQ(pending.str(), "tensor([10., 14.])") << "read at realization, after the write";
}

TEST(FromBlob, Errors) {
  float buf[4] = {};
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::from_blob(buf, {2, 2}, {1}); },
                            "dimensionality of sizes (2) must match dimensionality of strides (1)"));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::from_blob(buf, {-1, 2}); },
                            "Trying to create tensor with negative dimension -1: [-1, 2]"));
  EXPECT_TRUE(throws<ValueError>([&] { (void)kiln::from_blob(buf, {3}, {-1}); },
                                 "from_blob: sizes [3], strides [-1] and storage offset 0 reach before data"));
  int calls = 0;
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::from_blob(buf, {2}, {1, 1}, [&](void*) { ++calls; }); },
                            "dimensionality of sizes (1) must match dimensionality of strides (2)"));
  EXPECT_EQ(calls, 0) << "from_blob threw: the memory is not kiln's";
}

}  // namespace
}  // namespace kiln
