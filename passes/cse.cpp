#include <string>
#include <variant>
#include <unordered_map>

#include "passes/passes.h"
#include "passes/rewrite.h"

namespace kiln::passes {

namespace {

template <typename T>
void append(std::string& key, const T& v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Everything that decides a node's value: equal keys, equal values.
std::string value_key(const ir::Node& n) {
  std::string key;
  append(key, n.op);
  append(key, n.dtype);
  for (int64_t d : n.shape) append(key, d);
  key += '|';
  if (n.is_buffer()) {
    append(key, n.storage.get());
  } else {
    for (const ir::NodePtr& s : n.srcs) append(key, s.get());
  }
  // Literals are canonical for the node's dtype, so equal values have equal
  // bits (both NaN spellings aside, which only costs a merge).
  for (const ir::Literal* v : {&n.value, &n.step, &n.end}) {
    append(key, v->index());
    std::visit([&](auto x) { append(key, x); }, *v);
  }
  for (int64_t a : n.axes) append(key, a);
  key += '|';
  for (int64_t s : n.strides) append(key, s);
  append(key, n.offset);
  return key;
}

}  // namespace

ir::Graph cse(const ir::Graph& g, bool keep_roots) {
  std::unordered_map<std::string, ir::NodePtr> first;
  auto rule = [&](const ir::NodePtr& n, const ir::Node&) {
    auto [it, inserted] = first.emplace(value_key(*n), n);
    return it->second;
  };
  return rewrite(g, rule, RewriteOptions{keep_roots});
}

}  // namespace kiln::passes
