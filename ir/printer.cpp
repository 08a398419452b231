#include "ir/printer.h"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "ir/graph.h"
#include "ir/walk.h"

namespace kiln::ir {

std::string type_string(DType dtype, const Shape& shape) {
  std::string s(ir_name(dtype));
  s += '[';
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(shape[i]);
  }
  return s + ']';
}

std::string literal_string(const Literal& v, DType dtype) {
  if (!is_floating(dtype)) return std::to_string(literal_as_int(v));
  double d = literal_as_double(v);
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // The shortest spelling that reads back as the same double: exact,
  // readable (0.1, not 0.10000000000000001) and much cheaper than printf.
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, end);
  // Keep a float-looking spelling so the text says what kind of value it is.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string loc_string(const Loc& loc) {
  std::string out = "loc(\"";
  for (char c : file_basename(loc.file)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\":" + std::to_string(loc.line) + ")";
}

std::string print_graph(const std::vector<NodePtr>& roots, const NodeNote& note) {
  return print_graph(Graph{{}, roots}, note);
}

std::string print_graph(const Graph& g, const NodeNote& note) {
  const std::vector<NodePtr>& roots = g.roots;
  std::vector<NodePtr> all = g.nodes;
  all.insert(all.end(), roots.begin(), roots.end());
  std::vector<Node*> order = topo_order(all);
  std::unordered_map<const Node*, size_t> id;
  std::string out = "graph {\n";
  for (Node* n : order) {
    size_t my_id = id.size();
    id[n] = my_id;
    out += "  %" + std::to_string(my_id) + " = " + std::string(op_name(n->op));
    for (size_t i = 0; i < n->srcs.size(); ++i) {
      out += i ? ", %" : " %";
      out += std::to_string(id.at(n->srcs[i].get()));
    }
    if (n->op == Op::Const) out += " " + literal_string(n->value, n->dtype);
    out += " : " + type_string(n->dtype, n->shape);
    if (op_kind(n->op) == OpKind::Reduce) {
      out += " {axes=" + to_string(n->axes) + "}";
    } else if (n->op == Op::Arange) {
      out += " {start=" + literal_string(n->value, n->dtype) + ", step=" + literal_string(n->step, n->dtype) + "}";
    } else if (n->op == Op::Linspace) {
      out += " {start=" + literal_string(n->value, n->dtype) + ", end=" + literal_string(n->end, n->dtype) + "}";
    } else if (n->op == Op::Buffer || n->op == Op::AsStrided || n->op == Op::Gather ||
               ir::op_kind(n->op) == OpKind::Assign) {
      out += " {strides=" + to_string(n->strides) + ", offset=" + std::to_string(n->offset) + "}";
    }
    if (n->loc.known()) out += " " + loc_string(n->loc);
    if (std::string text = note ? note(*n) : ""; !text.empty()) out += "  // " + text;
    out += "\n";
  }
  out += "  return";
  for (size_t i = 0; i < roots.size(); ++i) {
    out += i ? ", %" : " %";
    out += std::to_string(id.at(roots[i].get()));
  }
  return out + "\n}\n";
}

}  // namespace kiln::ir
