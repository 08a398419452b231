// Provenance (kiln/caller.h, ir/loc.h): each node records the user's line,
// operators included; kiln's own calls inside a public call keep the user's
// line; the passes keep locations; kernels list the lines fused into them
// (debug::planned_kernels, KILN_DUMP=kernels), and the kernel cache ignores
// them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include <kiln/debug.h>
#include <kiln/factory.h>

#include "ir/graph.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/walk.h"
#include "passes/passes.h"
#include "runtime/host_storage.h"
#include "test_util.h"

namespace kiln {
namespace {

Tensor realized(std::vector<int64_t> shape, ScalarType t = kFloat32) {
  return testing::make_tensor(std::move(shape), t, [](int64_t i) { return static_cast<double>(i % 5) + 1; });
}

std::vector<debug::SourceLine> here(std::initializer_list<int64_t> lines) {
  std::vector<debug::SourceLine> out;
  for (int64_t l : lines) out.push_back({"provenance_test.cpp", l});
  return out;
}

// The line recorded on the node behind `t`.
int64_t line_of(const Tensor& t) { return t.node()->loc.line; }

// The lines of every node computed for `t` (sorted, each once; buffers,
// realized values, keep the line they were recorded at and are left out).
std::vector<int64_t> lines_under(const Tensor& t) {
  std::vector<int64_t> out;
  for (const ir::Node* n : ir::topo_order({t.node()}))
    if (!n->is_buffer()) out.push_back(n->loc.line);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(Provenance, OperatorsRecordTheUsersLine) {
  Tensor a = realized({4}), b = realized({4});
  Tensor i = realized({4}, kInt64);
  EXPECT_EQ(line_of(a + b), __LINE__);
  EXPECT_EQ(line_of(a * 2.0), __LINE__);
  EXPECT_EQ(line_of(2.0 * a), __LINE__);
  EXPECT_EQ(line_of(2.0 - a), __LINE__);
  EXPECT_EQ(line_of(a / b), __LINE__);
  EXPECT_EQ(line_of(-a), __LINE__);
  EXPECT_EQ(line_of(a == b), __LINE__);
  EXPECT_EQ(line_of(a < 2), __LINE__);
  EXPECT_EQ(line_of(3 >= a), __LINE__);
  EXPECT_EQ(line_of(i % 3), __LINE__);
  EXPECT_EQ(line_of(~i), __LINE__);
  EXPECT_EQ(line_of(i & 6), __LINE__);
  EXPECT_EQ(line_of(1 | i), __LINE__);
}

TEST(Provenance, FunctionsAndMembersRecordTheUsersLine) {
  Tensor a = realized({2, 3});
  EXPECT_EQ(line_of(a.exp()), __LINE__);
  EXPECT_EQ(line_of(kiln::exp(a)), __LINE__);
  EXPECT_EQ(line_of(a.add(a, 2)), __LINE__);
  EXPECT_EQ(line_of(a.sum(1)), __LINE__);
  EXPECT_EQ(line_of(kiln::matmul(a, a.t())), __LINE__);
  EXPECT_EQ(line_of(a.to(kFloat64)), __LINE__);
  EXPECT_EQ(line_of(a.clamp(0.0, 1.0)), __LINE__);
  EXPECT_EQ(lines_under(kiln::zeros({2, 3})), std::vector<int64_t>{__LINE__});
  EXPECT_EQ(line_of(kiln::arange(5)), __LINE__);
  EXPECT_EQ(line_of(kiln::rand({3})), __LINE__);
}

// The lines a kernel lists are those of the nodes it computes, written over
// several statements; the leaves it reads (a, b) are not among them.
TEST(Provenance, AFusedChainListsItsLines) {
  Tensor a = realized({8}), b = realized({8});
  const int64_t first = __LINE__ + 1;
  Tensor x = a * b;
  Tensor y = x + 1.0;
  Tensor z = y.relu();
  Tensor w = 2.0 - z;
  Tensor v = -w;
  std::vector<debug::PlannedKernel> plan = debug::planned_kernels({v});
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].name, "E_8_fused5");
  EXPECT_EQ(plan[0].sources, here({first, first + 1, first + 2, first + 3, first + 4}));
  EXPECT_EQ(debug::kernel_plan({v}), std::vector<std::string>{"E_8_fused5 (output)"});
}

// kiln's softmax calls amax, exp, sum and div itself: every node it records
// is attributed to the user's line, none to kiln's sources.
TEST(Provenance, KilnsOwnCallsKeepTheUsersLine) {
  Tensor a = realized({4, 8});
  Tensor s = a.softmax(1);
  const int64_t line = __LINE__ - 1;
  std::vector<debug::PlannedKernel> plan = debug::planned_kernels({s});
  ASSERT_EQ(plan.size(), 3u);  // the max, the sum, the division (fuse rule 3)
  for (const debug::PlannedKernel& k : plan) EXPECT_EQ(k.sources, here({line})) << k.name;
  EXPECT_EQ(lines_under(kiln::log_softmax(a, 0)), std::vector<int64_t>{__LINE__});
}

// fold-views pushes the transpose's read into the add: the add rebuilt at
// the viewed positions keeps its own line.
TEST(Provenance, FoldViewsKeepsLocations) {
  Tensor a = realized({4, 8}), b = realized({4, 8});
  Tensor sum = a + b;
  const int64_t add_line = __LINE__ - 1;
  Tensor c = sum.t().contiguous();
  std::vector<debug::PlannedKernel> plan = debug::planned_kernels({c});
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].sources, here({add_line, add_line + 2}));
  ir::Graph folded = passes::fold_views(ir::graph_of({c.node()}), true);
  for (const ir::Node* n : ir::topo_order(folded.roots)) {
    if (n->op == ir::Op::Add) {
      EXPECT_EQ(n->loc.line, add_line);
    }
  }
}

