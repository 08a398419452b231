// Golden op cases written by tests/golden/golden_cases.py: each case names
// an op and its arguments, gives the input tensors bit for bit, and either
// PyTorch's result tensors (with their strides, storage offset and aliasing
// where the op makes views) or the error it raised.
#pragma once

#include <gtest/gtest.h>
#include <kiln/kiln.h>

#include <optional>
#include <string>
#include <vector>

namespace kiln::testing {

// How PyTorch laid out a result that may be a view (a `meta` line).
struct GoldenLayout {
  std::vector<int64_t> strides;
  int64_t storage_offset = 0;
  bool is_contiguous = true;
  bool aliases_input = false;  // shares the first input's memory
};

struct GoldenTensor {
  ScalarType dtype = kFloat32;
  std::vector<int64_t> shape;
  std::vector<std::string> bits;  // per element, as test_util's from_texts reads them
  std::optional<GoldenLayout> layout;  // for results only, when the file gives it
};

struct GoldenCase {
  int line = 0;  // of the `case` line, for failure messages
  std::string op;
  std::vector<std::string> args;
  std::vector<GoldenTensor> inputs;
  std::vector<GoldenTensor> outputs;
  std::string error_kind;  // PyTorch's exception name, when it raised one
  std::string error;
  // The value of argument `key=value`, if present.
  std::optional<std::string> arg(const std::string& key) const;
  std::string where() const;
};

// The cases of tests/golden/<file>.
std::vector<GoldenCase> read_golden_cases(const std::string& file);

// A realized tensor holding exactly the golden elements (test_util's
// from_texts; texts_of reads them back).
Tensor tensor_of(const GoldenTensor& g);

// Whether `actual` has the golden dtype and shape and its elements: equal
// bits (any NaN matching any NaN), or for floats within `rel_tol` of the
// expected value relative to max(1, |expected|) when rel_tol > 0.
::testing::AssertionResult matches_golden(const Tensor& actual, const GoldenTensor& expected, double rel_tol = 0.0);

// Runs case `c`'s computation `f`. When PyTorch raised, expects `f` to throw
// the same error and returns nullopt; otherwise returns f's result, or
// nullopt after reporting the kiln error it threw.
std::optional<Tensor> run_case(const GoldenCase& c, const std::function<Tensor()>& f);

// An index token of gen_indexing.py / gen_advanced_indexing.py
// ("0,1:3,None,...,True,T0") as libtorch's indices; T<k> is tensors[k].
std::vector<indexing::TensorIndex> parse_index(const std::string& token, const std::vector<Tensor>& tensors = {});

// Whether `f` throws the kiln error matching PyTorch's exception kind with
// exactly PyTorch's message.
::testing::AssertionResult throws_golden(const std::function<void()>& f, const GoldenCase& c);

}  // namespace kiln::testing
