// dot mv mm bmm matmul against PyTorch 1.13 (tests/golden/linalg.txt,
// written by gen_linalg.py): every dtype, every rank combination of matmul,
// empty dims, and every shape and dtype error; in both engines.
#include <gtest/gtest.h>

#include "codegen/lower.h"
#include "golden_cases.h"
#include "passes/fuse.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;

Tensor run(const GoldenCase& c, const Tensor& a, const Tensor& b) {
  if (c.op == "dot") return a.dot(b);
  if (c.op == "mv") return kiln::mv(a, b);
  if (c.op == "mm") return kiln::mm(a, b);
  if (c.op == "bmm") return a.bmm(b);
  return kiln::matmul(a, b);
}

// Products of values in quarters are exact; random floats may round
// differently from BLAS (another summation order, float32 sums kept in
// float64). PyTorch 1.13's bfloat16 gemm rounds every partial sum to
// bfloat16 where kiln accumulates in float32: allow K bfloat16 roundings.
double tolerance(const GoldenCase& c) {
  double k = static_cast<double>(c.inputs[0].shape.back());
  if (c.outputs[0].dtype == kBFloat16) return std::max(1.0, k) * 0x1p-8;
  if (c.args.empty() || c.args[0] != "inexact") return 0.0;
  return c.outputs[0].dtype == kFloat64 ? 1e-12 : 1e-5;
}

void run_golden(debug::Backend backend) {
  if (backend == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope scope(backend);
  std::vector<GoldenCase> cases = testing::read_golden_cases("linalg.txt");
  ASSERT_GT(cases.size(), 700u);
  for (const GoldenCase& c : cases) {
    Tensor a = testing::tensor_of(c.inputs[0]), b = testing::tensor_of(c.inputs[1]);
    if (!c.error_kind.empty()) {
      EXPECT_TRUE(testing::throws_golden([&] { run(c, a, b); }, c)) << c.where();
      continue;
    }
    Tensor got;
    try {
      got = run(c, a, b);
    } catch (const Error& e) {
      ADD_FAILURE() << c.where() << ": threw " << e.what();
      continue;
    }
    EXPECT_TRUE(testing::matches_golden(got, c.outputs[0], tolerance(c))) << c.where();
  }
}

TEST(LinalgGolden, Jit) { run_golden(debug::Backend::Jit); }
TEST(LinalgGolden, Interpreter) { run_golden(debug::Backend::Interpreter); }

// The contraction fuses into one reduction kernel: the [M, K, N] product is
// never materialized.
TEST(Linalg, MatmulIsOneKernel) {
  Tensor a = testing::make_tensor({3, 4}, kFloat32, [](int64_t i) { return static_cast<double>(i); });
  Tensor b = testing::make_tensor({4, 5}, kFloat32, [](int64_t i) { return static_cast<double>(i % 7); });
  Tensor c = a.matmul(b);
  passes::Schedule s = passes::fuse({c.node()});
  std::vector<std::string> kernels;
  for (const auto& item : s.items)
    if (item.kind == passes::ScheduleItem::Kind::Kernel) kernels.push_back(codegen::lower(*item.node).kernel.name);
  EXPECT_EQ(kernels, std::vector<std::string>{"R_3x5x4_sum"});
}

}  // namespace
}  // namespace kiln
