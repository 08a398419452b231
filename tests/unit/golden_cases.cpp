#include "golden_cases.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <typeinfo>

#include "test_util.h"

namespace kiln::testing {

namespace {

GoldenTensor parse_tensor(std::istringstream& in) {
  GoldenTensor g;
  std::string dtype, shape;
  in >> dtype >> shape;
  g.dtype = dtype_named(dtype);
  if (shape != "-") {
    std::istringstream dims(shape);
    for (std::string d; std::getline(dims, d, 'x');) g.shape.push_back(std::stoll(d));
  }
  for (std::string b; in >> b;) g.bits.push_back(b);
  return g;
}

// "meta <strides|-> <offset> <is_contiguous> <aliases_input>"
GoldenLayout parse_layout(std::istringstream& in) {
  GoldenLayout l;
  std::string strides;
  in >> strides >> l.storage_offset >> l.is_contiguous >> l.aliases_input;
  if (strides != "-") {
    std::istringstream each(strides);
    for (std::string s; std::getline(each, s, ',');) l.strides.push_back(std::stoll(s));
  }
  return l;
}

double value_of(const std::string& text, ScalarType t) { return values_of(from_texts(t, {text}))[0]; }

}  // namespace

std::optional<std::string> GoldenCase::arg(const std::string& key) const {
  for (const std::string& a : args)
    if (a.compare(0, key.size() + 1, key + "=") == 0) return a.substr(key.size() + 1);
  return std::nullopt;
}

std::string GoldenCase::where() const {
  std::string s = "line " + std::to_string(line) + ": " + op;
  for (const std::string& a : args) s += " " + a;
  return s;
}

std::vector<GoldenCase> read_golden_cases(const std::string& file) {
  std::ifstream in(std::string(KILN_SOURCE_DIR) + "/tests/golden/" + file);
  EXPECT_TRUE(in.good()) << "cannot read tests/golden/" << file;
  std::vector<GoldenCase> cases;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "case") {
      cases.emplace_back();
      cases.back().line = number;
      words >> cases.back().op;
      for (std::string a; words >> a;) cases.back().args.push_back(a);
    } else if (kind == "in") {
      cases.back().inputs.push_back(parse_tensor(words));
    } else if (kind == "out") {
      cases.back().outputs.push_back(parse_tensor(words));
    } else if (kind == "meta") {
      cases.back().outputs.back().layout = parse_layout(words);
    } else if (kind == "err") {
      words >> cases.back().error_kind;
      std::getline(words >> std::ws, cases.back().error);
    }
  }
  return cases;
}

Tensor tensor_of(const GoldenTensor& g) { return from_texts(g.dtype, g.bits, g.shape); }

::testing::AssertionResult matches_golden(const Tensor& actual, const GoldenTensor& expected, double rel_tol) {
  if (actual.scalar_type() != expected.dtype) {
    return ::testing::AssertionFailure() << "dtype " << actual.scalar_type() << ", expected " << expected.dtype;
  }
  if (actual.sizes().vec() != expected.shape) {
    return ::testing::AssertionFailure() << "shape " << actual.sizes() << ", expected " << Sizes(expected.shape);
  }
  std::vector<std::string> got = texts_of(actual);
  ScalarType t = expected.dtype;
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i] == expected.bits[i]) continue;
    if (ir::is_floating(t)) {
      double g = value_of(got[i], t), e = value_of(expected.bits[i], t);
      if (std::isnan(g) && std::isnan(e)) continue;
      if (rel_tol > 0 && std::fabs(g - e) <= rel_tol * std::max(1.0, std::fabs(e))) continue;
      return ::testing::AssertionFailure() << "element " << i << " is " << g << " (" << got[i] << "), expected " << e
                                           << " (" << expected.bits[i] << ")";
    }
    return ::testing::AssertionFailure() << "element " << i << " is " << got[i] << ", expected " << expected.bits[i];
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult throws_golden(const std::function<void()>& f, const GoldenCase& c) {
  if (c.error_kind == "IndexError") return throws<IndexError>(f, c.error);
  if (c.error_kind == "ValueError") return throws<ValueError>(f, c.error);
  if (c.error_kind == "TypeError") return throws<TypeError>(f, c.error);
  if (c.error_kind == "NotImplementedError") return throws<NotImplementedError>(f, c.error);
  return throws<Error>(f, c.error);
}

std::optional<Tensor> run_case(const GoldenCase& c, const std::function<Tensor()>& f) {
  if (!c.error_kind.empty()) {
    EXPECT_TRUE(throws_golden([&] { f(); }, c)) << c.where();
    return std::nullopt;
  }
  try {
    return f();
  } catch (const Error& e) {
    ADD_FAILURE() << c.where() << ": threw " << e.what();
    return std::nullopt;
  }
}

std::vector<indexing::TensorIndex> parse_index(const std::string& token, const std::vector<Tensor>& tensors) {
  std::vector<indexing::TensorIndex> out;
  std::istringstream in(token);
  for (std::string p; std::getline(in, p, ',');) {
    if (p == "None") {
      out.emplace_back(indexing::None);
    } else if (p == "...") {
      out.emplace_back(indexing::Ellipsis);
    } else if (p == "True" || p == "False") {
      out.emplace_back(p == "True");
    } else if (p.front() == 'T') {
      out.emplace_back(tensors.at(std::stoul(p.substr(1))));
    } else if (p.find(':') != std::string::npos) {
      std::optional<int64_t> bounds[3];
      std::istringstream parts(p);
      std::string b;
      for (int k = 0; k < 3 && std::getline(parts, b, ':'); ++k)
        if (!b.empty()) bounds[k] = std::stoll(b);
      out.emplace_back(indexing::Slice(bounds[0], bounds[1], bounds[2]));
    } else {
      out.emplace_back(std::stoll(p));
    }
  }
  return out;
}

}  // namespace kiln::testing
