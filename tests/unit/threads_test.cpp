// The thread pool and kernel launches across it: kiln::set_num_threads as
// libtorch's, parallel_for's contract, and kernels that compute bit for bit
// the same results with 1, 2 or 3 threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime/stats.h"
#include "runtime/thread_pool.h"
#include "test_util.h"

namespace kiln {
namespace {

// Sets the thread count for a test and restores it after.
class ThreadsScope {
 public:
  explicit ThreadsScope(int n) : saved_(get_num_threads()) { set_num_threads(n); }
  ~ThreadsScope() { set_num_threads(saved_); }
  ThreadsScope(const ThreadsScope&) = delete;
  ThreadsScope& operator=(const ThreadsScope&) = delete;

 private:
  int saved_;
};

TEST(Threads, SetAndGet) {
  ThreadsScope scope(3);
  EXPECT_EQ(get_num_threads(), 3);
  set_num_threads(1);
  EXPECT_EQ(get_num_threads(), 1);
  EXPECT_TRUE(testing::throws<Error>([] { set_num_threads(0); }, "set_num_threads expects a positive integer"));
  EXPECT_TRUE(testing::throws<Error>([] { set_num_threads(-2); }, "set_num_threads expects a positive integer"));
  EXPECT_EQ(get_num_threads(), 1);
}

// Which threads ran which ranges of a parallel_for.
struct Calls {
  std::mutex mu;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::set<std::thread::id> threads;
  void add(int64_t b, int64_t e) {
    std::lock_guard lock(mu);
    ranges.emplace_back(b, e);
    threads.insert(std::this_thread::get_id());
  }
  // Whether the ranges cover [begin, end) exactly once.
  bool cover(int64_t begin, int64_t end) {
    std::sort(ranges.begin(), ranges.end());
    for (auto [b, e] : ranges) {
      if (b != begin || e <= b) return false;
      begin = e;
    }
    return begin == end;
  }
};

TEST(Threads, OneThreadRunsInline) {
  ThreadsScope scope(1);
  Calls calls;
  EXPECT_FALSE(runtime::parallel_for(0, 1 << 20, 1, [&](int64_t b, int64_t e) { calls.add(b, e); }));
  ASSERT_EQ(calls.ranges.size(), 1u);
  EXPECT_EQ(calls.ranges[0], std::make_pair(int64_t{0}, int64_t{1} << 20));
  EXPECT_EQ(*calls.threads.begin(), std::this_thread::get_id());
}

TEST(Threads, ARangeWithinOneGrainRunsInline) {
  ThreadsScope scope(3);
  Calls calls;
  EXPECT_FALSE(runtime::parallel_for(5, 105, 100, [&](int64_t b, int64_t e) { calls.add(b, e); }));
  ASSERT_EQ(calls.ranges.size(), 1u);
  EXPECT_EQ(*calls.threads.begin(), std::this_thread::get_id());
}

// Workers take part: a range waits until a second thread has entered one.
TEST(Threads, WorkersShareTheRange) {
  ThreadsScope scope(3);
  for (int round = 0; round < 3; ++round) {
    Calls calls;
    auto two_threads = [&] {
      std::lock_guard lock(calls.mu);
      return calls.threads.size() >= 2;
    };
    bool split = runtime::parallel_for(0, 1000, 10, [&](int64_t b, int64_t e) {
      calls.add(b, e);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (!two_threads() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    });
    EXPECT_TRUE(split);
    EXPECT_GE(calls.threads.size(), 2u);
    EXPECT_LE(calls.threads.size(), 3u);
    EXPECT_TRUE(calls.cover(0, 1000));
    for (auto [b, e] : calls.ranges) EXPECT_GE(e - b, 10);
  }
}

TEST(Threads, AWorkersExceptionIsRethrownOnTheCaller) {
  ThreadsScope scope(2);
  std::thread::id caller = std::this_thread::get_id();
  for (int round = 0; round < 5; ++round) {
    auto fail_off_caller = [&](int64_t, int64_t) {
      if (std::this_thread::get_id() != caller) throw std::out_of_range("from a worker");
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // leave ranges to the worker
    };
    try {
      runtime::parallel_for(0, 64, 1, fail_off_caller);
      // The caller may have run every range before the worker woke.
    } catch (const std::out_of_range& e) {
      EXPECT_STREQ(e.what(), "from a worker");
    }
  }
  EXPECT_THROW(runtime::parallel_for(0, 64, 1, [](int64_t b, int64_t) {
                 if (b == 0) throw std::runtime_error("first range");
               }),
               std::runtime_error);
  // The pool works after a failure.
  Calls calls;
  runtime::parallel_for(0, 64, 1, [&](int64_t b, int64_t e) { calls.add(b, e); });
  EXPECT_TRUE(calls.cover(0, 64));
}

TEST(Threads, NestedParallelForRunsInline) {
  ThreadsScope scope(2);
  std::atomic<int> inner_calls{0};
  runtime::parallel_for(0, 8, 1, [&](int64_t, int64_t) {
    runtime::parallel_for(0, 1000, 1, [&](int64_t b, int64_t e) {
      EXPECT_EQ(b, 0);
      EXPECT_EQ(e, 1000);
      ++inner_calls;
    });
  });
  EXPECT_EQ(inner_calls.load(), 8);
}

// Results of `f` computed with 1, 2 and 3 threads, as bytes: equal; and
// with more than one thread, some kernel of f ran split across them.
void expect_same_for_any_thread_count(const std::function<Tensor()>& f) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope jit(debug::Backend::Jit);
  std::vector<std::vector<char>> results;
  for (int threads : {1, 2, 3}) {
    ThreadsScope scope(threads);
    int64_t splits = runtime::stats().kernels_split;
    Tensor r = f().contiguous();
    r.realize();
    EXPECT_EQ(runtime::stats().kernels_split > splits, threads > 1) << threads << " threads";
    const void* data = r.dtype() == kInt64 ? static_cast<const void*>(r.const_data_ptr<int64_t>())
                                           : static_cast<const void*>(r.const_data_ptr<float>());
    const char* p = static_cast<const char*>(data);
    results.emplace_back(p, p + r.numel() * 8 / (r.dtype() == kInt64 ? 1 : 2));
  }
  EXPECT_EQ(results[0], results[1]);
  EXPECT_EQ(results[0], results[2]);
}

Tensor random_input(const Sizes& sizes) {
  manual_seed(7);
  return randn(sizes);
}

TEST(Threads, ElementwiseIsBitIdentical) {
  Tensor a = random_input({1000, 1001}), b = random_input({1001}), c = random_input({1000, 1});
  expect_same_for_any_thread_count([&] { return ((a * b + c) * 0.5 - a).relu() * b + 1.0; });
  expect_same_for_any_thread_count([&] { return (a.exp() + c.sin()).t(); });
}

TEST(Threads, ReductionsOverAnAxisAreBitIdentical) {
  Tensor a = random_input({1531, 700});
  expect_same_for_any_thread_count([&] { return a.sum(1); });
  expect_same_for_any_thread_count([&] { return a.sum(0); });
  expect_same_for_any_thread_count([&] { return a.argmax(1); });
  expect_same_for_any_thread_count([&] { return a.softmax(-1); });
  expect_same_for_any_thread_count([&] { return a.reshape({1531, 7, 100}).amax(2); });
}

TEST(Threads, LargeOneDimensionalKernelIsBitIdentical) {
  Tensor a = random_input({3 << 20});
  expect_same_for_any_thread_count([&] { return (a * a + 1).sqrt().log(); });
  // A whole-tensor sum runs in two steps (split-reductions): the partial
  // sums split across threads, each computed by one thread as a whole.
  expect_same_for_any_thread_count([&] { return a.sum(); });
}

}  // namespace
}  // namespace kiln
