// Helpers shared by the unit tests.
#pragma once

#include <gtest/gtest.h>
#include <kiln/kiln.h>

#include <type_traits>
#include <typeinfo>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiln::testing {

// The dtype PyTorch names `name` ("float32"); fails the test for others.
ScalarType dtype_named(const std::string& name);

// The name of a kiln exception's dynamic type, for failure messages.
std::string kind_of(const Error& e);

template <typename E>
std::string kind_name() {
  if constexpr (std::is_same_v<E, IndexError>) return "kiln::IndexError";
  if constexpr (std::is_same_v<E, ValueError>) return "kiln::ValueError";
  if constexpr (std::is_same_v<E, TypeError>) return "kiln::TypeError";
  if constexpr (std::is_same_v<E, NotImplementedError>) return "kiln::NotImplementedError";
  return "kiln::Error";
}

// Whether `f` throws exactly E (not a subclass: PyTorch's RuntimeError is
// kiln::Error itself) with exactly `expected` as what().
template <typename E>
::testing::AssertionResult throws(const std::function<void()>& f, const std::string& expected) {
  try {
    f();
  } catch (const Error& e) {
    if (typeid(e) != typeid(E)) {
      return ::testing::AssertionFailure() << "threw " << kind_of(e) << " (\"" << e.what() << "\"), expected "
                                           << kind_name<E>() << " (\"" << expected << "\")";
    }
    if (e.what() != expected) {
      return ::testing::AssertionFailure()
             << kind_of(e) << " text\n    actual: \"" << e.what() << "\"\n  expected: \"" << expected << "\"";
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-kiln exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "threw nothing, expected " << kind_name<E>() << " (\"" << expected << "\")";
}

// Runs the body with the given backend selected, then restores the previous.
class BackendScope {
 public:
  explicit BackendScope(debug::Backend b) : saved_(debug::backend()) { debug::set_backend(b); }
  ~BackendScope() { debug::set_backend(saved_); }
  BackendScope(const BackendScope&) = delete;
  BackendScope& operator=(const BackendScope&) = delete;

 private:
  debug::Backend saved_;
};

// A test fixture run once per engine: TEST_P(Fixture, ...) with
// `class Fixture : public testing::EngineTest {};` and
// KILN_INSTANTIATE_FOR_ENGINES(Fixture). The JIT run is skipped in a build
// without LLVM.
class EngineTest : public ::testing::TestWithParam<debug::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == debug::Backend::Jit && !debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
    scope_.emplace(GetParam());
  }

 private:
  std::optional<BackendScope> scope_;
};

#define KILN_INSTANTIATE_FOR_ENGINES(fixture)                                                                \
  INSTANTIATE_TEST_SUITE_P(Engines, fixture,                                                                \
                           ::testing::Values(::kiln::debug::Backend::Interpreter, ::kiln::debug::Backend::Jit), \
                           [](const auto& info) { return info.param == ::kiln::debug::Backend::Jit ? "jit" : "interpreter"; })

// A realized tensor of `shape` and `dtype` whose element i is value(i).
Tensor make_tensor(const std::vector<int64_t>& shape, ScalarType dtype, const std::function<double(int64_t)>& value);

// Integers -5..5 in a pattern that repeats every 11 elements: exact in
// every dtype, and sums of them are exact too.
inline double wobble(int64_t i) { return static_cast<double>((i * 7 + 3) % 11) - 5.0; }

// The elements of a realized tensor, row-major, as doubles.
std::vector<double> values_of(const Tensor& t);

// Golden-file elements: floats as the hex of their bits, integers and bool
// in decimal. A realized tensor of `shape` (1-d when empty) from such texts,
// and the texts of a tensor's elements, row-major.
Tensor from_texts(ScalarType t, const std::vector<std::string>& texts, std::vector<int64_t> shape = {-1});
std::vector<std::string> texts_of(const Tensor& t);

// Builds the tensor with `make` once under the interpreter and twice under
// the JIT (the second realization replays the first's cached plan) and
// checks dtype, shape and values agree: bit-exact (NaN equal to
// NaN) unless `rel_tol` allows rounding differences (reductions).
void expect_jit_matches_interpreter(const std::function<Tensor()>& make, double rel_tol = 0.0);

// The printed kernels that would realize `t`, in order (without realizing it).
std::vector<std::string> kernels_of(const Tensor& t);

}  // namespace kiln::testing
