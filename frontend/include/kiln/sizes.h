// The sizes of a tensor: iterable, indexable, comparable, printable as
// "[2, 3]" (libtorch's IntArrayRef), and as "torch.Size([2, 3])" via repr().
#pragma once

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace kiln {

class Sizes {
 public:
  Sizes() = default;
  explicit Sizes(std::vector<int64_t> v) : v_(std::move(v)) {}
  Sizes(std::initializer_list<int64_t> v) : v_(v) {}
  // One size (libtorch's IntArrayRef converts from one element too), so
  // that sum(1) and sum({0, 1}) both name dims.
  Sizes(int64_t one) : v_{one} {}  // NOLINT(google-explicit-constructor)

  size_t size() const { return v_.size(); }
  bool empty() const { return v_.empty(); }
  int64_t operator[](size_t i) const { return v_[i]; }
  auto begin() const { return v_.begin(); }
  auto end() const { return v_.end(); }
  const std::vector<int64_t>& vec() const { return v_; }
  bool operator==(const Sizes& o) const = default;
  // "torch.Size([2, 3])"
  std::string repr() const;

 private:
  std::vector<int64_t> v_;
};

std::ostream& operator<<(std::ostream& os, const Sizes& s);

// libtorch's name for a list of sizes or dims.
using IntArrayRef = Sizes;

}  // namespace kiln
