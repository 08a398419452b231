#include "ir/parser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "ir/printer.h"
#include "ir/verify.h"

namespace kiln::ir {

ParseError::ParseError(int line, int column, const std::string& message)
    : std::runtime_error(std::to_string(line) + ":" + std::to_string(column) + ": error: " + message),
      line_(line),
      column_(column),
      message_(message) {}

namespace {

enum class Tok { Ident, Value, Number, String, Punct, End };

struct Token {
  Tok kind;
  std::string_view text;
  int line, column;
};

// Splits the text into tokens: identifiers (op names, dtypes, keywords),
// %values, numbers (including -inf), "strings", one-character punctuation. `//` starts
// a comment that runs to the end of the line.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : s_(text) {}

  Token next() {
    skip_blanks();
    size_t start = pos_;
    int column = static_cast<int>(start - line_start_) + 1;
    auto token = [&](Tok kind) { return Token{kind, s_.substr(start, pos_ - start), line_, column}; };
    if (pos_ == s_.size()) return token(Tok::End);
    char c = s_[pos_];
    if (c == '%') {
      ++pos_;
      while (pos_ < s_.size() && (is_word(s_[pos_]) || s_[pos_] == '.')) ++pos_;
      if (pos_ == start + 1) throw ParseError(line_, column, "expected a value name after '%'");
      return token(Tok::Value);
    }
    if (is_alpha(c)) {
      while (pos_ < s_.size() && is_word(s_[pos_])) ++pos_;
      return token(Tok::Ident);
    }
    if (is_digit(c) || c == '-') {
      // Greedy: the literal's reader says whether the spelling is a number.
      ++pos_;
      while (pos_ < s_.size() &&
             (is_word(s_[pos_]) || s_[pos_] == '.' ||
              ((s_[pos_] == '+' || s_[pos_] == '-') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E'))))
        ++pos_;
      return token(Tok::Number);
    }
    if (c == '"') {
      // A string runs to the next unescaped quote on the same line.
      for (++pos_; pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\n'; ++pos_)
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size() && s_[pos_ + 1] != '\n') ++pos_;
      if (pos_ == s_.size() || s_[pos_] != '"') throw ParseError(line_, column, "unterminated string");
      ++pos_;
      return token(Tok::String);
    }
    if (std::string_view("=,:[]{}()").find(c) != std::string_view::npos) {
      ++pos_;
      return token(Tok::Punct);
    }
    throw ParseError(line_, column, std::string("unexpected character '") + c + "'");
  }

 private:
  static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_word(char c) { return is_alpha(c) || is_digit(c); }

  void skip_blanks() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (s_.substr(pos_, 2) == "//") {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
};

const std::unordered_map<std::string_view, Op>& ops_by_name() {
  static const std::unordered_map<std::string_view, Op> map = {
#define KILN_OP(e, name, kind, arity) {name, Op::e},
#include "ir/ops.def"
#undef KILN_OP
  };
  return map;
}

std::optional<DType> dtype_by_name(std::string_view name) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (kDTypeInfo[i].ir_name == name) return static_cast<DType>(i);
  return std::nullopt;
}

// The attributes an op's line carries after its type, as the printer writes
// them: lists of integers, or one number (a literal or an offset).
enum class AttrKind { List, Scalar };
using AttrSpec = std::vector<std::pair<std::string_view, AttrKind>>;

AttrSpec attributes_of(Op op) {
  if (op == Op::Buffer || op == Op::AsStrided || op_kind(op) == OpKind::Gather || op_kind(op) == OpKind::Assign)
    return {{"strides", AttrKind::List}, {"offset", AttrKind::Scalar}};
  if (op_kind(op) == OpKind::Reduce) return {{"axes", AttrKind::List}};
  if (op == Op::Arange) return {{"start", AttrKind::Scalar}, {"step", AttrKind::Scalar}};
  if (op == Op::Linspace) return {{"start", AttrKind::Scalar}, {"end", AttrKind::Scalar}};
  return {};
}

struct Attr {
  Token at;     // the attribute's name
  Shape list;   // AttrKind::List
  Token value;  // AttrKind::Scalar: read once the dtype is known
};

class Parser {
 public:
  Parser(std::string_view text, const StorageAllocator& allocate) : lex_(text), allocate_(allocate) { advance(); }

  Graph graph() {
    if (!is_ident("graph")) fail(tok_, "expected 'graph'");
    advance();
    expect('{', "after 'graph'");
    while (!is_ident("return")) {
      if (tok_.kind != Tok::Value) fail(tok_, "expected a node ('%name = op ...') or 'return'");
      node();
    }
    advance();
    std::vector<NodePtr> roots;
    if (tok_.kind == Tok::Value) {
      roots.push_back(use());
      while (is_punct(',')) {
        advance();
        roots.push_back(use());
      }
    }
    expect('}', "after the returned values");
    if (tok_.kind != Tok::End) fail(tok_, "expected the end of the input after the graph");
    return Graph{std::move(nodes_), std::move(roots)};
  }

 private:
  [[noreturn]] static void fail(const Token& at, const std::string& message) {
    throw ParseError(at.line, at.column, message);
  }
  void advance() { tok_ = lex_.next(); }
  bool is_ident(std::string_view s) const { return tok_.kind == Tok::Ident && tok_.text == s; }
  bool is_punct(char c) const { return tok_.kind == Tok::Punct && tok_.text[0] == c; }
  void expect(char c, const char* where) {
    if (!is_punct(c)) fail(tok_, std::string("expected '") + c + "' " + where);
    advance();
  }

  // A use of a defined value.
  NodePtr use() {
    if (tok_.kind != Tok::Value) fail(tok_, "expected a value ('%name')");
    auto it = values_.find(tok_.text);
    if (it == values_.end()) fail(tok_, "use of undefined value '" + std::string(tok_.text) + "'");
    advance();
    return it->second;
  }

  int64_t integer(const Token& t) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (t.kind != Tok::Number || ec == std::errc::invalid_argument || end != t.text.data() + t.text.size())
      fail(t, "expected an integer, got '" + std::string(t.text) + "'");
    if (ec == std::errc::result_out_of_range) fail(t, "integer '" + std::string(t.text) + "' does not fit in 64 bits");
    return v;
  }

  // Integers exactly; floats in any strtod spelling (the printer writes the
  // shortest that reads back the same), nan, inf.
  Literal literal(const Token& t) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    if (t.text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (t.text == "inf") return kInf;
    if (t.text == "-inf") return -kInf;
    if (t.kind != Tok::Number) fail(t, "expected a number, got '" + std::string(t.text) + "'");
    if (t.text.find_first_of(".eE") == std::string_view::npos) return integer(t);
    double d = 0;
    auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), d);
    if (ec != std::errc() || end != t.text.data() + t.text.size())
      fail(t, "malformed number '" + std::string(t.text) + "'");
    return d;
  }

