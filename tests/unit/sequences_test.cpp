// Random programs of views, in-place writes, out-of-place results and reads
// against PyTorch 1.13 (tests/golden/sequences.txt, written by
// gen_sequences.py, which describes the op language). kiln records lazily
// and functionalizes writes; these check that a value recorded before a
// write keeps the old values however late it is read, that a write through
// any view shows through the base and every other view, that realizing one
// tensor changes no other, and that a call that throws changes nothing:
// every read's dtype, sizes, strides, offset and values and every error's
// kind and text, in both engines. A failure names the program and the line.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <optional>
#include <sstream>
#include <tuple>

#include "golden_cases.h"
#include "test_util.h"

namespace kiln {
namespace {

using indexing::TensorIndex;

struct Line {
  int number = 0;  // in sequences.txt
  std::vector<std::string> words;
};

struct Program {
  std::string name;  // "program 12 lazy"
  std::vector<Line> lines;
};

std::vector<Program> read_programs() {
  std::ifstream in(std::string(KILN_SOURCE_DIR) + "/tests/golden/sequences.txt");
  EXPECT_TRUE(in.good()) << "cannot read tests/golden/sequences.txt";
  std::vector<Program> programs;
  int number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    Line line{number, {}};
    std::istringstream words(text);
    for (std::string w; words >> w;) line.words.push_back(w);
    if (line.words.empty()) continue;
    if (line.words[0] == "program") {
      programs.push_back({text, {}});
    } else if (line.words[0] == "err") {
      line.words = {"err", line.words.at(1), text.substr(text.find(line.words[1]) + line.words[1].size() + 1)};
      programs.back().lines.push_back(line);
    } else if (line.words[0] != "end") {
      programs.back().lines.push_back(line);
    }
  }
  return programs;
}

// --- Arguments (the grammar: gen_sequences.py) ---

int64_t integer(const std::string& w) { return std::stoll(w); }

std::optional<int64_t> optional(const std::string& w) {
  if (w == "_") return std::nullopt;
  return integer(w);
}

std::vector<int64_t> list(const std::string& w) {
  std::vector<int64_t> out;
  std::istringstream items(w.substr(1, w.size() - 2));
  for (std::string v; std::getline(items, v, ',');) out.push_back(integer(v));
  return out;
}

std::vector<int64_t> shape(const std::string& w) {
  std::vector<int64_t> out;
  if (w == "-") return out;
  std::istringstream dims(w);
  for (std::string d; std::getline(dims, d, 'x');) out.push_back(integer(d));
  return out;
}

Scalar scalar(const std::string& w) {
  std::string v = w.substr(2);
  if (w[0] == 'i') return Scalar(integer(v));
  if (w[0] == 'f') return Scalar(std::stod(v));
  return Scalar(v != "0");
}

using Env = std::map<std::string, Tensor>;

std::vector<TensorIndex> index_list(const std::string& w, const Env& env) {
  std::vector<TensorIndex> out;
  std::istringstream items(w);
  for (std::string item; std::getline(items, item, ',');) {
    if (env.count(item) != 0) {
      out.emplace_back(env.at(item));  // an index tensor or mask
    } else if (item == "N") {
      out.emplace_back(indexing::None);
    } else if (item == "E") {
      out.emplace_back(indexing::Ellipsis);
    } else if (item.find(':') == std::string::npos) {
      out.emplace_back(integer(item));
    } else {
      std::vector<std::optional<int64_t>> parts;
      std::istringstream bounds(item + ":");  // a trailing ':' keeps an empty last part
      for (std::string p; std::getline(bounds, p, ':');) parts.push_back(p.empty() ? std::nullopt : optional(p));
      parts.resize(3);
      out.emplace_back(indexing::Slice(parts[0], parts[1], parts[2]));
    }
  }
  return out;
}

// The failures recorded so far in the running test.
int failures() { return ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count(); }

// --- The interpreter ---

class Runner {
 public:
  explicit Runner(const Program& p) : program_(p) {}

