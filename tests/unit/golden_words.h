// Reading the values of tests/golden/arange.txt and linspace.txt, spelled
// as tests/golden/ramp_words.py writes them.
#pragma once

#include <kiln/kiln.h>

#include <string>
#include <vector>

namespace kiln::testing {

// A number as the golden files print Python's: True or False, an integer,
// or else a double (inf and nan included).
Scalar number_from_text(const std::string& text);

// The words of 1-d tensor `t` (realized): floating elements as their
// little-endian bytes in hex, integers in decimal; or, when `digest`, the one
// word "fnv1a64:<hash of the raw bytes>".
std::vector<std::string> golden_words(const Tensor& t, bool digest);

// Whether golden words are a digest.
bool is_digest(const std::vector<std::string>& words);

}  // namespace kiln::testing
