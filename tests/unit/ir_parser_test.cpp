// The textual graph IR read back: one hand-written graph per op of
// ir/ops.def, literals, malformed input with its line:column diagnostics,
// and graphs the frontend records, each printed → parsed → printed.
#include <gtest/gtest.h>
#include <kiln/kiln.h>

#include <map>
#include <string>

#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verify.h"
#include "runtime/host_storage.h"
#include "runtime/ir_check.h"

namespace kiln::ir {
namespace {

std::vector<NodePtr> parse(const std::string& text) { return parse_graph(text, runtime::allocate_host); }

// `body` (node lines, without indentation) wrapped as the printer writes a graph.
std::string graph(const std::vector<std::string>& body, const std::string& ret) {
  std::string s = "graph {\n";
  for (const auto& line : body) s += "  " + line + "\n";
  return s + "  return " + ret + "\n}\n";
}

std::string unary(const std::string& op, const std::string& in = "f32", const std::string& out = "f32") {
  return graph({"%0 = buffer : " + in + "[4] {strides=[1], offset=0}", "%1 = " + op + " %0 : " + out + "[4]"}, "%1");
}

std::string binary(const std::string& op, const std::string& in = "f32", const std::string& out = "f32") {
  return graph(
      {"%0 = buffer : " + in + "[2,2] {strides=[2, 1], offset=0}",
       "%1 = buffer : " + in + "[2,2] {strides=[1, 2], offset=0}", "%2 = " + op + " %0, %1 : " + out + "[2,2]"},
      "%2");
}

std::string reduce(const std::string& op, const std::string& out = "f32") {
  return graph({"%0 = buffer : f32[2,3,4] {strides=[12, 4, 1], offset=0}",
                "%1 = " + op + " %0 : " + out + "[2,1,1] {axes=[1, 2]}"},
               "%1");
}

// One graph per op, in the printer's exact spelling.
const std::map<std::string, std::string>& cases() {
  static const std::map<std::string, std::string> m = {
      {"buffer", graph({"%0 = buffer : f32[3,2] {strides=[1, 3], offset=1}"}, "%0")},
      {"const", graph({"%0 = const 2.5 : f64[]"}, "%0")},
      {"arange", graph({"%0 = arange : i64[5] {start=-3, step=2}"}, "%0")},
      {"linspace", graph({"%0 = linspace : f32[5] {start=0.0, end=1.0}"}, "%0")},
      {"cast", unary("cast", "f32", "i32")},
      {"neg", unary("neg")},
      {"abs", unary("abs")},
      {"relu", unary("relu")},
      {"sign", unary("sign")},
      {"floor", unary("floor")},
      {"ceil", unary("ceil")},
      {"round", unary("round")},
      {"sqrt", unary("sqrt")},
      {"rsqrt", unary("rsqrt")},
      {"exp", unary("exp")},
      {"log", unary("log")},
      {"log2", unary("log2")},
      {"sin", unary("sin")},
      {"cos", unary("cos")},
      {"tanh", unary("tanh")},
      {"sigmoid", unary("sigmoid")},
      {"bitnot", unary("bitnot", "i32", "i32")},
      {"add", binary("add")},
      {"sub", binary("sub")},
      {"mul", binary("mul")},
      {"div", binary("div")},
      {"maximum", binary("maximum")},
      {"minimum", binary("minimum")},
      {"pow", binary("pow")},
      {"remainder", binary("remainder", "i64", "i64")},
      {"bitand", binary("bitand", "bool", "bool")},
      {"bitor", binary("bitor", "u8", "u8")},
      {"bitxor", binary("bitxor", "i16", "i16")},
      {"eq", binary("eq", "f32", "bool")},
      {"ne", binary("ne", "i8", "bool")},
      {"lt", binary("lt", "f16", "bool")},
      {"le", binary("le", "bf16", "bool")},
      {"gt", binary("gt", "f64", "bool")},
      {"ge", binary("ge", "i32", "bool")},
      {"where", graph({"%0 = buffer : bool[3] {strides=[1], offset=0}", "%1 = buffer : f32[3] {strides=[1], offset=0}",
                       "%2 = const 0.0 : f32[]", "%3 = reshape %2 : f32[1]", "%4 = expand %3 : f32[3]",
                       "%5 = where %0, %1, %4 : f32[3]"},
                      "%5")},
      {"sum", reduce("sum")},
      {"prod", reduce("prod")},
      {"max", reduce("max")},
      {"min", reduce("min")},
      {"argmax", reduce("argmax", "i64")},
      {"argmin", reduce("argmin", "i64")},
      {"reshape", graph({"%0 = buffer : f32[2,3] {strides=[3, 1], offset=0}", "%1 = reshape %0 : f32[3,1,2]"}, "%1")},
      {"expand", graph({"%0 = buffer : f32[1,3] {strides=[3, 1], offset=0}", "%1 = expand %0 : f32[4,3]"}, "%1")},
      {"as_strided", graph({"%0 = buffer : f32[2,3] {strides=[3, 1], offset=0}", "%1 = exp %0 : f32[2,3]",
                            "%2 = as_strided %1 : f32[3,1] {strides=[1, 0], offset=3}"},
                           "%2")},
      {"gather",
       graph({"%0 = buffer : f32[6] {strides=[1], offset=0}", "%1 = buffer : i64[2,2] {strides=[2, 1], offset=0}",
              "%2 = gather %0, %1 : f32[2,2] {strides=[0, 1], offset=1}"},
             "%2")},
      {"assign",
       graph({"%0 = buffer : f32[2,3] {strides=[3, 1], offset=0}", "%1 = buffer : f32[3] {strides=[1], offset=0}",
              "%2 = assign %0, %1 : f32[2,3] {strides=[1], offset=3}"},
             "%2")},
      {"scatter", graph({"%0 = buffer : i32[6] {strides=[1], offset=0}", "%1 = buffer : i64[2] {strides=[1], offset=0}",
                         "%2 = buffer : i32[2] {strides=[1], offset=0}",
                         "%3 = scatter %0, %1, %2 : i32[6] {strides=[0], offset=0}"},
                        "%3")},
  };
  return m;
}

constexpr Op kAllOps[] = {
#define KILN_OP(e, name, kind, arity) Op::e,
#include "ir/ops.def"
#undef KILN_OP
};

TEST(Parser, EveryOpRoundTrips) {
  for (Op op : kAllOps) {
    std::string name(op_name(op));
    auto it = cases().find(name);
    ASSERT_NE(it, cases().end()) << "no parser test case for op '" << name << "': add one to cases()";
    std::vector<NodePtr> roots = parse(it->second);
    ASSERT_EQ(roots.size(), 1u);
    EXPECT_EQ(roots[0]->op, op);
    EXPECT_FALSE(verify(roots)) << name;
    EXPECT_EQ(print_graph(roots), it->second) << name;
  }
  EXPECT_EQ(cases().size(), std::size(kAllOps));
}

TEST(Parser, BuildsLinkedNodesWithFreshStorage) {
  std::vector<NodePtr> roots = parse(cases().at("buffer"));
  const Node& b = *roots[0];
  EXPECT_EQ(b.strides, (Shape{1, 3}));
  EXPECT_EQ(b.offset, 1);
  // Enough for the farthest element: offset 1 + 2·1 + 1·3, and one more.
  EXPECT_EQ(b.storage->nbytes(), 7 * sizeof(float));
  roots = parse(cases().at("add"));
  const NodePtr& a = roots[0]->srcs[0];
  ASSERT_EQ(a->users.size(), 1u);
  EXPECT_EQ(a->users[0].lock(), roots[0]);
  EXPECT_EQ(a->storage->pending_readers(), std::vector<NodePtr>{roots[0]});
}

TEST(Parser, SeveralRootsAndSharedNodes) {
  std::string text = graph({"%0 = arange : f64[3] {start=0.5, step=0.25}", "%1 = mul %0, %0 : f64[3]"}, "%1, %0, %1");
  std::vector<NodePtr> roots = parse(text);
  ASSERT_EQ(roots.size(), 3u);
  EXPECT_EQ(roots[0], roots[2]);
  EXPECT_EQ(roots[0]->srcs[0], roots[1]);
  EXPECT_EQ(print_graph(roots), text);
  EXPECT_EQ(print_graph(parse("graph {\n  return\n}\n")), "graph {\n  return\n}\n");
}

// Literals print as the printer writes them and read back to the same value.
TEST(Parser, Literals) {
  auto const_line = [](const std::string& v, const std::string& type) {
    return print_graph(parse(graph({"%0 = const " + v + " : " + type + "[]"}, "%0")));
  };
  auto same = [&](const std::string& v, const std::string& type) {
    EXPECT_EQ(const_line(v, type), graph({"%0 = const " + v + " : " + type + "[]"}, "%0")) << v << " : " << type;
  };
  for (const char* v : {"nan", "inf", "-inf", "-0.0", "0.1", "1e-300", "1e+300", "0.30000000000000004"})
    same(v, "f64");
  same("0.10000000149011612", "f32");
  same("65504.0", "f16");
  same("-3.3895313892515355e+38", "bf16");
  same("-9223372036854775808", "i64");
  same("9223372036854775807", "i64");
  same("255", "u8");
  same("1", "bool");
  // Canonicalized as make_const does: rounded, wrapped, truncated.
  auto canon = [&](const std::string& v, const std::string& type, const std::string& expect) {
    EXPECT_EQ(const_line(v, type), graph({"%0 = const " + expect + " : " + type + "[]"}, "%0")) << v;
  };
  canon("0.1", "f32", "0.10000000149011612");
  canon("0.10000000000000001", "f64", "0.1");
  canon("300", "u8", "44");
  canon("2.9", "i32", "2");
  canon("7", "bool", "1");
  canon("1", "f16", "1.0");
}

// text → the exact diagnostic.
void expect_error(const std::string& text, const std::string& message) {
  try {
    parse(text);
    ADD_FAILURE() << "parsed without error:\n" << text;
  } catch (const ParseError& e) {
    EXPECT_EQ(e.what(), message) << text;
  }
}

TEST(Parser, Diagnostics) {
  const std::string buf = "%0 = buffer : f32[2] {strides=[1], offset=0}";
  expect_error("", "1:1: error: expected 'graph'");
  expect_error("graph\n{\n  return %0\n}", "3:10: error: use of undefined value '%0'");
  expect_error(graph({"%0 = buffer f32[2] {strides=[1], offset=0}"}, "%0"),
               "2:15: error: expected ':' before the result type");
  expect_error(graph({buf, "%1 = neg %0 f32[2]"}, "%1"), "3:15: error: expected ':' after operands");
  expect_error(graph({"%0 = frob : f32[]"}, "%0"), "2:8: error: unknown op 'frob'");
  expect_error(graph({buf, "%1 = add %0 : f32[2]"}, "%1"), "3:8: error: 'add' takes 2 operands, got 1");
  expect_error(graph({buf, "%0 = neg %0 : f32[2]"}, "%0"), "3:3: error: redefinition of value '%0'");
  expect_error(graph({"%0 = const 1.0 : f31[]"}, "%0"), "2:20: error: unknown dtype 'f31'");
  expect_error(graph({"%0 = const : f32[]"}, "%0"), "2:14: error: expected a number, got ':'");
  expect_error(graph({"%0 = const 99999999999999999999 : i64[]"}, "%0"),
               "2:14: error: integer '99999999999999999999' does not fit in 64 bits");
  expect_error(graph({"%0 = const 1.5.2 : f32[]"}, "%0"), "2:14: error: malformed number '1.5.2'");
  expect_error(graph({"%0 = buffer : f32[2] {strides=[1]}"}, "%0"),
               "2:8: error: 'buffer' needs the attribute 'offset'");
  expect_error(graph({buf, "%1 = sum %0 : f32[1] {axes=[0], keep=1}"}, "%1"),
               "3:35: error: unknown attribute 'keep' for 'sum'");
  expect_error(graph({"%0 = buffer : f32[2] {strides=[1], offset=0, offset=0}"}, "%0"),
               "2:48: error: attribute 'offset' given twice");
  expect_error(graph({"%0 = buffer : f32[2] {strides=[1], offset=1.5}"}, "%0"),
               "2:45: error: expected an integer, got '1.5'");
  expect_error(graph({"%0 = arange : i64[2,2] {start=0, step=1}"}, "%0"), "2:17: error: 'arange' has a 1-d type");
  // Verifier errors point at the node that breaks a rule.
  expect_error(graph({buf, "%1 = buffer : i32[2] {strides=[1], offset=0}", "%2 = add %0, %1 : f32[2]"}, "%2"),
               "4:3: error: add : f32[2]: binary operands differ in dtype");
  expect_error(graph({"%0 = buffer : f32[2] {strides=[1], offset=-1}"}, "%0"),
               "2:3: error: buffer : f32[2]: view reaches outside its storage");
  expect_error(graph({buf, "%1 = eq %0, %0 : f32[2]"}, "%1"),
               "3:20: error: the result of 'eq' here is bool[2], not f32[2]");
  expect_error(graph({"%0 = const 1 : i32[3]"}, "%0"), "2:18: error: the result of 'const' here is i32[], not i32[3]");
  expect_error("graph {\n  return\n} x", "3:3: error: expected the end of the input after the graph");
  expect_error("graph {\n  @\n}", "2:3: error: unexpected character '@'");
  expect_error("graph {\n  % = const 1 : i32[]\n}", "2:3: error: expected a value name after '%'");
  expect_error("graph {\n  return %0", "2:10: error: use of undefined value '%0'");
  expect_error("graph {\n  return\n", "3:1: error: expected '}' after the returned values");
}

TEST(Parser, Locations) {
  std::vector<NodePtr> roots =
      parse(graph({"%0 = buffer : f32[2] {strides=[1], offset=0} loc(\"a/b/x.cpp\":12)", "%1 = neg %0 : f32[2]"}, "%1"));
  EXPECT_EQ(roots[0]->loc, ir::Loc{});
  EXPECT_EQ(roots[0]->srcs[0]->loc.line, 12u);
  EXPECT_STREQ(roots[0]->srcs[0]->loc.file, "a/b/x.cpp");
  EXPECT_NE(print_graph(roots).find("offset=0} loc(\"x.cpp\":12)\n"), std::string::npos);
  // Malformed locations.
  const std::string node = "%0 = neg %1 : f32[2] ";
  auto at = [&](const std::string& loc) { return graph({"%1 = buffer : f32[2] {strides=[1], offset=0}", node + loc}, "%0"); };
  expect_error(at("loc"), "4:3: error: expected '(' after 'loc'");
  expect_error(at("loc(x.cpp:3)"), "3:28: error: expected a quoted file name in 'loc'");
  expect_error(at("loc(\"\":3)"), "3:28: error: expected a file name in 'loc'");
  expect_error(at("loc(\"x.cpp\" 3)"), "3:36: error: expected ':' after the file name in 'loc'");
  expect_error(at("loc(\"x.cpp\":0)"), "3:36: error: expected a line number (1 or more) in 'loc'");
  expect_error(at("loc(\"x.cpp\":three)"), "3:36: error: expected a line number (1 or more) in 'loc'");
  expect_error(at("loc(\"x.cpp\":3"), "4:3: error: expected ')' after the line number in 'loc'");
  expect_error(at("loc(\"x.cpp:3)"), "3:28: error: unterminated string");
}

TEST(Parser, CommentsAndLayout) {
  std::string text =
      "// a comment line\n"
      "graph { // trailing\n"
      "  %x = const 2 : i32[]   // names need not be numbers\n"
      "  %y.1 = neg %x : i32[] return %y.1 }";
  EXPECT_EQ(print_graph(parse(text)), graph({"%0 = const 2 : i32[]", "%1 = neg %0 : i32[]"}, "%1"));
  expect_error("// one\n// two\ngraph {\n  %0 = const 2 : i32[] %\n}", "4:24: error: expected a value name after '%'");
}

// Graphs the frontend records print, parse and print the same.
void expect_round_trip(const std::vector<Tensor>& ts) {
  std::vector<NodePtr> roots;
  for (const Tensor& t : ts) roots.push_back(t.node());
  std::string text = print_graph(roots);
  std::vector<NodePtr> parsed = parse(text);
  EXPECT_FALSE(verify(parsed));
  EXPECT_EQ(print_graph(parsed), text);
}

bool has_op(const Tensor& t, Op op) {
  std::vector<NodePtr> todo{t.node()};
  while (!todo.empty()) {
    NodePtr n = todo.back();
    todo.pop_back();
    if (n->op == op) return true;
    todo.insert(todo.end(), n->srcs.begin(), n->srcs.end());
  }
  return false;
}

TEST(Parser, FrontendGraphsRoundTrip) {
  using namespace kiln::indexing;
  Tensor a = kiln::randn({3, 4}), b = kiln::randn({4, 5});
  expect_round_trip({a.matmul(b), a.softmax(1), a.log_softmax(0, kiln::kFloat64)});
  expect_round_trip({a.t().index({Slice(1, None), 2}), a.permute({1, 0}).reshape({12}), a.expand({2, 3, 4})});
  Tensor idx = kiln::tensor({2, 0, 2});
  Tensor g = a.index({idx});
  EXPECT_TRUE(has_op(g, Op::Gather));
  expect_round_trip({g, a.index({Slice(), idx}) * 2});
  Tensor x = kiln::zeros({3, 4});
  x.index_put_({0}, 5);
  EXPECT_TRUE(has_op(x, Op::Assign));
  expect_round_trip({x});
  Tensor y = kiln::arange(6.0);
  y.index_put_({idx}, kiln::tensor({1.0, 2.0, 3.0}));
  EXPECT_TRUE(has_op(y, Op::Scatter));
  expect_round_trip({y});
  expect_round_trip({kiln::cat({a, a * 2}, 1), kiln::linspace(0, 1, 7), (a > 0).logical_not(), a.argmax(1)});
}

// The KILN_CHECK_IR hook: silent on graphs that survive the round trip,
// loud on one that does not (reduce axes out of order cannot be read back).
TEST(IrCheck, RoundTripOrThrow) {
  NodePtr b = parse(cases().at("sum"))[0]->srcs[0];
  EXPECT_NO_THROW(runtime::check_ir_round_trip({make_reduce(Op::Sum, DType::Float32, b, {1, 2})}));
  try {
    runtime::check_ir_round_trip({make_reduce(Op::Sum, DType::Float32, b, {2, 1})});
    ADD_FAILURE() << "no error";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not parse: 3:3: error: sum : f32[2,1,1]: reduce axes must be sorted"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace kiln::ir
