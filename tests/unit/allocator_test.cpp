// The caching host allocator: freed blocks come back for the next request
// of their size class, counted in kiln::debug::stats(); borrowed memory is
// never cached; under AddressSanitizer cached blocks stay unaddressable.
#include <gtest/gtest.h>

#include <cstdint>

#include "runtime/host_allocator.h"
#include "runtime/host_storage.h"
#include "test_util.h"

namespace kiln {
namespace {

TEST(Allocator, ReusesAFreedBlockOfTheSameClass) {
  debug::empty_cache();
  debug::Stats before = debug::stats();
  void* first = nullptr;
  {
    auto s = runtime::allocate_host(1000);
    first = s->data();
  }
  EXPECT_EQ(debug::stats().bytes_cached, 1024);
  auto again = runtime::allocate_host(1010);  // the same class (1024 bytes)
  EXPECT_EQ(again->data(), first);
  debug::Stats after = debug::stats();
  EXPECT_EQ(after.allocations - before.allocations, 2);
  EXPECT_EQ(after.allocator_cache_hits - before.allocator_cache_hits, 1);
  EXPECT_EQ(after.bytes_cached, 0);
}

TEST(Allocator, ClassesKeepSizesApart) {
  debug::empty_cache();
  void* small = nullptr;
  {
    auto s = runtime::allocate_host(100);
    small = s->data();
  }
  auto larger = runtime::allocate_host(4000);
  EXPECT_NE(larger->data(), small);
  EXPECT_EQ(debug::stats().bytes_cached, 128);
}

TEST(Allocator, LargeBlocksAreHugePageAligned) {
  debug::empty_cache();
  int64_t hits = debug::stats().allocator_cache_hits;
  const size_t mib64 = size_t{64} << 20;
  void* first = nullptr;
  {
    auto s = runtime::allocate_host(mib64 + 4);
    first = s->data();
    EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % (2 << 20), 0u);
  }
  EXPECT_EQ(debug::stats().bytes_cached, static_cast<int64_t>(mib64 + (2 << 20)));
  auto again = runtime::allocate_host(mib64 + 100);
  EXPECT_EQ(again->data(), first);
  EXPECT_EQ(debug::stats().allocator_cache_hits, hits + 1);
  for (size_t n : {0, 1, 63, 65, 300, 5000, 3 << 20}) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(runtime::allocate_host(n)->data()) % 64, 0u) << n;
  }
}

TEST(Allocator, EmptyCacheReturnsEverything) {
  { auto s = runtime::allocate_host(3 << 20); }
  EXPECT_GT(debug::stats().bytes_cached, 0);
  debug::empty_cache();
  EXPECT_EQ(debug::stats().bytes_cached, 0);
}

TEST(Allocator, BorrowedMemoryIsNeverCached) {
  debug::empty_cache();
  float data[256] = {};
  bool deleted = false;
  { auto s = runtime::borrow_host(data, sizeof data, [&](void*) { deleted = true; }); }
  EXPECT_TRUE(deleted);
  EXPECT_EQ(debug::stats().bytes_cached, 0);
  {
    Tensor t = from_blob(data, {256});
    (void)(t + 1).sum().item<float>();
  }
  auto s = runtime::allocate_host(sizeof data);
  EXPECT_NE(s->data(), static_cast<void*>(data));
}

// Realizing the same expression again reuses the previous result's memory
// once that result is gone.
TEST(Allocator, RealizationsReuseResults) {
  for (debug::Backend b : {debug::Backend::Jit, debug::Backend::Interpreter}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    Tensor a = arange(1 << 18, kFloat32);
    (void)(a * 2).realize();
    int64_t hits = debug::stats().allocator_cache_hits;
    Tensor r = (a * 2 + 1).realize();
    EXPECT_GT(debug::stats().allocator_cache_hits, hits);
    EXPECT_EQ(r[1000].item<float>(), 2001.0f);
  }
}

#ifdef KILN_ASAN
// A cached block and the bytes past a request are poisoned: reads there are
// reported as they are for memory returned to the system.
TEST(AllocatorDeathTest, CachedBlocksArePoisoned) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  char* freed = nullptr;
  {
    auto s = runtime::allocate_host(1000);
    freed = static_cast<char*>(s->data());
  }
  EXPECT_DEATH({ (void)*static_cast<volatile char*>(freed + 8); }, "use-after-poison");
  auto live = runtime::allocate_host(100);  // class 128
  char* tail = static_cast<char*>(live->data()) + 120;
  EXPECT_DEATH({ (void)*static_cast<volatile char*>(tail); }, "use-after-poison");
}
#endif

}  // namespace
}  // namespace kiln
