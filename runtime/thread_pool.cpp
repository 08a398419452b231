#include "runtime/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kiln::runtime {

namespace {

// Ranges per thread: more than one, so a thread that wakes late (another
// process has its core) leaves its share to the others instead of holding
// everyone up.
constexpr int64_t kRangesPerThread = 4;

int default_threads() {
  int hw = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const char* env = std::getenv("KILN_NUM_THREADS");
  if (env == nullptr || *env == '\0') return hw;
  char* end = nullptr;
  long n = std::strtol(env, &end, 10);
  if (*end == '\0' && n >= 1 && n <= 4096) return static_cast<int>(n);
  std::cerr << "kiln: KILN_NUM_THREADS: expected a positive number of threads, got '" << env << "'; using " << hw
            << "\n";
  return hw;
}

// True on pool workers, and on a caller while it runs a parallel_for.
thread_local bool in_pool = false;

struct Job {
  Job(const std::function<void(int64_t, int64_t)>& f, int64_t b, int64_t n, int64_t r)
      : fn(&f), begin(b), size(n), ranges(r) {}

  const std::function<void(int64_t, int64_t)>* fn;
  int64_t begin, size, ranges;
  std::atomic<int64_t> next{0};  // the next range to claim
  int active = 0;                // workers inside work(), under Pool::mu_
  std::mutex error_mu;
  std::exception_ptr error;
  std::atomic<bool> failed{false};

  // Claims and runs ranges until none are left.
  void work() {
    for (int64_t r; (r = next.fetch_add(1)) < ranges;) {
      if (failed.load()) continue;
      try {
        (*fn)(begin + size * r / ranges, begin + size * (r + 1) / ranges);
      } catch (...) {
        std::lock_guard lock(error_mu);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  }
};

class Pool {
 public:
  ~Pool() { stop_workers(); }

  int threads() const { return threads_.load(); }

  void set_threads(int n) {
    std::lock_guard run(run_mu_);
    threads_ = n;
    stop_workers();
  }

  bool run(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
    int64_t size = end - begin;
    int threads = threads_.load();
    int64_t ranges = std::min<int64_t>(size / grain, threads * kRangesPerThread);  // each >= grain
    if (threads <= 1 || ranges <= 1 || in_pool) {
      fn(begin, end);
      return false;
    }
    std::unique_lock run(run_mu_, std::try_to_lock);
    if (!run.owns_lock()) {
      fn(begin, end);
      return false;
    }
    start_workers(threads - 1);
    in_pool = true;
    Job job(fn, begin, size, ranges);
    {
      std::lock_guard lock(mu_);
      job_ = &job;
      ++generation_;
    }
    wake_.notify_all();
    job.work();
    {
      // No worker joins once job_ is cleared; wait for those that did.
      std::unique_lock lock(mu_);
      job_ = nullptr;
      done_.wait(lock, [&] { return job.active == 0; });
    }
    in_pool = false;
    if (job.error) std::rethrow_exception(job.error);
    return true;
  }

 private:
  void worker() {
    in_pool = true;
    uint64_t seen = 0;
    std::unique_lock lock(mu_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || (job_ != nullptr && generation_ != seen); });
      if (stop_) return;
      seen = generation_;
      Job* job = job_;
      ++job->active;
      lock.unlock();
      job->work();
      lock.lock();
      if (--job->active == 0) done_.notify_one();
    }
  }

  // Under run_mu_.
  void start_workers(int n) {
    if (static_cast<int>(workers_.size()) == n) return;
    stop_workers();
    for (int i = 0; i < n; ++i) workers_.emplace_back([this] { worker(); });
  }

  void stop_workers() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
    std::lock_guard lock(mu_);
    stop_ = false;
  }

  std::atomic<int> threads_{default_threads()};
  std::mutex run_mu_;  // held by the parallel_for using the workers
  std::vector<std::thread> workers_;
  std::mutex mu_;  // guards the fields below
  std::condition_variable wake_, done_;
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

Pool& pool() {
  static Pool p;
  return p;
}

}  // namespace

int num_threads() { return pool().threads(); }

void set_num_threads(int n) {
  if (n < 1) throw std::invalid_argument("set_num_threads expects a positive integer");
  pool().set_threads(n);
}

bool parallel_for(int64_t begin, int64_t end, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  if (end <= begin) return false;
  return pool().run(begin, end, std::max<int64_t>(grain, 1), fn);
}

}  // namespace kiln::runtime
