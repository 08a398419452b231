// Loads the kernel objects CpuJit::compile makes (relocatable ELF64 for
// x86-64, small code model, PIC) into this process without LLVM, so a process
// whose kernels all come from the disk cache never builds an LLJIT (its
// creation is most of such a process's first realize).
//
// The object's allocated sections are copied into one private mapping (code,
// then read-only data such as constant pools, then writable data), its
// relocations applied, and the code made read+execute and the constants
// read-only. Symbols the object does not define (libm's expf, memset, ...)
// resolve with dlsym in this process, through a jump stub or GOT slot next to
// the code when the relocation needs one. Anything outside what LLVM's x86-64
// backend emits for kernels (another machine, TLS, static constructors, an
// unknown relocation, a symbol the process lacks) throws UnsupportedObject
// and nothing stays mapped: the caller links the object with LLJIT instead.
// Unwind tables (.eh_frame) are not loaded: kernels never throw or unwind.
//
// Mappings are never freed: kernels live as long as the process, as in LLJIT.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace kiln::runtime {

struct UnsupportedObject : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The address of the function `symbol` that `object` defines, once the object
// is loaded as above.
void* load_object(std::string_view object, const std::string& symbol);

}  // namespace kiln::runtime
