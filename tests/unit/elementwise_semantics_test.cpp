// Elementwise behaviour the golden file cannot show: when work happens
// (errors at the call), where kiln knowingly differs from PyTorch, and that
// the JIT computes constants with the interpreter's libm.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ir/node.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::expect_jit_matches_interpreter;
using testing::throws;

// Integer remainder checks its divisor for zeros at the call, so the divisor
// (only) is computed then; the dividend and the result stay lazy.
TEST(Remainder, IntegerDivisorIsCheckedAtTheCall) {
  Tensor dividend = kiln::tensor({7, -7, 9}) + 0;
  Tensor divisor = kiln::tensor({2, 0, 3}) * 1;
  EXPECT_TRUE(throws<Error>([&] { (void)(dividend % divisor); }, "ZeroDivisionError"));
  EXPECT_TRUE(divisor.node()->is_buffer());
  EXPECT_FALSE(dividend.node()->is_buffer());
  Tensor ok = kiln::tensor({2, -5, 3}) * 1;
  Tensor r = dividend % ok;
  EXPECT_FALSE(r.node()->is_buffer());
  EXPECT_EQ(r.str(), "tensor([ 1, -2,  0])");
  // A float result divides by zero without error; a zero scalar throws at once.
  EXPECT_EQ((dividend % kiln::tensor({0.0})).str(), "tensor([nan, nan, nan])");
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::remainder(dividend, 0); }, "ZeroDivisionError"));
  EXPECT_TRUE(throws<Error>([&] { (void)(kiln::tensor({1}, kInt8) % 256); }, "ZeroDivisionError"));  // wraps to 0
  EXPECT_EQ((kiln::tensor({100}, kInt8) % 300).str(), "tensor([12], dtype=torch.int8)");  // 300 wraps to 44
}

// PyTorch's vectorized float remainder (Sleef's fmod) gives NaN when
// |a / b| overflows the type; its scalar path and kiln give the exact
// remainder (torch.tensor([1e30]) % 1e-30 is 8.1668e-31 there too).
TEST(Remainder, HugeQuotientsAreExact) {
  for (debug::Backend b : {debug::Backend::Interpreter, debug::Backend::Jit}) {
    if (b == debug::Backend::Jit && !debug::jit_available()) continue;
    testing::BackendScope scope(b);
    EXPECT_EQ((kiln::tensor({1e30f}) % 1e-30).str(), "tensor([8.1668e-31])");
  }
}

// The JIT must not constant-fold libm calls: LLVM's folder evaluates float
// functions in double and rounds, which can differ from expf in the last
// bit. Kernels over constants (full) must match the interpreter exactly.
TEST(Transcendental, ConstantsComputeWithLibm) {
  for (int i = 0; i < 40; ++i) {
    double v = -20.0 + i * 1.0137;
    expect_jit_matches_interpreter([&] {
      Tensor c = kiln::full({1}, v);
      return c.exp() + c.sin() * 3 + c.cos() + c.tanh() + c.sigmoid() + kiln::pow(c, 2.7) + kiln::pow(c, c);
    });
    expect_jit_matches_interpreter([&] {
      Tensor c = kiln::full({1}, std::fabs(v) + 0.01);
      return c.log() + c.log2();
    });
  }
}

