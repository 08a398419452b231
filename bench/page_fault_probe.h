// The fresh-memory probe: what writing a freshly mapped 64 MiB buffer
// costs, page faults included. Eager PyTorch pays it for every temporary of
// that size (glibc maps big allocations fresh), so it explains how far its
// times move between runs and machines.
#pragma once

namespace kiln_bench {

// Bytes of the buffer.
double fresh_buffer_bytes();

// Seconds to map the buffer, write every element once and unmap it, with
// 4 KiB pages (no huge-page advice, as glibc's malloc does).
double fresh_buffer_seconds();

}  // namespace kiln_bench
