// The caching host allocator behind every kiln-owned buffer.
//
// A fresh 64 MiB block costs 16k page faults on first touch (25 ms and more
// on the machines we measure, several times the kernel that fills it), and
// realizing a chain of expressions frees and allocates blocks of the same
// sizes over and over. So freed blocks are kept, by size class, and handed
// out again for the next request of that class; large blocks are also backed
// by transparent huge pages. KILN_ALLOC_CACHE_MB caps the bytes kept (default
// min(RAM / 8, 2 GiB); 0 turns the cache off).
#pragma once

#include <cstddef>

// Defined in builds under AddressSanitizer (gcc and clang spell it apart).
#if defined(__SANITIZE_ADDRESS__)
#define KILN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KILN_ASAN 1
#endif
#endif

namespace kiln::runtime {

struct HostBlock {
  void* data = nullptr;  // 64-byte aligned; null when the system is out of memory
  std::size_t capacity = 0;  // the size class: release_host_block needs it back
};

// A block of at least `nbytes` bytes (zero allowed), from the cache when one
// of its class is there. Its contents are arbitrary.
HostBlock acquire_host_block(std::size_t nbytes);

// Gives a block from acquire_host_block back (to the cache, or the system
// when the cache is full). Under AddressSanitizer a cached block is poisoned,
// so a use after free is still reported.
void release_host_block(HostBlock block);

// Returns every cached block to the system (as torch.cuda.empty_cache()).
void empty_host_cache();

}  // namespace kiln::runtime