// Errors are PyTorch's and come at the call; the operands stay usable.
TEST(ElementwiseErrors, AtTheCall) {
  Tensor f = kiln::tensor({1.5, -2.0});
  Tensor i = kiln::tensor({1, 2});
  EXPECT_TRUE(throws<Error>([&] { (void)(f & f); }, "\"bitwise_and_cpu\" not implemented for 'Float'"));
  EXPECT_TRUE(throws<Error>([&] { (void)(i | 1.5); }, "\"bitwise_or_cpu\" not implemented for 'Float'"));
  EXPECT_TRUE(throws<Error>([&] { (void)~f; }, "\"bitwise_not_cpu\" not implemented for 'Float'"));
  EXPECT_TRUE(throws<Error>([&] { (void)i.pow(-1); }, "Integers to negative integer powers are not allowed."));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::tensor({true}).pow(kiln::tensor({true})); },
                            "\"pow\" not implemented for 'Bool'"));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::tensor({1}, kInt8).pow(300); },
                            "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws<Error>([&] { (void)i.clamp(); }, "torch.clamp: At least one of 'min' or 'max' must not be None"));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::clamp(i, std::nullopt, std::optional<Scalar>()); },
                            "torch.clamp: At least one of 'min' or 'max' must not be None"));
  EXPECT_TRUE(throws<Error>([&] { (void)f.to(kFloat16).clamp(0, 1); },
                            "\"clamp_scalar_cpu\" not implemented for 'Half'"));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::where(i, f, f); },
                            "where expected condition to be a boolean tensor, but got a tensor with dtype Long"));
  EXPECT_TRUE(throws<Error>([&] { (void)kiln::where(f > 0, f, kiln::zeros({3})); },
                            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"));
  EXPECT_TRUE(throws<Error>([&] { (void)f.to(kFloat16).exp(); }, "\"exp_vml_cpu\" not implemented for 'Half'"));
  EXPECT_TRUE(throws<Error>([&] { (void)(kiln::tensor({true}) % true); }, "\"remainder_cpu\" not implemented for 'Bool'"));
  EXPECT_EQ((f + i).str(), "tensor([2.5000, 0.0000])");
}

// libtorch's member and free spellings, and where's dtype rules.
TEST(ElementwiseApi, LibtorchSpellings) {
  Tensor c = kiln::tensor({true, false, true});
  Tensor x = kiln::tensor({1, 2, 3}, kInt32);
  EXPECT_EQ(x.where(c, kiln::tensor({9.5, 9.5, 9.5})).str(), "tensor([1.0000, 9.5000, 3.0000])");
  EXPECT_EQ(kiln::where(c, x, 5).str(), "tensor([1, 5, 3], dtype=torch.int32)");
  EXPECT_EQ(kiln::where(c, 1, 2.5).str(), "tensor([1.0000, 2.5000, 1.0000])");
  EXPECT_EQ(kiln::where(kiln::tensor({1, 0, 1}, kUInt8), x, x * 2).str(), "tensor([1, 4, 3], dtype=torch.int32)");
  EXPECT_EQ((3 & x).str(), "tensor([1, 2, 3], dtype=torch.int32)");
  EXPECT_EQ(kiln::bitwise_xor(3, x).str(), "tensor([2, 1, 0], dtype=torch.int32)");
  EXPECT_EQ((c | false).str(), "tensor([ True, False,  True])");
  EXPECT_EQ((~c).str(), "tensor([False,  True, False])");
  EXPECT_EQ(kiln::pow(2, x).str(), "tensor([2, 4, 8], dtype=torch.int32)");
  EXPECT_EQ(x.pow(2.5).dtype(), kFloat32);
  EXPECT_EQ((7 % x).str(), "tensor([0, 1, 1], dtype=torch.int32)");
  EXPECT_EQ(x.clamp(2).str(), "tensor([2, 2, 3], dtype=torch.int32)");
  EXPECT_EQ(x.clamp(std::nullopt, 1.5).str(), "tensor([1.0000, 1.5000, 1.5000])");
  EXPECT_EQ(x.clamp(kiln::tensor({3}), kiln::tensor({1})).str(), "tensor([1, 1, 1])");
  EXPECT_EQ(kiln::clamp_min(x, kiln::tensor(2.5)).str(), "tensor([2.5000, 2.5000, 3.0000])");
  EXPECT_EQ(x.logical_and(kiln::tensor({0.0, std::nan(""), 1.0})).str(), "tensor([False,  True,  True])");
}

}  // namespace
}  // namespace kiln
