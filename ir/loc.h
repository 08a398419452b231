// Provenance: where in the user's program a node was recorded.
//
// The frontend sets the location of the public call being recorded (the
// outermost one: kiln's own calls inside it do not replace it), and every
// node made meanwhile takes it. Passes give the nodes they build the
// location of the node they replace; the printer writes it as
// `loc("file.cpp":42)` and the parser reads it back; kernel dumps list the
// lines fused into each kernel.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiln::ir {

// A file (static storage: std::source_location's, or interned by the
// parser) and a 1-based line; no file means unknown. Copied into every node,
// so recording it costs no allocation.
struct Loc {
  const char* file = nullptr;
  uint32_t line = 0;

  bool known() const { return file != nullptr; }
  friend bool operator==(const Loc& a, const Loc& b);
};

// "name.cpp:42": the file's last path component, so text does not depend on
// where the program was built.
std::string to_string(const Loc& loc);
std::string_view file_basename(const char* file);

// `file` with static storage duration (the parser's file names).
const char* intern_file(std::string_view file);

namespace detail {
// The current location, per thread. It is read for every node made, so it
// is inline and initial-exec: one load relative to the thread pointer, no
// call to __tls_get_addr (its 16 bytes fit glibc's static TLS reserve even
// when libkiln is dlopen'ed).
extern constinit thread_local Loc current __attribute__((tls_model("initial-exec")));
}  // namespace detail

// The location nodes made now take; unknown outside any recording call.
inline Loc current_loc() noexcept { return detail::current; }

// Makes `loc` the current location until the scope ends. KeepOuter (the
// frontend's public calls): only when none is current; otherwise an outer
// public call is recording, and its location stays, so nodes that kiln's
// own implementation makes are attributed to the user's line. Replace (the
// passes): always, for the nodes built in place of a node of that location.
class LocScope {
 public:
  enum Mode { KeepOuter, Replace };
  explicit LocScope(Loc loc, Mode mode = KeepOuter) noexcept : saved_(detail::current) {
    if (mode == Replace || !saved_.known()) detail::current = loc;
  }
  ~LocScope() { detail::current = saved_; }
  LocScope(const LocScope&) = delete;
  LocScope& operator=(const LocScope&) = delete;

 private:
  Loc saved_;
};

}  // namespace kiln::ir
