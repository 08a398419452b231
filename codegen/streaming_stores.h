// Non-temporal ("streaming") stores for large elementwise outputs.
//
// A normal store to a line that is not in cache first reads the line
// (read-for-ownership), so writing a 64 MiB result moves 128 MiB. A
// non-temporal store writes whole lines past the caches instead: the 8-op
// chain on 16M floats moves 4 streams instead of 5 (6.9 vs 8.8 ms on one
// core of the reference machine, measured with hand-written AVX-512). It
// also evicts the result from cache, which is a loss when the result is
// read again soon, so only outputs too large to stay in a cache anyway get
// it: at least kStreamingStoreBytes written by an elementwise kernel whose
// innermost loop stores contiguously.
//
// The kernel prints it as `store.nt`. The LLVM emitter splits the innermost
// loop at 64-byte boundaries of the output: scalar stores up to the first
// boundary, then one aligned non-temporal vector store per 64 bytes, then
// scalar stores for the rest, and ends the kernel with a fence so the
// stores are visible to the thread that waits for it. The interpreter
// stores as usual (the values are the same).
#pragma once

#include <cstdint>

#include "codegen/kernel.h"

namespace kiln::codegen {

// Half the last-level cache of one core complex of current x86 servers
// (32 MiB): a result this large would be evicted before reuse anyway.
constexpr int64_t kStreamingStoreBytes = int64_t{16} << 20;

// Sets k.streaming_store where the rule above holds (for k's concrete sizes).
void mark_streaming_store(Kernel& k);

}  // namespace kiln::codegen