  // Runs every step, stopping at the first mismatch (later ones would follow from it).
  void run() {
    const std::vector<Line>& lines = program_.lines;
    int before = failures();
    for (pos_ = 0; pos_ < lines.size() && failures() == before;) {
      const Line& step = lines[pos_++];
      SCOPED_TRACE(program_.name + ", line " + std::to_string(step.number));
      const std::vector<std::string>& w = step.words;
      if (w[0] == "new") {
        env_[w[1]] = testing::from_texts(testing::dtype_named(w[2]), {w.begin() + 4, w.end()}, shape(w[3]));
      } else if (w[0] == "read" || w[0] == "readall") {
        read({w.begin() + 1, w.end()}, w[0] == "readall");
      } else if (w.size() > 2 && w[1] == "=") {
        attempt([&] {
          Tensor t = compute(w[2], env_.at(w[3]), {w.begin() + 4, w.end()});
          env_[w[0]] = t;
          if (w[2] == "sum" || w[2] == "mean") approximate_.insert(w[0]);
        });
      } else if (w[0] == "do") {
        attempt([&] { write(w[1], env_.at(w[2]), {w.begin() + 3, w.end()}); });
      } else {
        FAIL() << "unknown step " << w[0];
      }
    }
  }

 private:
  // Runs the step: it must throw the error on the next line, if there is one.
  void attempt(const std::function<void()>& f) {
    const std::vector<Line>& lines = program_.lines;
    if (pos_ < lines.size() && lines[pos_].words[0] == "err") {
      testing::GoldenCase c;
      c.error_kind = lines[pos_].words[1];
      c.error = lines[pos_].words[2];
      ++pos_;
      EXPECT_TRUE(testing::throws_golden(f, c));
      return;
    }
    try {
      f();
    } catch (const Error& e) {
      ADD_FAILURE() << "threw " << testing::kind_of(e) << ": " << e.what();
    }
  }

  void read(const std::vector<std::string>& names, bool together) {
    if (together) {
      std::vector<Tensor> all;
      for (const std::string& n : names) all.push_back(env_.at(n));
      kiln::realize(all);
    }
    for (const std::string& n : names) {
      const Line& expected = program_.lines.at(pos_++);
      const std::vector<std::string>& w = expected.words;
      ASSERT_EQ(w.at(0), "=") << "line " << expected.number;
      const Tensor& t = env_.at(n);
      testing::GoldenTensor g{testing::dtype_named(w[1]), shape(w[2]), {w.begin() + 5, w.end()}, std::nullopt};
      // Reductions may add in another order than PyTorch's.
      double tol = approximate_.count(n) ? 1e-3 : 0.0;
      EXPECT_TRUE(testing::matches_golden(t, g, tol)) << n << " (line " << expected.number << ")";
      EXPECT_EQ(t.strides().vec(), w[3] == "-" ? std::vector<int64_t>{} : list("[" + w[3] + "]"))
          << n << ": strides (line " << expected.number << ")";
      EXPECT_EQ(t.storage_offset(), integer(w[4])) << n << ": storage offset (line " << expected.number << ")";
    }
  }

  bool is_tensor(const std::string& w) const { return env_.count(w) != 0; }

  // A view or an out-of-place result of `x`.
  Tensor compute(const std::string& op, const Tensor& x, const std::vector<std::string>& a) {
    if (op == "view") return x.view(IntArrayRef(list(a[0])));
    if (op == "reshape") return x.reshape(IntArrayRef(list(a[0])));
    if (op == "flatten") return x.flatten(integer(a[0]), integer(a[1]));
    if (op == "permute") return x.permute(IntArrayRef(list(a[0])));
    if (op == "transpose") return x.transpose(integer(a[0]), integer(a[1]));
    if (op == "t") return x.t();
    if (op == "squeeze") return a.empty() ? x.squeeze() : x.squeeze(integer(a[0]));
    if (op == "unsqueeze") return x.unsqueeze(integer(a[0]));
    if (op == "expand") return x.expand(IntArrayRef(list(a[0])));
    if (op == "narrow") return x.narrow(integer(a[0]), integer(a[1]), integer(a[2]));
    if (op == "select") return x.select(integer(a[0]), integer(a[1]));
    if (op == "slice") return x.slice(integer(a[0]), optional(a[1]), optional(a[2]), integer(a[3]));
    if (op == "chunk") return x.chunk(integer(a[0]), integer(a[1])).at(integer(a[2]));
    if (op == "split") return x.split(integer(a[0]), integer(a[1])).at(integer(a[2]));
    if (op == "index") return x.index(index_list(a[0], env_));
    if (op == "contiguous") return x.contiguous();
    if (op == "clone") return x.clone();
    if (op == "detach") return x.detach();
    if (op == "neg") return x.neg();
    if (op == "abs") return x.abs();
    if (op == "relu") return x.relu();
    if (op == "sum") return x.sum();
    if (op == "mean") return x.mean();
    if (op == "gt") return x.gt(scalar(a[0]));
    if (op == "lt") return x.lt(scalar(a[0]));
    if (op == "cat" || op == "stack") {
      TensorList all{x};
      for (size_t k = 0; k + 1 < a.size(); ++k) all.push_back(env_.at(a[k]));
      return op == "cat" ? cat(all, integer(a.back())) : stack(all, integer(a.back()));
    }
    if (op == "masked_fill") {
      return is_tensor(a[1]) ? x.masked_fill(env_.at(a[0]), env_.at(a[1])) : x.masked_fill(env_.at(a[0]), scalar(a[1]));
    }
    bool t = is_tensor(a.at(0));
    if (op == "add") return t ? x.add(env_.at(a[0])) : x.add(scalar(a[0]));
    if (op == "sub") return t ? x.sub(env_.at(a[0])) : x.sub(scalar(a[0]));
    if (op == "mul") return t ? x.mul(env_.at(a[0])) : x.mul(scalar(a[0]));
    if (op == "div") return t ? x.div(env_.at(a[0])) : x.div(scalar(a[0]));
    ADD_FAILURE() << "unknown op " << op;
    return x;
  }

