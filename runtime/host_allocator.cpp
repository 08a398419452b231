#include "runtime/host_allocator.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <iostream>
#include <list>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "runtime/stats.h"

#ifdef KILN_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace kiln::runtime {

namespace {

constexpr std::size_t kHugePage = 2 << 20;
constexpr std::size_t kLine = 64;

// Under AddressSanitizer, a block's bytes past the request and a cached
// block's bytes are unaddressable: kiln's own reads and writes there are
// reported. (JIT-compiled kernels are not instrumented.)
void poison(void* p, std::size_t n) {
#ifdef KILN_ASAN
  ASAN_POISON_MEMORY_REGION(p, n);
#else
  (void)p, (void)n;
#endif
}
void unpoison(void* p, std::size_t n) {
#ifdef KILN_ASAN
  ASAN_UNPOISON_MEMORY_REGION(p, n);
#else
  (void)p, (void)n;
#endif
}

bool round_up(std::size_t n, std::size_t step, std::size_t* out) {
  if (__builtin_add_overflow(n, step - 1, out)) return false;
  *out = *out / step * step;
  return true;
}

// The size class of a request (0 when it overflows): whole huge pages from
// 2 MiB, so the block is backed by huge pages end to end; below that four
// classes per power of two (at most 25% slack), and cache lines up to 256.
std::size_t size_class(std::size_t nbytes) {
  std::size_t n = std::max<std::size_t>(nbytes, 1), cls = 0;
  std::size_t step = n >= kHugePage ? kHugePage : n <= 4 * kLine ? kLine : std::bit_floor(n - 1) / 4;
  return round_up(n, step, &cls) ? cls : 0;
}

bool is_huge(std::size_t cls) { return cls >= kHugePage; }

void* system_alloc(std::size_t cls) {
  void* p = std::aligned_alloc(is_huge(cls) ? kHugePage : kLine, cls);
  if (p && is_huge(cls)) madvise(p, cls, MADV_HUGEPAGE);  // advice only: failure is harmless
  return p;
}

void system_free(HostBlock b) {
  unpoison(b.data, b.capacity);
  std::free(b.data);
}

std::size_t default_cap() {
  const char* env = std::getenv("KILN_ALLOC_CACHE_MB");
  if (env && *env) {
    char* end = nullptr;
    long long mb = std::strtoll(env, &end, 10);
    if (*end == '\0' && mb >= 0) return static_cast<std::size_t>(mb) << 20;
    std::cerr << "kiln: KILN_ALLOC_CACHE_MB: expected a number of MiB, got '" << env << "'\n";
  }
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  std::size_t ram = pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) : 0;
  return std::min<std::size_t>(ram / 8, std::size_t{2} << 30);
}

// Freed blocks by size class, and in the order they were freed so the cap
// evicts the least recently freed first. Reuse takes the most recently freed
// block of a class: its pages are the likeliest to be in cache.
class Cache {
 public:
  HostBlock acquire(std::size_t nbytes) {
    std::size_t cls = size_class(nbytes);
    if (cls == 0) return {};
    HostBlock b = take(cls);
    if (!b.data) b = {system_alloc(cls), cls};
    if (b.data) {
      poison(b.data, cls);
      unpoison(b.data, std::max<std::size_t>(nbytes, 1));
    }
    return b;
  }

  void release(HostBlock b) {
    std::unique_lock lock(mu_);
    if (b.capacity > cap_) {
      lock.unlock();
      system_free(b);
      return;
    }
    while (cached_ + b.capacity > cap_) evict_oldest();
    poison(b.data, b.capacity);
    by_class_[b.capacity].push_back(lru_.insert(lru_.end(), b));
    cached_ += b.capacity;
    stats().bytes_cached = static_cast<int64_t>(cached_);
  }

  void clear() {
    std::lock_guard lock(mu_);
    while (!lru_.empty()) evict_oldest();
  }

 private:
  HostBlock take(std::size_t cls) {
    std::lock_guard lock(mu_);
    Stats& s = stats();
    ++s.host_allocations;
    auto it = by_class_.find(cls);
    if (it == by_class_.end() || it->second.empty()) return {};
    HostBlock b = *it->second.back();
    lru_.erase(it->second.back());
    it->second.pop_back();
    cached_ -= cls;
    ++s.host_cache_hits;
    s.bytes_cached = static_cast<int64_t>(cached_);
    return b;
  }

  void evict_oldest() {
    HostBlock b = lru_.front();
    auto& same = by_class_[b.capacity];
    same.erase(same.begin());  // the oldest of its class is the oldest overall
    lru_.pop_front();
    cached_ -= b.capacity;
    stats().bytes_cached = static_cast<int64_t>(cached_);
    system_free(b);
  }

  std::mutex mu_;
  std::size_t cap_ = default_cap();
  std::size_t cached_ = 0;
  std::list<HostBlock> lru_;  // least recently freed first
  std::unordered_map<std::size_t, std::vector<std::list<HostBlock>::iterator>> by_class_;
};

// Never destroyed: storages held by static objects die after it would.
Cache& cache() {
  static Cache* c = new Cache;
  return *c;
}

}  // namespace

HostBlock acquire_host_block(std::size_t nbytes) { return cache().acquire(nbytes); }

void release_host_block(HostBlock block) {
  if (block.data) cache().release(block);
}

void empty_host_cache() { cache().clear(); }

}  // namespace kiln::runtime
