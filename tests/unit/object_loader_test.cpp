// kiln's object loader (runtime/object_loader.h) against LLJIT: the same
// compiled kernel object, loaded by each, writes the same bytes. The kernels
// cover what the loader must relocate: constant pools, calls into libm and
// libc, reductions, casts to and from half and bfloat16. Every other test
// also loads its kernels with it (KILN_OBJECT_LOADER=kiln, tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "codegen/kernel_sizes.h"
#include "codegen/lower.h"
#include "passes/fuse.h"
#include "runtime/cpu_jit.h"
#include "runtime/launch.h"
#include "runtime/object_loader.h"
#include "test_util.h"

namespace kiln {
namespace {

// The bytes `fn`, compiled from the lowered kernel, writes.
std::vector<char> run(runtime::KernelFn fn, const codegen::LoweredKernel& lk, int64_t numel) {
  std::vector<char> out(static_cast<size_t>(numel) * ir::itemsize(lk.kernel.args.back()));
  std::vector<void*> args;
  for (const auto& s : lk.inputs) args.push_back(s->data());
  args.push_back(out.data());
  codegen::KernelSizes sizes(lk.kernel);
  runtime::launch(fn, lk.kernel, args.data(), sizes.values().data());
  return out;
}

// `t`'s one kernel compiled once, loaded by kiln's loader and by LLJIT, run
// by both: the same bytes.
void expect_loaders_agree(const Tensor& t) {
  passes::Schedule s = passes::fuse({t.node()});
  std::vector<ir::NodePtr> kernels;
  for (const auto& item : s.items)
    if (item.kind == passes::ScheduleItem::Kind::Kernel) kernels.push_back(item.node);
  ASSERT_EQ(kernels.size(), 1u);
  codegen::LoweredKernel lk = codegen::lower(*kernels[0]);
  // LLJIT defines each symbol once per process.
  static int count = 0;
  std::string symbol = "kiln_object_loader_test_" + std::to_string(count++);
  runtime::CpuJit& jit = runtime::CpuJit::instance();
  std::string object = jit.compile(lk.kernel, symbol);
  auto kiln_fn = reinterpret_cast<runtime::KernelFn>(runtime::load_object(object, symbol));
  runtime::KernelFn orc_fn = jit.link_with_llvm(object, symbol);
  int64_t numel = ir::numel(kernels[0]->shape);
  std::vector<char> kiln_out = run(kiln_fn, lk, numel), orc_out = run(orc_fn, lk, numel);
  EXPECT_EQ(kiln_out, orc_out) << lk.kernel.name;
}

Tensor ramp(const std::vector<int64_t>& shape, ScalarType dtype) {
  return testing::make_tensor(shape, dtype, [](int64_t i) { return static_cast<double>(i % 23) * 0.37 - 3.0; });
}

TEST(ObjectLoader, AgreesWithLlJit) {
  Tensor a = ramp({37, 65}, kFloat32), b = ramp({37, 65}, kFloat32);
  Tensor h = ramp({37, 65}, kFloat16), bf = ramp({37, 65}, kBFloat16);
  Tensor d = ramp({37, 65}, kFloat64), i = ramp({37, 65}, kInt64);
  std::vector<std::function<Tensor()>> cases = {
      [&] { return (((a * b + 2.5) * 0.5 - a).relu() * b + 1.0); },  // constant pools
      [&] { return a.exp() + b.abs().log() + a.tanh() + b.sigmoid(); },  // libm
      [&] { return a.pow(b) + d.sqrt().to(kFloat32); },
      [&] { return a.sum({1}); },
      [&] { return d.sum({0}); },
      [&] { return a.amax({1}); },
      [&] { return a.argmax(int64_t{1}); },
      [&] { return (h * 3 + h.abs()).to(kBFloat16); },  // half ↔ float conversions
      [&] { return (bf * 2 - 1).to(kFloat16); },
      [&] { return i.remainder(7) * i + (i > 3).to(kInt64); },
      [&] { return a.where(a > b, b).to(kInt32); },
      [&] { return a.matmul(b.t()); },
  };
  for (const auto& make : cases) expect_loaders_agree(make());
}

// Objects the loader cannot take are refused, never loaded wrong: the
// runtime then links them with LLJIT.
TEST(ObjectLoader, RefusesWhatItCannotLoad) {
  Tensor a = ramp({8}, kFloat32);
  codegen::LoweredKernel lk = codegen::lower(*(a.exp() * 2).node());
  std::string object = runtime::CpuJit::instance().compile(lk.kernel, "kiln_object_loader_refused");
  EXPECT_NE(runtime::load_object(object, "kiln_object_loader_refused"), nullptr);
  EXPECT_THROW(runtime::load_object(object, "no_such_symbol"), runtime::UnsupportedObject);
  EXPECT_THROW(runtime::load_object("not an object", "x"), runtime::UnsupportedObject);
  for (size_t n : {size_t{0}, size_t{40}, size_t{64}, object.size() / 2, object.size() - 1}) {
    EXPECT_THROW(runtime::load_object(object.substr(0, n), "kiln_object_loader_refused"), runtime::UnsupportedObject)
        << n;
  }
  std::string other_machine = object;
  other_machine[18] = 0x3e - 1;  // e_machine: not x86-64
  EXPECT_THROW(runtime::load_object(other_machine, "kiln_object_loader_refused"), runtime::UnsupportedObject);
}

}  // namespace
}  // namespace kiln