  // A literal's token, read once its dtype is known.
  Token number_token() {
    Token t = tok_;
    if (t.kind != Tok::Number && t.kind != Tok::Ident) fail(t, "expected a number, got '" + std::string(t.text) + "'");
    advance();
    return t;
  }

  Shape int_list(const char* what) {
    expect('[', what);
    Shape out;
    while (!is_punct(']')) {
      if (!out.empty()) expect(',', "between integers");
      out.push_back(integer(tok_));
      advance();
    }
    advance();
    return out;
  }

  // "f32[2,3]"
  std::pair<DType, Shape> type() {
    if (tok_.kind != Tok::Ident) fail(tok_, "expected a type such as 'f32[2,3]'");
    std::optional<DType> dtype = dtype_by_name(tok_.text);
    if (!dtype) fail(tok_, "unknown dtype '" + std::string(tok_.text) + "'");
    Token at = tok_;
    advance();
    Shape shape = int_list("after the dtype");
    int64_t count = 1;
    for (int64_t d : shape)
      if (d > 0 && __builtin_mul_overflow(count, d, &count)) fail(at, "the type has more than 2^63 elements");
    return {*dtype, std::move(shape)};
  }

  std::map<std::string_view, Attr> attributes(Op op) {
    std::map<std::string_view, Attr> out;
    if (!is_punct('{')) return out;
    AttrSpec spec = attributes_of(op);
    advance();
    while (!is_punct('}')) {
      if (!out.empty()) expect(',', "between attributes");
      Token name = tok_;
      auto it = std::find_if(spec.begin(), spec.end(), [&](const auto& s) { return s.first == name.text; });
      if (name.kind != Tok::Ident || it == spec.end())
        fail(name, "unknown attribute '" + std::string(name.text) + "' for '" + std::string(op_name(op)) + "'");
      if (out.count(name.text)) fail(name, "attribute '" + std::string(name.text) + "' given twice");
      advance();
      expect('=', "after the attribute name");
      Attr a{name, {}, tok_};
      if (it->second == AttrKind::List) {
        a.list = int_list("before the attribute's integers");
      } else {
        a.value = number_token();
      }
      out.emplace(name.text, std::move(a));
    }
    advance();
    return out;
  }

