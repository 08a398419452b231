// kiln's exceptions. The message text is PyTorch's, so code and people that
// know PyTorch's errors recognize them. `Error` itself plays the part of
// Python's RuntimeError (what most PyTorch errors are).
#pragma once

#include <exception>
#include <string>

namespace kiln {

class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

class IndexError : public Error {
 public:
  using Error::Error;
};

class ValueError : public Error {
 public:
  using Error::Error;
};

class TypeError : public Error {
 public:
  using Error::Error;
};

// A feature kiln does not have yet. Never silently wrong: it says so.
class NotImplementedError : public Error {
 public:
  using Error::Error;
};

}  // namespace kiln
