#include "ir/loc.h"

#include <cstring>
#include <mutex>
#include <unordered_set>

namespace kiln::ir {

namespace detail {
constinit thread_local Loc current;
}  // namespace detail

bool operator==(const Loc& a, const Loc& b) {
  if (a.line != b.line || a.known() != b.known()) return false;
  return !a.known() || a.file == b.file || std::strcmp(a.file, b.file) == 0;
}

std::string_view file_basename(const char* file) {
  std::string_view f = file ? file : "";
  size_t slash = f.find_last_of("/\\");
  return slash == std::string_view::npos ? f : f.substr(slash + 1);
}

std::string to_string(const Loc& loc) {
  if (!loc.known()) return "?";
  return std::string(file_basename(loc.file)) + ":" + std::to_string(loc.line);
}

const char* intern_file(std::string_view file) {
  static std::mutex mu;
  static std::unordered_set<std::string> files;  // nodes are stable: c_str() stays valid
  std::lock_guard<std::mutex> lock(mu);
  return files.emplace(file).first->c_str();
}

}  // namespace kiln::ir