  // A node's provenance, `loc("file.cpp":42)`, when the line has one.
  std::optional<Loc> location() {
    if (!is_ident("loc")) return std::nullopt;
    advance();
    expect('(', "after 'loc'");
    if (tok_.kind != Tok::String) fail(tok_, "expected a quoted file name in 'loc'");
    std::string file;
    for (size_t i = 1; i + 1 < tok_.text.size(); ++i) {
      if (tok_.text[i] == '\\') ++i;
      file += tok_.text[i];
    }
    if (file.empty()) fail(tok_, "expected a file name in 'loc'");
    advance();
    expect(':', "after the file name in 'loc'");
    Token line_tok = tok_;
    int64_t line = tok_.kind == Tok::Number ? integer(line_tok) : 0;
    if (line < 1 || line > UINT32_MAX) fail(line_tok, "expected a line number (1 or more) in 'loc'");
    advance();
    expect(')', "after the line number in 'loc'");
    return Loc{intern_file(file), static_cast<uint32_t>(line)};
  }

  // Bytes a buffer needs for its view: up to the farthest element it reads.
  size_t view_bytes(DType dtype, const Shape& shape, const Shape& strides, int64_t offset, const Token& at) {
    int64_t last = offset;
    for (size_t d = 0; d < shape.size() && d < strides.size(); ++d) {
      if (shape[d] <= 0) return 0;  // empty (or invalid, for the verifier to name)
      int64_t span = 0;
      if (strides[d] > 0 &&
          (__builtin_mul_overflow(shape[d] - 1, strides[d], &span) || __builtin_add_overflow(last, span, &last)))
        fail(at, "the buffer's view reaches past 2^63 elements");
    }
    size_t bytes = 0;
    if (last < 0) return 0;
    if (__builtin_mul_overflow(static_cast<size_t>(last) + 1, itemsize(dtype), &bytes))
      fail(at, "the buffer's view reaches past 2^64 bytes");
    return bytes;
  }

