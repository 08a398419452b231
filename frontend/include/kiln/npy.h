// NumPy's .npy files: the way tensors travel between kiln and Python
// (numpy.load / numpy.save, torch.from_numpy / Tensor.numpy()).
#pragma once

#include <string>

#include <kiln/tensor.h>

namespace kiln {

// Writes `t` to `path` (as given: no ".npy" is appended, unlike numpy.save)
// byte for byte as numpy.save writes the same array: format 1.0 (2.0 when
// the header needs it), C order, little-endian. Views are written in their
// logical row-major order. Realizes `t`. bfloat16 has no NumPy dtype: it
// throws kiln::TypeError "Got unsupported ScalarType BFloat16", as
// Tensor.numpy() does. A file that cannot be written throws kiln::Error
// with Python's OSError text ("[Errno 2] No such file or directory: 'p'").
void save_npy(const std::string& path, const Tensor& t);

// Reads a .npy file of format 1.0, 2.0 or 3.0 holding bool, uint8, int8,
// int16, int32, int64, float16, float32 or float64 values, little- or
// big-endian, in C or Fortran order, into a realized, contiguous tensor.
// A malformed or truncated file throws kiln::ValueError, a dtype kiln does
// not have kiln::TypeError, both naming the file; a file that cannot be
// read throws kiln::Error with Python's OSError text.
Tensor load_npy(const std::string& path, KILN_CALLER);

}  // namespace kiln
