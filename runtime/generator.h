// PyTorch's CPU random generator and the draws of its CPU kernels,
// reproduced bit for bit (PyTorch 1.13 with the AVX2 CPU capability, the one
// x86-64 machines get): the same engine, the same bits per value, the same
// order, and the same arithmetic, so that after the same seed kiln draws the
// same tensors as torch.rand/randn/randint, call after call.
//
// The fills write a contiguous buffer at once: random values are drawn when
// the tensor is created, in call order, as in eager PyTorch (a lazy draw
// would depend on when tensors are realized).
#pragma once

#include <cstdint>
#include <optional>
#include <random>

#include "ir/dtype.h"

namespace kiln::runtime {

// mt19937 plus the spare value of the last scalar Box-Muller pair (PyTorch's
// CPUGeneratorImpl). Not thread-safe: kiln is used from one thread at a time.
class CpuGenerator {
 public:
  explicit CpuGenerator(uint64_t seed) { set_seed(seed); }

  // manual_seed: restarts the engine from the seed's low 32 bits (as
  // PyTorch's mt19937 does) and forgets the spare normal value.
  void set_seed(uint64_t seed);
  uint64_t seed() const { return seed_; }

  // One engine output.
  uint32_t random() { return static_cast<uint32_t>(engine_()); }
  // Two outputs, the first in the high half.
  uint64_t random64();

  // The spare normal value, which a later scalar-path draw returns first.
  std::optional<double> take_spare_normal();
  void set_spare_normal(double v) { spare_normal_ = v; }

 private:
  // std::mt19937 is the reference MT19937 (seeding included), as PyTorch's.
  std::mt19937 engine_;
  uint64_t seed_ = 0;
  std::optional<double> spare_normal_;
};

// The process-wide generator that rand/randn/randint draw from. Until
// manual_seed, it is seeded nondeterministically, as PyTorch's default is.
CpuGenerator& default_cpu_generator();

// Each writes `n` contiguous values of dtype `t` at `out`. The dtype must be
// floating for fill_uniform and fill_normal (the caller reports others).

// torch.rand: uniform on [0, 1).
void fill_uniform(CpuGenerator& gen, ir::DType t, int64_t n, void* out);
// torch.randn: standard normal.
void fill_normal(CpuGenerator& gen, ir::DType t, int64_t n, void* out);
// torch.randint: base + (draw % range), any dtype; range > 0.
void fill_random_from_to(CpuGenerator& gen, ir::DType t, int64_t n, void* out, uint64_t range, int64_t base);

}  // namespace kiln::runtime
