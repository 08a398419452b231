// The header of a .npy file: the preamble (magic string, version, header
// length) and the Python dictionary literal that describes the array. Files
// are read and written in npy.cpp; this is only the text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <kiln/types.h>

#include "ir/shape.h"

namespace kiln::frontend::npy {

inline constexpr std::string_view kMagic{"\x93NUMPY", 6};
// Magic string and the two version bytes.
inline constexpr size_t kVersionEnd = kMagic.size() + 2;

// What a header says about the data that follows it.
struct ArrayHeader {
  std::string descr;  // the dtype as the file spells it, for messages
  ScalarType dtype;
  bool big_endian;
  bool fortran_order;
  ir::Shape shape;
  int64_t nbytes;  // of the data, checked not to overflow
};

// Parses the dictionary (the header text after the length field), e.g.
// "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }". Only the
// literal forms numpy writes are accepted, without recursion. Every message
// starts with `where` (naming the file): kiln::ValueError for a malformed
// header or an impossible shape, kiln::TypeError for a dtype kiln does not
// have, kiln::NotImplementedError for more dimensions than kiln supports.
ArrayHeader parse_header(std::string_view text, const std::string& where);

// The descr numpy writes for `t` ("<f4", "|b1"); nullopt for bfloat16, which
// NumPy has not.
std::optional<std::string> descr_of(ScalarType t);

// Everything numpy.save writes before the data of a C-order little-endian
// array of dtype `t` (which must have a descr) and `shape`: magic, version,
// length, dictionary, padding, byte for byte.
std::string format_preamble(ScalarType t, const ir::Shape& shape);

// Python's repr of a shape tuple: "(2, 3)", "(5,)", "()".
std::string shape_repr(const ir::Shape& shape);

}  // namespace kiln::frontend::npy
