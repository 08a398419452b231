// Kernel-cache directories for the benchmarks, and kiln_first_realize
// (bench/first_realize.cpp) run as a fresh process: the second-process
// latency workloads need a process whose JIT and in-memory kernel cache
// start empty.
#pragma once

#include <string>

namespace kiln_bench {

// A new empty directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Points KILN_CACHE_DIR at a new empty directory while it lives, so that no
// benchmark reuses kernels an earlier run left on disk (first_compile must
// compile) and the user's cache is left alone. Create it before kiln runs
// anything.
class PrivateDiskCache {
 public:
  PrivateDiskCache();

 private:
  TempDir dir_;
};

// Starts kiln_first_realize (found next to the running executable) with
// KILN_CACHE_DIR=cache_dir and returns the seconds of the first realize it
// measured inside itself.
double first_realize_in_child(const std::string& cache_dir);

}  // namespace kiln_bench