  // An in-place write into `x`.
  void write(const std::string& op, const Tensor& x, const std::vector<std::string>& a) {
    if (op == "relu_") {
      x.relu_();
    } else if (op == "zero_") {
      x.zero_();
    } else if (op == "clamp_") {
      auto bound = [](const std::string& w) { return w == "_" ? std::nullopt : std::optional<Scalar>(scalar(w)); };
      x.clamp_(bound(a[0]), bound(a[1]));
    } else if (op == "copy_") {
      x.copy_(env_.at(a[0]));
    } else if (op == "index_put_") {
      if (is_tensor(a[1])) {
        x.index_put_(index_list(a[0], env_), env_.at(a[1]));
      } else {
        x.index_put_(index_list(a[0], env_), scalar(a[1]));
      }
    } else if (op == "masked_fill_") {
      is_tensor(a[1]) ? x.masked_fill_(env_.at(a[0]), env_.at(a[1])) : x.masked_fill_(env_.at(a[0]), scalar(a[1]));
    } else if (op == "fill_") {
      is_tensor(a[0]) ? x.fill_(env_.at(a[0])) : x.fill_(scalar(a[0]));
    } else {
      bool t = is_tensor(a.at(0));
      if (op == "add_") t ? x.add_(env_.at(a[0])) : x.add_(scalar(a[0]));
      else if (op == "sub_") t ? x.sub_(env_.at(a[0])) : x.sub_(scalar(a[0]));
      else if (op == "mul_") t ? x.mul_(env_.at(a[0])) : x.mul_(scalar(a[0]));
      else if (op == "div_") t ? x.div_(env_.at(a[0])) : x.div_(scalar(a[0]));
      else if (op == "pow_") t ? x.pow_(env_.at(a[0])) : x.pow_(scalar(a[0]));
      else ADD_FAILURE() << "unknown write " << op;
    }
  }

  const Program& program_;
  size_t pos_ = 0;
  Env env_;
  std::set<std::string> approximate_;  // reduction results
};

// The programs run in parts, each a test of its own, so that the test
// shards (tests/CMakeLists.txt) share the JIT's compiles evenly.
constexpr size_t kParts = 8;

class Sequences : public ::testing::TestWithParam<std::tuple<debug::Backend, size_t>> {
 protected:
  void SetUp() override {
    debug::Backend engine = std::get<0>(GetParam());
    if (engine == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
    scope_.emplace(engine);
  }

 private:
  std::optional<testing::BackendScope> scope_;
};

TEST_P(Sequences, Golden) {
  static const std::vector<Program> programs = read_programs();
  ASSERT_GE(programs.size(), 1000u);
  std::string failed;
  for (size_t i = std::get<1>(GetParam()); i < programs.size(); i += kParts) {
    const Program& p = programs[i];
    int before = failures();
    try {
      Runner(p).run();
    } catch (const std::exception& e) {  // a malformed line: fail this program, not the test
      ADD_FAILURE() << p.name << " threw " << e.what();
    }
    if (failures() != before) failed += "\n  " + p.name;
  }
  EXPECT_TRUE(failed.empty()) << "failing programs:" << failed;
}

INSTANTIATE_TEST_SUITE_P(Engines, Sequences,
                         ::testing::Combine(::testing::Values(debug::Backend::Interpreter, debug::Backend::Jit),
                                            ::testing::Range(size_t{0}, kParts)),
                         [](const auto& info) {
                           bool jit = std::get<0>(info.param) == debug::Backend::Jit;
                           return std::string(jit ? "jit" : "interpreter") + "_part" +
                                  std::to_string(std::get<1>(info.param));
                         });

}  // namespace
}  // namespace kiln
