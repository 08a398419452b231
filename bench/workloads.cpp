#include "workloads.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "child_process.h"

namespace kiln_bench {

namespace {

constexpr int64_t k16M = 16 * 1024 * 1024;
constexpr int64_t k4096 = 4096;
constexpr double kFloat = sizeof(float);

// Inputs are realized when prepared, so no timed call computes them.
kiln::Tensor random_input(const kiln::Sizes& sizes) {
  kiln::Tensor t = kiln::rand(sizes);
  t.realize();
  return t;
}

// Times `f` (one call of a workload) on the steady clock.
template <typename F>
Call timed(F f) {
  return [f]() {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
}

Call chain_call(int64_t n) {
  kiln::Tensor a = random_input({n});
  kiln::Tensor b = random_input({n});
  kiln::Tensor c = random_input({n});
  return timed([=] { chain(a, b, c).realize(); });
}

// Each call records the chain with another constant in place of 0.5, so its
// kernel text is new and the JIT really compiles it; the compile counter
// proves it. The constants count over the whole process, as the workload may
// be prepared more than once (Google Benchmark does).
Call first_compile_call() {
  kiln::Tensor a = random_input({kLatencyElements});
  kiln::Tensor b = random_input({kLatencyElements});
  kiln::Tensor c = random_input({kLatencyElements});
  return [=]() {
    static int64_t calls = 0;
    double half = 0.5 + static_cast<double>(++calls) * 0x1p-20;
    int64_t compiled = kiln::debug::stats().kernels_compiled;
    auto start = std::chrono::steady_clock::now();
    chain(a, b, c, half).realize();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (kiln::debug::stats().kernels_compiled == compiled) {
      throw std::runtime_error("first_compile: the chain compiled no kernel (is the JIT off?)");
    }
    return seconds;
  };
}

std::vector<std::string>& mutable_notes() {
  static std::vector<std::string> notes;
  return notes;
}

void note(const std::string& text) {
  std::vector<std::string>& all = mutable_notes();
  if (std::find(all.begin(), all.end(), text) == all.end()) all.push_back(text);
}

// The first realize of the chain inside a fresh process (kiln_first_realize),
// with KILN_CACHE_DIR set to a new empty directory. With `warm_cache`, a
// first process fills that directory and the second one's time is returned.
Call fresh_process_call(bool warm_cache) {
  return [warm_cache]() {
    TempDir cache;
    if (warm_cache) {
      first_realize_in_child(cache.path());
      if (std::filesystem::is_empty(cache.path())) {
        note("process_warm_cache: the first process left KILN_CACHE_DIR empty (this kiln has no disk kernel "
             "cache), so the second process compiles again: a cold start");
      }
    }
    return first_realize_in_child(cache.path());
  };
}

std::vector<Workload> make_workloads() {
  const double n16 = k16M * kFloat;
  const double n4096 = k4096 * k4096 * kFloat;
  auto matmul = [](int64_t n) {
    return Workload{"matmul_" + std::to_string(n), "A@B, " + std::to_string(n) + "x" + std::to_string(n), 0,
                    2.0 * n * n * n, [n] {
                      kiln::Tensor a = random_input({n, n});
                      kiln::Tensor b = random_input({n, n});
                      return timed([=] { a.matmul(b).realize(); });
                    }};
  };
  return {
      {"chain_16M", "((a*b+c)*0.5-a).relu()*b+1.0, 16M, fresh result", 4 * n16, 0, [] { return chain_call(k16M); }},
      {"sum_16M", "a.sum().item(), 16M", n16, 0,
       [] {
         kiln::Tensor a = random_input({k16M});
         return timed([=] { (void)a.sum().item<float>(); });
       }},
      {"sum_lastdim_4096", "x.sum(-1), 4096x4096", n4096 + k4096 * kFloat, 0,
       [] {
         kiln::Tensor x = random_input({k4096, k4096});
         return timed([=] { x.sum({-1}).realize(); });
       }},
      {"softmax_4096", "x.softmax(-1), 4096x4096", 2 * n4096, 0,
       [] {
         kiln::Tensor x = random_input({k4096, k4096});
         return timed([=] { x.softmax(-1).realize(); });
       }},
      {"max_4096", "x.amax(1), 4096x4096", n4096 + k4096 * kFloat, 0,
       [] {
         kiln::Tensor x = random_input({k4096, k4096});
         return timed([=] { x.amax({1}).realize(); });
       }},
      {"argmax_4096", "x.argmax(1), 4096x4096", n4096 + k4096 * 8, 0,
       [] {
         kiln::Tensor x = random_input({k4096, k4096});
         return timed([=] { x.argmax(1).realize(); });
       }},
      {"transpose_4096", "x.t().contiguous(), 4096x4096", 2 * n4096, 0,
       [] {
         kiln::Tensor x = random_input({k4096, k4096});
         return timed([=] { x.t().contiguous().realize(); });
       }},
      matmul(512),
      matmul(1024),
      {"linear_relu_1024", "(A@W+b).relu(), 1024x1024", 0, 2.0 * 1024 * 1024 * 1024,
       [] {
         kiln::Tensor a = random_input({1024, 1024});
         kiln::Tensor w = random_input({1024, 1024});
         kiln::Tensor bias = random_input({1024});
         return timed([=] { (a.matmul(w) + bias).relu().realize(); });
       }},
      {"record_op", "a + 1.0 on 4 elements, recorded and dropped, not realized (per op, 100 per call)", 0, 0,
       [] {
         kiln::Tensor a = random_input({4});
         Call hundred = timed([=] {
           for (int i = 0; i < 100; ++i) (void)(a + 1.0);
         });
         return [hundred] { return hundred() / 100; };
       }},
      {"tiny_add", "a + 1.0 on 4 elements, record + realize", 0, 0,
       [] {
         kiln::Tensor a = random_input({4});
         return timed([=] { (void)(a + 1.0).data_ptr<float>(); });
       }},
      {"first_compile", "first realize of the chain, 1024 elements, new kernel each call (JIT warm)", 0, 0,
       first_compile_call},
      {"cache_hit", "realize of the chain, 1024 elements, kernel cached", 0, 0,
       [] { return chain_call(kLatencyElements); }},
      {"process_cold_cache", "first realize of the chain (1024) in a fresh process, empty KILN_CACHE_DIR", 0, 0,
       [] { return fresh_process_call(false); }},
      {"process_warm_cache", "the same in a second process sharing KILN_CACHE_DIR with a first", 0, 0,
       [] { return fresh_process_call(true); }},
  };
}

}  // namespace

kiln::Tensor chain(const kiln::Tensor& a, const kiln::Tensor& b, const kiln::Tensor& c, double half) {
  return ((a * b + c) * half - a).relu() * b + 1.0;
}

const std::vector<std::string>& notes() { return mutable_notes(); }

const std::vector<Workload>& workloads() {
  static const std::vector<Workload> all = make_workloads();
  return all;
}

const Workload& workload(const std::string& name) {
  for (const Workload& w : workloads()) {
    if (w.name == name) return w;
  }
  throw std::invalid_argument("no workload named '" + name + "'");
}

}  // namespace kiln_bench
