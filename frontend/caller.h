// The frontend's side of provenance (kiln/caller.h): a public call makes
// its caller's line the location of the nodes recorded until it returns.
#pragma once

#include <kiln/caller.h>

#include "ir/loc.h"

namespace kiln::frontend {

// Scoped to a public function's body; an outer public call's line wins
// (ir::LocScope::KeepOuter).
class AtCaller {
 public:
  explicit AtCaller(const Caller& c) noexcept
      : scope_(ir::Loc{c.where.file_name(), static_cast<uint32_t>(c.where.line())}) {}

 private:
  ir::LocScope scope_;
};

}  // namespace kiln::frontend
