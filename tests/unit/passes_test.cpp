// The graph passes (passes/*.cpp): each rewrite on small graphs, what must
// not be rewritten (values that would change in the last bit, shared
// values), and the kernel counts they give realizations (the step 4
// targets). Values are checked against the interpreter, which runs no
// passes, across the whole suite (jit_vs_interpreter_test.cpp and every
// golden test's two engines).
#include <gtest/gtest.h>

#include <kiln/debug.h>

#include "ir/graph.h"
#include "ir/printer.h"
#include "passes/passes.h"
#include "passes/pipeline.h"
#include "test_util.h"

namespace kiln {
namespace {

using ir::Op;

Tensor realized(std::vector<int64_t> shape, ScalarType t = kFloat32) {
  return testing::make_tensor(std::move(shape), t, [](int64_t i) { return static_cast<double>(i % 7) - 3; });
}

ir::Graph graph_of(const Tensor& t) { return ir::graph_of({t.node()}); }

TEST(Simplify, IdentitiesThatKeepEveryBit) {
  Tensor x = realized({4});
  EXPECT_EQ(passes::simplify(graph_of(x * 1)).roots[0], x.node());
  EXPECT_EQ(passes::simplify(graph_of(x / 1)).roots[0], x.node());
  EXPECT_EQ(passes::simplify(graph_of(x - 0)).roots[0], x.node());
  EXPECT_EQ(passes::simplify(graph_of(x + (-0.0))).roots[0], x.node());
  EXPECT_EQ(passes::simplify(graph_of(-(-x))).roots[0], x.node());
  // -0.0 + 0.0 is 0.0: x + 0 stays for floats, and x * 0 (NaN * 0 is NaN).
  EXPECT_EQ(passes::simplify(graph_of(x + 0)).roots[0]->op, Op::Add);
  EXPECT_EQ(passes::simplify(graph_of(x * 0)).roots[0]->op, Op::Mul);
  Tensor i = realized({4}, kInt64);
  EXPECT_EQ(passes::simplify(graph_of(i + 0)).roots[0], i.node());
  ir::NodePtr zero = passes::simplify(graph_of(i * 0)).roots[0];
  // The constant replacing i * 0 is attributed to the line of i * 0.
  std::string loc = " loc(\"passes_test.cpp\":" + std::to_string(__LINE__ - 2) + ")";
  EXPECT_EQ(ir::print_graph({zero}), "graph {\n  %0 = const 0 : i64[]" + loc + "\n  %1 = reshape %0 : i64[1]" + loc +
                                         "\n  %2 = expand %1 : i64[4]" + loc + "\n  return %2\n}\n");
}

TEST(Simplify, CastOfCastOnlyThroughAWiderType) {
  Tensor i = realized({3}, kInt32);
  ir::NodePtr widened = passes::simplify(graph_of(i.to(kInt64).to(kFloat64))).roots[0];
  ASSERT_EQ(widened->op, Op::Cast);
  EXPECT_EQ(widened->srcs[0], i.node());  // int32 → int64 is exact
  EXPECT_EQ(passes::simplify(graph_of(i.to(kInt64).to(kInt32))).roots[0], i.node());
  ir::NodePtr narrowed = passes::simplify(graph_of(i.to(kInt8).to(kInt32))).roots[0];
  EXPECT_EQ(narrowed->srcs[0]->op, Op::Cast);  // int32 → int8 wraps: both stay
  Tensor f = realized({3});
  EXPECT_EQ(passes::simplify(graph_of(f.to(kFloat16).to(kFloat32))).roots[0]->srcs[0]->op, Op::Cast);
  EXPECT_EQ(passes::simplify(graph_of(f.to(kFloat64).to(kFloat32))).roots[0], f.node());
}

TEST(Cse, EqualNodesBecomeOne) {
  Tensor x = realized({4});
  Tensor y = (x * 2 + 1) * (x * 2 + 1);
  ir::Graph g = passes::cse(graph_of(y));
  const ir::NodePtr& mul = g.roots[0];
  EXPECT_EQ(mul->srcs[0], mul->srcs[1]);
  EXPECT_LT(g.nodes.size(), graph_of(y).nodes.size());
}

TEST(Dce, DropsWhatNoRootReaches) {
  Tensor x = realized({4});
  Tensor used = x + 1, unused = x * 3;
  ir::Graph g = graph_of(used);
  g.nodes.push_back(unused.node());
  EXPECT_EQ(passes::dce(g).nodes.size(), graph_of(used).nodes.size());
}

TEST(FoldViews, ChainsBecomeOneView) {
  Tensor x = realized({2, 3, 4});
  ir::Graph g = passes::fold_views(graph_of(x.permute({2, 0, 1}).narrow(0, 1, 2).transpose(1, 2) + 1));
  const ir::NodePtr& view = g.roots[0]->srcs[0];
  EXPECT_EQ(view->op, Op::AsStrided);
  EXPECT_EQ(view->srcs[0], x.node());
}

TEST(FoldViews, StridedViewsMoveThroughElementwiseOps) {
  Tensor a = realized({3, 4}), b = realized({3, 4});
  ir::Graph g = passes::fold_views(graph_of((a + b).t() * 2));
  // mul(add(as_strided(a), as_strided(b)), 2): no view of a computed value.
  const ir::NodePtr& add = g.roots[0]->srcs[0];
  ASSERT_EQ(add->op, Op::Add);
  EXPECT_EQ(add->srcs[0]->op, Op::AsStrided);
  EXPECT_EQ(add->srcs[0]->srcs[0], a.node());
  // A value used twice is not recomputed through the view.
  Tensor s = a + b;
  ir::Graph kept = passes::fold_views(graph_of(s.t() * s.t()));
  EXPECT_EQ(kept.roots[0]->srcs[0]->srcs[0]->op, Op::Add);
}

TEST(Pipeline, UnknownPassesAreNamed) {
  Tensor x = realized({2});
  try {
    passes::run_pipeline(graph_of(x + 1), {"cse", "licm"}, {});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown pass 'licm' (known: simplify, fold-views, cse, dce, split-reductions)");
  }
}

// Kernel counts of realizations (docs/architecture.md states the rules).
size_t kernels(const std::vector<std::string>& plan) {
  size_t n = 0;
  for (const std::string& k : plan) n += k.rfind("host ", 0) != 0;
  return n;
}

TEST(KernelCounts, StepFourTargets) {
  Tensor a = realized({64, 32}), b = realized({64, 32}), c = realized({64, 32});
  std::vector<std::string> chain = debug::kernel_plan({((a * b + c) * 0.5 - a).relu() * b + 1.0});
  EXPECT_EQ(chain, std::vector<std::string>{"E_2048_fused7 (output)"});
  EXPECT_EQ(debug::kernel_plan({(a * 2).sum(1)}), std::vector<std::string>{"R_64x32_sum (reduce)"});
  // A transpose copy and a permuted operand: index math, no copy kernel.
  EXPECT_EQ(debug::kernel_plan({a.t().contiguous()}), std::vector<std::string>{"E_32x64_copy (output)"});
  Tensor p = realized({32, 64});
  EXPECT_EQ(kernels(debug::kernel_plan({a.permute({1, 0}) + p})), 1u);
  // A view of a computed value moves to the operands: one kernel.
  EXPECT_EQ(kernels(debug::kernel_plan({(a + b).t().contiguous()})), 1u);
  // A value used twice in one kernel is computed once there: one kernel.
  Tensor t = a * b;
  EXPECT_EQ(kernels(debug::kernel_plan({(t + 1) * (t - 1)})), 1u);
  // A value two kernels use is materialized, unless cheap to recompute.
  EXPECT_EQ(debug::kernel_plan({t.sum(1) + t.t().sum(0)}),
            (std::vector<std::string>{"E_2048_mul (used 2 times)", "R_64x32_sum (reduce)", "R_64x32_sum_add (output)"}));
  // Elementwise ops after a reduction, at its output index, are its
  // kernel's epilogue.
  EXPECT_EQ(debug::kernel_plan({a.mean(1)}), std::vector<std::string>{"R_64x32_sum_div (output)"});
  EXPECT_EQ(debug::kernel_plan({a.sum(1) * 2 + 1}), std::vector<std::string>{"R_64x32_sum_fused2 (output)"});
  Tensor w = realized({32, 16}), bias = realized({16});
  EXPECT_EQ(debug::kernel_plan({(a.matmul(w) + bias).relu()}),
            std::vector<std::string>{"R_64x16x32_sum_fused2 (output)"});
  // A sum of many values into one: partial sums threads can share, then
  // their sum (split-reductions).
  Tensor big = realized({64, 4096});
  EXPECT_EQ(debug::kernel_plan({big.sum()}),
            (std::vector<std::string>{"R_64x4096_sum (reduce)", "R_64_sum_cast (output)"}));
  // Not at its output index: x - x.sum(1) reads the sum at every element.
  EXPECT_EQ(kernels(debug::kernel_plan({a - a.sum(1, true)})), 2u);
  // softmax: the max, the sum of exp(x - max), and exp(x - max) over the
  // sum; exp(x - max) is recomputed rather than stored (it loads x, as
  // loading it would).
  EXPECT_EQ(debug::kernel_plan({a.softmax(1)}),
            (std::vector<std::string>{"R_64x32_max (reduce)", "R_64x32_sum (reduce)", "E_64x32_fused3 (output)"}));
  // Recomputation does not nest: a * 2, read by the max and by the
  // recomputed exp(x - max), is stored (shared_values.h).
  Tensor scaled_softmax = (a * 2).softmax(1);
  EXPECT_EQ(debug::kernel_plan({scaled_softmax}),
            (std::vector<std::string>{"E_2048_mul (used 2 times)", "R_64x32_max (reduce)", "R_64x32_sum (reduce)",
                                      "E_64x32_fused3 (output; in place of E_2048_mul)"}));
}

// KILN_STATS's counters: a kernel compiled once, found in the cache after.
TEST(Stats, CountCompilesHitsRunsAndBytes) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope jit(debug::Backend::Jit);
  Tensor a = realized({1000}), b = realized({1000});
  debug::Stats before = debug::stats();
  (a * b - 12345.5).realize();
  debug::Stats mid = debug::stats();
  (b * a - 12345.5).realize();  // the same kernel text, operands swapped in order
  debug::Stats after = debug::stats();
  EXPECT_EQ(mid.realizations - before.realizations, 1);
  EXPECT_EQ(mid.kernels_run - before.kernels_run, 1);
  EXPECT_EQ(mid.bytes_moved - before.bytes_moved, 3 * 4000);
  EXPECT_EQ(after.kernels_compiled, mid.kernels_compiled);
  EXPECT_EQ(after.cache_hits - mid.cache_hits, 1);
  EXPECT_GE(after.compile_ms, before.compile_ms);
}

}  // namespace
}  // namespace kiln