TEST(Provenance, SimplifyGivesNewNodesTheReplacedNodesLocation) {
  Tensor i = realized({4}, kInt32);
  Tensor wide = i.to(kInt64);
  Tensor f = wide.to(kFloat64);  // cast(cast(i)) becomes one cast, of this line
  ir::NodePtr cast = passes::simplify(ir::graph_of({f.node()})).roots[0];
  EXPECT_EQ(cast->srcs[0], i.node());
  EXPECT_EQ(cast->loc.line, __LINE__ - 3);
  // A folded constant is made at the line of what it replaces.
  Tensor k = kiln::full({3}, 2.0) * 3.0;
  ir::NodePtr folded = passes::simplify(ir::graph_of({k.node()})).roots[0];
  EXPECT_TRUE(ir::broadcast_const_value(*folded));
  for (const ir::Node* n : ir::topo_order({folded})) EXPECT_EQ(n->loc.line, __LINE__ - 3);
}

// The same kernel recorded at two lines: compiled once (the kernel text is
// the cache key; locations stay out of it).
TEST(Provenance, TheCacheIgnoresLocations) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  testing::BackendScope jit(debug::Backend::Jit);
  Tensor x = realized({13});
  Tensor first = x * 7.0 - 3.0;
  first.realize();
  debug::Stats before = debug::stats();
  Tensor second = x * 7.0 - 3.0;
  second.realize();
  debug::Stats after = debug::stats();
  EXPECT_EQ(after.kernels_compiled, before.kernels_compiled);
  EXPECT_EQ(after.cache_hits, before.cache_hits + 1);
}

TEST(Provenance, TheTextualIrCarriesLocations) {
  Tensor a = realized({3});
  Tensor r = (a + 1.0).exp();
  std::string text = debug::graph_ir({r});
  std::string loc = "loc(\"provenance_test.cpp\":" + std::to_string(__LINE__ - 2) + ")";
  size_t exp = text.find("= exp ");
  ASSERT_NE(exp, std::string::npos) << text;
  EXPECT_EQ(text.substr(text.find('\n', exp) - loc.size(), loc.size()), loc) << text;
  std::vector<ir::NodePtr> parsed = ir::parse_graph(text, runtime::allocate_host);
  EXPECT_EQ(parsed[0]->loc.line, static_cast<uint32_t>(__LINE__ - 7));
  EXPECT_EQ(ir::print_graph(parsed), text);
}

}  // namespace
}  // namespace kiln
