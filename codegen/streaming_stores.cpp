#include "codegen/streaming_stores.h"

namespace kiln::codegen {

void mark_streaming_store(Kernel& k) {
  k.streaming_store = false;
  if (k.reduce || k.loops.empty() || k.store.coef.back() != 1) return;
  int64_t elements = 1;
  for (const Loop& l : k.loops)
    if (__builtin_mul_overflow(elements, l.extent, &elements)) return;
  int64_t bytes = 0;
  auto size = static_cast<int64_t>(ir::itemsize(k.args[k.output_arg()]));
  if (__builtin_mul_overflow(elements, size, &bytes)) return;
  // A short innermost loop (a few elements per row) would be mostly the
  // scalar stores around the aligned vectors.
  constexpr int64_t kMinRowBytes = 256;
  k.streaming_store = bytes >= kStreamingStoreBytes && k.loops.back().extent * size >= kMinRowBytes;
}

}  // namespace kiln::codegen
