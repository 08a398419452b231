// libtorch's tensor indexing: t.index({0, Slice(1, None), None, Ellipsis})
// is Python's t[0, 1:, None, ...]. Integers, slices, None, Ellipsis and
// bools give views (basic indexing).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>

namespace kiln {

class Tensor;

namespace indexing {

struct EllipsisIndexType {};
inline constexpr EllipsisIndexType Ellipsis{};
inline constexpr std::nullopt_t None = std::nullopt;

// start:stop:step; an absent bound is the start or end, as in Python.
class Slice {
 public:
  Slice(std::optional<int64_t> start = std::nullopt, std::optional<int64_t> stop = std::nullopt,
        std::optional<int64_t> step = std::nullopt)
      : start_(start), stop_(stop), step_(step.value_or(1)) {}
  std::optional<int64_t> start() const { return start_; }
  std::optional<int64_t> stop() const { return stop_; }
  int64_t step() const { return step_; }

 private:
  std::optional<int64_t> start_, stop_;
  int64_t step_;
};

class TensorIndex {
 public:
  enum class Kind { Integer, Boolean, Slice, None, Ellipsis, Tensor };

  TensorIndex(std::nullopt_t) : kind_(Kind::None) {}               // NOLINT(google-explicit-constructor)
  TensorIndex(EllipsisIndexType) : kind_(Kind::Ellipsis) {}        // NOLINT(google-explicit-constructor)
  TensorIndex(Slice s) : kind_(Kind::Slice), slice_(s) {}          // NOLINT(google-explicit-constructor)
  TensorIndex(bool b) : kind_(Kind::Boolean), integer_(b) {}       // NOLINT(google-explicit-constructor)
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  TensorIndex(T i) : kind_(Kind::Integer), integer_(static_cast<int64_t>(i)) {}  // NOLINT
  TensorIndex(const Tensor& t);                                    // NOLINT(google-explicit-constructor)

  Kind kind() const { return kind_; }
  int64_t integer() const { return integer_; }
  bool boolean() const { return integer_ != 0; }
  const Slice& slice() const { return slice_; }
  const Tensor& tensor() const { return *tensor_; }

 private:
  Kind kind_;
  int64_t integer_ = 0;
  Slice slice_;
  std::shared_ptr<const Tensor> tensor_;
};

}  // namespace indexing
}  // namespace kiln
