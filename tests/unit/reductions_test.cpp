// Reductions against PyTorch 1.13 (tests/golden/reductions.txt, written by
// gen_reductions.py): every dtype, shapes from 0-d and empty to 3-d, whole
// tensor and per dim, keepdim and dtype arguments, ties, NaN and infinities,
// and every error; in both engines.
#include <gtest/gtest.h>

#include <sstream>

#include "golden_cases.h"
#include "test_util.h"

namespace kiln {
namespace {

using testing::GoldenCase;

std::vector<int64_t> dims_of(const std::string& text) {
  std::vector<int64_t> dims;
  std::istringstream in(text);
  for (std::string d; std::getline(in, d, ',');) dims.push_back(std::stoll(d));
  return dims;
}

// The op of case `c` applied to `x`, through kiln's libtorch-shaped API.
std::vector<Tensor> run(const GoldenCase& c, const Tensor& x) {
  std::string dim = c.arg("dim").value_or("none");
  bool has_dim = dim != "none";
  bool keepdim = c.arg("keepdim") == "1";
  std::optional<ScalarType> dtype;
  if (auto d = c.arg("dtype")) dtype = testing::dtype_named(*d);
  IntArrayRef dims(dims_of(dim == "none" ? "" : dim));
  const std::string& op = c.op;
  if (op == "sum") return {has_dim ? x.sum(dims, keepdim, dtype) : x.sum(dtype)};
  if (op == "mean") return {has_dim ? x.mean(dims, keepdim, dtype) : x.mean(dtype)};
  if (op == "prod") return {has_dim ? x.prod(dims[0], keepdim, dtype) : x.prod(dtype)};
  if (op == "amax") return {has_dim ? x.amax(dims, keepdim) : x.amax()};
  if (op == "amin") return {has_dim ? x.amin(dims, keepdim) : x.amin()};
  if (op == "all") return {has_dim ? x.all(dims[0], keepdim) : x.all()};
  if (op == "any") return {has_dim ? x.any(dims[0], keepdim) : x.any()};
  if (op == "argmax") return {has_dim ? x.argmax(dims[0], keepdim) : x.argmax(std::nullopt, keepdim)};
  if (op == "argmin") return {has_dim ? x.argmin(dims[0], keepdim) : x.argmin(std::nullopt, keepdim)};
  if (op == "max" || op == "min") {
    if (!has_dim) return {op == "max" ? x.max() : x.min()};
    auto [values, indices] = op == "max" ? x.max(dims[0], keepdim) : x.min(dims[0], keepdim);
    return {values, indices};
  }
  ADD_FAILURE() << c.where() << ": unknown op";
  return {};
}

// Sums, means and products may round differently from PyTorch's (another
// summation order; float32 sums accumulate in float64): a few units in the
// last place of the result's dtype. Max, min and the arg forms are exact.
double tolerance(const GoldenCase& c) {
  if (c.op != "sum" && c.op != "mean" && c.op != "prod") return 0.0;
  switch (c.outputs[0].dtype) {
    case kFloat64:
      return 1e-12;
    case kFloat32:
      return 4e-6;
    case kFloat16:
      return 2e-3;
    case kBFloat16:
      return 1.6e-2;
    default:
      return 0.0;
  }
}

void run_golden(debug::Backend backend) {
  if (backend == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope scope(backend);
  std::vector<GoldenCase> cases = testing::read_golden_cases("reductions.txt");
  ASSERT_GT(cases.size(), 3000u);
  for (const GoldenCase& c : cases) {
    Tensor x = testing::tensor_of(c.inputs[0]);
    if (!c.error_kind.empty()) {
      EXPECT_TRUE(testing::throws_golden([&] { run(c, x); }, c)) << c.where();
      continue;
    }
    std::vector<Tensor> got;
    try {
      got = run(c, x);
    } catch (const Error& e) {
      ADD_FAILURE() << c.where() << ": threw " << e.what();
      continue;
    }
    ASSERT_EQ(got.size(), c.outputs.size()) << c.where();
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_TRUE(testing::matches_golden(got[i], c.outputs[i], tolerance(c))) << c.where() << ", result " << i;
  }
}

TEST(ReductionsGolden, Jit) { run_golden(debug::Backend::Jit); }
TEST(ReductionsGolden, Interpreter) { run_golden(debug::Backend::Interpreter); }

}  // namespace
}  // namespace kiln
