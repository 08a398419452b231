// softmax and log_softmax against PyTorch 1.13 (tests/golden/softmax.txt,
// written by gen_softmax.py): every dtype and dim, dtype arguments,
// infinities, NaN and large values, and every error; in both engines.
#include <gtest/gtest.h>

#include "golden_cases.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;

// PyTorch's exp is Sleef's in vector blocks and libm's in tails; kiln's is
// libm's: results may differ in the last bits of each exp, and then of the
// sum. bfloat16 rounds once, so a float difference may flip its last bit.
double tolerance(ScalarType t) {
  switch (t) {
    case kFloat64:
      return 1e-13;
    case kFloat32:
      return 4e-6;
    default:
      return 8e-3;
  }
}

void run_golden(debug::Backend backend) {
  if (backend == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope scope(backend);
  std::vector<GoldenCase> cases = testing::read_golden_cases("softmax.txt");
  ASSERT_GT(cases.size(), 500u);
  for (const GoldenCase& c : cases) {
    Tensor x = testing::tensor_of(c.inputs[0]);
    int64_t dim = std::stoll(*c.arg("dim"));
    std::optional<ScalarType> dtype;
    if (auto d = c.arg("dtype")) dtype = testing::dtype_named(*d);
    auto run = [&] { return c.op == "softmax" ? kiln::softmax(x, dim, dtype) : x.log_softmax(dim, dtype); };
    if (std::optional<Tensor> got = testing::run_case(c, run)) {
      EXPECT_TRUE(testing::matches_golden(*got, c.outputs[0], tolerance(c.outputs[0].dtype))) << c.where();
    }
  }
}

TEST(SoftmaxGolden, Jit) { run_golden(debug::Backend::Jit); }
TEST(SoftmaxGolden, Interpreter) { run_golden(debug::Backend::Interpreter); }

}  // namespace
}  // namespace kiln
