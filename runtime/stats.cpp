#include "runtime/stats.h"

#include <cstdio>
#include <cstdlib>

namespace kiln::runtime {

namespace {

// Prints the counters when the process ends, if KILN_STATS is set.
struct Report {
  Stats counters;
  ~Report() {
    const char* env = std::getenv("KILN_STATS");
    if (env == nullptr || *env == '\0' || *env == '0') return;
    const Stats& s = counters;
    std::fprintf(stderr,
                 "kiln stats: %lld realizations, %lld kernels compiled (%.1f ms), %lld cache hits, "
                 "%lld kernel runs (%.1f ms), %.1f MB moved, %lld buffers reused, %lld allocations (%lld from "
                 "the cache, %.1f MB cached), disk cache: %lld hits, %lld writes, %lld rejected, %lld plans replayed, "
                 "%lld kernels linked by LLJIT, %lld kernel runs with streaming stores\n",
                 static_cast<long long>(s.realizations), static_cast<long long>(s.kernels_compiled), s.compile_ms,
                 static_cast<long long>(s.cache_hits), static_cast<long long>(s.kernels_run), s.run_ms,
                 static_cast<double>(s.bytes_moved) / 1e6, static_cast<long long>(s.buffers_reused),
                 static_cast<long long>(s.host_allocations), static_cast<long long>(s.host_cache_hits),
                 static_cast<double>(s.bytes_cached) / 1e6, static_cast<long long>(s.disk_hits),
                 static_cast<long long>(s.disk_writes), static_cast<long long>(s.disk_rejects),
                 static_cast<long long>(s.plans_replayed), static_cast<long long>(s.llvm_links),
                 static_cast<long long>(s.kernels_streamed));
  }
};

}  // namespace

Stats& stats() {
  static Report report;
  return report.counters;
}

}  // namespace kiln::runtime