  void node() {
    Token name = tok_;
    if (values_.count(name.text)) fail(name, "redefinition of value '" + std::string(name.text) + "'");
    advance();
    expect('=', "after the value name");
    Token op_tok = tok_;
    auto found = ops_by_name().find(op_tok.text);
    if (op_tok.kind != Tok::Ident || found == ops_by_name().end())
      fail(op_tok, "unknown op '" + std::string(op_tok.text) + "'");
    Op op = found->second;
    advance();
    std::vector<NodePtr> srcs;
    if (tok_.kind == Tok::Value) {
      srcs.push_back(use());
      while (is_punct(',')) {
        advance();
        srcs.push_back(use());
      }
    }
    if (static_cast<int>(srcs.size()) != op_arity(op))
      fail(op_tok, "'" + std::string(op_name(op)) + "' takes " + std::to_string(op_arity(op)) + " operand" +
                       (op_arity(op) == 1 ? "" : "s") + ", got " + std::to_string(srcs.size()));
    std::optional<Token> value;
    if (op == Op::Const) value = number_token();
    expect(':', srcs.empty() ? "before the result type" : "after operands");
    Token type_tok = tok_;
    auto [dtype, shape] = type();
    auto attrs = attributes(op);
    std::optional<Loc> loc = location();
    for (const auto& [attr, kind] : attributes_of(op))
      if (!attrs.count(attr))
        fail(op_tok, "'" + std::string(op_name(op)) + "' needs the attribute '" + std::string(attr) + "'");
    auto list = [&](std::string_view a) { return attrs.at(a).list; };
    auto scalar = [&](std::string_view a) { return literal(attrs.at(a).value); };
    auto offset = [&] { return integer(attrs.at("offset").value); };
    if ((op == Op::Arange || op == Op::Linspace) && shape.size() != 1)
      fail(type_tok, "'" + std::string(op_name(op)) + "' has a 1-d type");

    NodePtr n;
    switch (op_kind(op)) {
      case OpKind::Source:
        if (op == Op::Buffer) {
          Shape strides = list("strides");
          int64_t off = offset();
          size_t bytes = view_bytes(dtype, shape, strides, off, type_tok);
          n = make_buffer(dtype, shape, allocate_(bytes), std::move(strides), off);
        } else if (op == Op::Const) {
          n = make_const(dtype, literal(*value));
        } else if (op == Op::Arange) {
          n = make_arange(dtype, shape[0], scalar("start"), scalar("step"));
        } else {
          n = make_linspace(dtype, shape[0], scalar("start"), scalar("end"));
        }
        break;
      case OpKind::Unary:
        n = make_unary(op, dtype, srcs[0]);
        break;
      case OpKind::Binary:
      case OpKind::Compare:
        n = make_binary(op, srcs[0], srcs[1]);
        break;
      case OpKind::Ternary:
        n = make_where(srcs[0], srcs[1], srcs[2]);
        break;
      case OpKind::Reduce:
        n = make_reduce(op, dtype, srcs[0], list("axes"));
        break;
      case OpKind::Movement:
        n = op == Op::AsStrided ? make_as_strided(srcs[0], shape, list("strides"), offset())
                                : make_movement(op, srcs[0], shape);
        break;
      case OpKind::Gather:
        n = make_gather(srcs[0], srcs[1], list("strides"), offset());
        break;
      case OpKind::Assign:
        n = op == Op::Assign ? make_assign(srcs[0], srcs[1], list("strides"), offset())
                             : make_scatter(srcs[0], srcs[1], srcs[2], list("strides"), offset());
        break;
    }
    n->loc = loc.value_or(Loc{});
    if (auto err = verify_node(*n)) fail(name, *err);
    if (n->dtype != dtype || n->shape != shape)
      fail(type_tok, "the result of '" + std::string(op_name(op)) + "' here is " + type_string(n->dtype, n->shape) +
                         ", not " + type_string(dtype, shape));
    nodes_.push_back(n);
    values_.emplace(name.text, std::move(n));
  }

  Lexer lex_;
  const StorageAllocator& allocate_;
  Token tok_{};
  std::unordered_map<std::string_view, NodePtr> values_;
  std::vector<NodePtr> nodes_;  // in text order
};

}  // namespace

std::vector<NodePtr> parse_graph(std::string_view text, const StorageAllocator& allocate) {
  return Parser(text, allocate).graph().roots;
}

Graph parse_graph_nodes(std::string_view text, const StorageAllocator& allocate) {
  return Parser(text, allocate).graph();
}

}  // namespace kiln::ir
