// save_npy / load_npy against NumPy. tests/golden/npy/ holds files written
// by NumPy 1.24 (from PyTorch 1.13 tensors where PyTorch has the dtype) with
// tests/golden/gen_npy.py: kiln must load each with the right dtype, shape
// and value bits, and write exactly the bytes numpy.save writes. Broken and
// hostile files must fail with a kiln::Error naming the file, never crash
// (these tests also run under ASan + UBSan).
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include <kiln/kiln.h>

#include "ir/node.h"
#include "runtime/host_storage.h"
#include "test_util.h"

namespace kiln {
namespace {

const std::string kGoldenDir = std::string(KILN_SOURCE_DIR) + "/tests/golden/npy/";

// ---------------------------------------------------------------------------
// Helpers.

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Truncating a written file makes ext4 flush it (auto_da_alloc): milliseconds
// per file. The tests write thousands, so they replace files instead.
void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::remove(path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out) << "cannot write " << path;
}

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// The bytes of a tensor's elements in row-major order, whatever its strides.
std::string bytes_of(const Tensor& t) {
  t.realize();
  const ir::Node& n = *t.node();
  auto size = static_cast<int64_t>(ir::itemsize(n.dtype));
  const char* base = static_cast<const char*>(n.storage->data());
  std::string out;
  ir::for_each_offset<1>(n.shape, {&n.strides}, [&](const auto& at) {
    out.append(base + (n.offset + at[0]) * size, static_cast<size_t>(size));
  });
  return out;
}

// A .npy file with the given header text (unpadded) and data bytes.
std::string npy_file(const std::string& header, const std::string& data, int major = 1) {
  std::string out("\x93NUMPY", 6);
  out += static_cast<char>(major);
  out += '\0';
  size_t length_bytes = major == 1 ? 2 : 4;
  for (size_t i = 0; i < length_bytes; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

// A strided view over a fresh buffer whose element i holds value(i).
Tensor strided(ScalarType t, int64_t storage_elems, const std::function<double(int64_t)>& value, const ir::Shape& shape,
               const ir::Shape& strides, int64_t offset) {
  Tensor base = testing::make_tensor({storage_elems}, t, value);
  return Tensor(ir::make_buffer(t, shape, base.node()->storage, strides, offset));
}

using testing::throws;

// Whether loading `path` either works or throws a kiln::Error that names the
// file (anything else, or a crash, fails).
::testing::AssertionResult loads_or_names_file(const std::string& path, bool must_throw) {
  try {
    Tensor t = load_npy(path);
    bytes_of(t);  // every element must be readable
    if (must_throw) return ::testing::AssertionFailure() << "loaded " << t.sizes() << " without error";
  } catch (const Error& e) {
    if (std::string(e.what()).find("'" + path + "'") == std::string::npos) {
      return ::testing::AssertionFailure() << "the message does not name the file: " << e.what();
    }
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-kiln exception: " << e.what();
  }
  return ::testing::AssertionSuccess();
}

// A fresh directory for the test's files, removed afterwards.
class NpyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "kiln_npy_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // Writes `bytes` as a file and returns its path.
  std::string file_with(const std::string& bytes, const std::string& name = "case.npy") {
    std::string p = path(name);
    write_file(p, bytes);
    return p;
  }

  // What save_npy writes for `t`.
  std::string saved(const Tensor& t) {
    std::filesystem::remove(path("saved.npy"));  // see write_file
    save_npy(path("saved.npy"), t);
    return read_file(path("saved.npy"));
  }

  std::string dir_;
};

using NpyGolden = NpyTest;
using NpyRoundTrip = NpyTest;
using NpyErrors = NpyTest;

// ---------------------------------------------------------------------------
// Files NumPy wrote.

struct ManifestEntry {
  std::string file, dtype, shape, canonical, data;
};

std::vector<ManifestEntry> manifest() {
  std::ifstream in(kGoldenDir + "manifest.txt");
  std::vector<ManifestEntry> entries;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ManifestEntry e;
    fields >> e.file >> e.dtype >> e.shape >> e.canonical >> e.data;
    if (e.data == "-") e.data.clear();
    entries.push_back(e);
  }
  return entries;
}

std::string shape_text(const Tensor& t) {
  if (t.dim() == 0) return "scalar";
  std::string s;
  for (int64_t d : t.sizes()) s += (s.empty() ? "" : "x") + std::to_string(d);
  return s;
}

// Every kind of file NumPy writes (all dtypes, 0-d, empty, 3-d, Fortran
// order, big-endian, formats 2.0 and 3.0) loads with the right dtype, shape
// and value bits, into a contiguous buffer; saved again, it is exactly what
// numpy.save writes for that array in C order, little-endian.
TEST_F(NpyGolden, NumpyFilesLoadAndSaveBackAsNumpyWould) {
  std::vector<ManifestEntry> entries = manifest();
  ASSERT_EQ(entries.size(), 32u);
  for (const ManifestEntry& e : entries) {
    SCOPED_TRACE(e.file);
    Tensor t = load_npy(kGoldenDir + e.file);
    EXPECT_TRUE(t.node()->is_buffer());
    EXPECT_EQ(ir::torch_name(t.dtype()), e.dtype);
    EXPECT_EQ(shape_text(t), e.shape);
    EXPECT_EQ(t.node()->strides, ir::contiguous_strides(t.node()->shape));
    EXPECT_EQ(t.node()->offset, 0);
    EXPECT_EQ(hex(bytes_of(t)), e.data);
    EXPECT_EQ(hex(saved(t)), hex(read_file(kGoldenDir + e.canonical)));
  }
}

TEST_F(NpyGolden, ValuesReadAsNumbers) {
  EXPECT_EQ(load_npy(kGoldenDir + "scalar_float32.npy").item<float>(), 3.5f);
  EXPECT_EQ(load_npy(kGoldenDir + "big_int64_scalar.npy").item<int64_t>(), -1234567890123);
  EXPECT_EQ(load_npy(kGoldenDir + "big_int32_5.npy").str(),
            "tensor([        -2,         -1,          0,          1, 2147483647],\n       dtype=torch.int32)");
  EXPECT_EQ(load_npy(kGoldenDir + "fortran_float32_3x4.npy").str(),
            "tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])");
  // Loaded values compute like any others.
  Tensor f = load_npy(kGoldenDir + "fortran_int16_2x3x4.npy");
  EXPECT_EQ((f * 1).sum().item<int64_t>(), -12);  // -12 .. 11
  EXPECT_EQ(testing::values_of(f)[5], -7.0);
}

// The same values built in kiln (tensor literals, broadcasting, a sum's
// view, zeros) are saved byte for byte as numpy.save wrote them.
TEST_F(NpyGolden, KilnTensorsSaveAsNumpySavesThem) {
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    std::string file;
    Tensor t;
  };
  const int64_t i64min = std::numeric_limits<int64_t>::min(), i64max = std::numeric_limits<int64_t>::max();
  std::vector<Case> cases = {
      {"dtype_bool", kiln::tensor({{true, false, true}, {false, false, true}})},
      {"dtype_uint8", kiln::tensor({{0, 1, 255}, {128, 7, 42}}, kUInt8)},
      {"dtype_int8", kiln::tensor({{-128, -1, 0}, {1, 127, 42}}, kInt8)},
      {"dtype_int16", kiln::tensor({{-32768, -1, 0}, {1, 32767, 1234}}, kInt16)},
      {"dtype_int32", kiln::tensor({{-2147483648LL, -1, 0}, {1, 2147483647, 123456}}, kInt32)},
      {"dtype_int64", kiln::tensor({{i64min, -1, 0}, {1, i64max, 1234567890123}})},
      {"dtype_float16", kiln::tensor({{1.5, -2.0, 65504.0}, {inf, -0.0, std::ldexp(1.0, -24)}}, kFloat16)},
      {"dtype_float32", kiln::tensor({{1.5, -2.0, 3.4028234663852886e38}, {inf, -0.0, 1e-45}})},
      {"dtype_float64", kiln::tensor({{1.5, -2.0, 1.7976931348623157e308}, {-inf, -0.0, 5e-324}}, kFloat64)},
      {"scalar_float32", kiln::tensor(3.5)},
      {"scalar_int64", kiln::tensor(7)},
      {"scalar_bool", kiln::tensor(true)},
      {"empty_float32_0", kiln::zeros({0})},
      {"empty_int16_2x0x3", kiln::zeros({2, 0, 3}, kInt16)},
      {"broadcast_int64_2x3x4", kiln::arange(4) + kiln::zeros({2, 3, 1}, kInt64)},
      {"sum_int64", kiln::tensor({1, 2, 3}).sum()},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    EXPECT_EQ(hex(saved(c.t)), hex(read_file(kGoldenDir + c.file + ".npy")));
  }
}

// Views are written in logical row-major order: a transpose, a slice with
// an offset and a step, a broadcast (stride 0), a reversal.
TEST_F(NpyGolden, StridedViewsSaveInRowMajorOrder) {
  auto index = [](int64_t i) { return static_cast<double>(i); };
  struct Case {
    std::string file;
    Tensor t;
  };
  std::vector<Case> cases = {
      {"noncontig_transpose_float32", strided(kFloat32, 12, index, {4, 3}, {1, 4}, 0)},
      {"noncontig_slice_int32", strided(kInt32, 20, index, {2, 3}, {10, 2}, 1)},
      {"noncontig_broadcast_float64", strided(kFloat64, 4, index, {3, 4}, {0, 1}, 0)},
      {"noncontig_reversed_int64", strided(kInt64, 5, index, {5}, {-1}, 4)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    EXPECT_EQ(hex(saved(c.t)), hex(read_file(kGoldenDir + c.file + ".npy")));
  }
}

// ---------------------------------------------------------------------------
// Round trips.

TEST_F(NpyRoundTrip, EveryDtypeAndShape) {
  const std::vector<ir::Shape> shapes = {{}, {0}, {1}, {7}, {2, 3}, {2, 0, 3}, {3, 1, 4}, {2, 3, 4, 5}};
  const ScalarType dtypes[] = {kBool, kUInt8, kInt8, kInt16, kInt32, kInt64, kFloat16, kFloat32, kFloat64};
  for (ScalarType t : dtypes) {
    for (const ir::Shape& shape : shapes) {
      SCOPED_TRACE(::testing::Message() << t << " " << ir::to_string(shape));
      Tensor a = testing::make_tensor(shape, t, [&](int64_t i) {
        double v = static_cast<double>((i * 37) % 101 - 50);
        return ir::is_floating(t) ? v / 8 : v;
      });
      std::filesystem::remove(path("a.npy"));  // see write_file
      save_npy(path("a.npy"), a);
      Tensor b = load_npy(path("a.npy"));
      EXPECT_EQ(b.dtype(), t);
      EXPECT_EQ(b.sizes(), a.sizes());
      EXPECT_EQ(hex(bytes_of(b)), hex(bytes_of(a)));
    }
  }
}

// save_npy is a realization trigger; a computed value saves its result.
TEST_F(NpyRoundTrip, SavingRealizes) {
  Tensor a = kiln::tensor({{1.0, 2.0}, {3.0, 4.0}});
  Tensor c = (a * 0.5 + kiln::arange(2)) / 2;
  EXPECT_FALSE(c.node()->is_buffer());
  save_npy(path("c.npy"), c);
  EXPECT_TRUE(c.node()->is_buffer());
  EXPECT_EQ(load_npy(path("c.npy")).str(), "tensor([[0.2500, 1.0000],\n        [0.7500, 1.5000]])");
}

// A view larger than the writer's 1 MiB chunk, transposed.
TEST_F(NpyRoundTrip, LargeTransposedView) {
  const int64_t rows = 700, cols = 500;
  Tensor t = strided(
      kFloat32, rows * cols, [](int64_t i) { return static_cast<double>(i); }, {cols, rows}, {1, cols}, 0);
  save_npy(path("t.npy"), t);
  Tensor back = load_npy(path("t.npy"));
  ASSERT_EQ(back.sizes(), Sizes({cols, rows}));
  const float* p = back.const_data_ptr<float>();
  for (int64_t i = 0; i < cols; i += 7) {
    for (int64_t j = 0; j < rows; j += 11) ASSERT_EQ(p[i * rows + j], static_cast<float>(j * cols + i));
  }
  EXPECT_EQ(hex(bytes_of(back)), hex(bytes_of(t)));
}

// Forms numpy's writers produced or that the format allows: Python 2's
// "2L", double quotes, any key order, no trailing comma or padding, '=' and
// '|' byte orders, Fortran order of empty and 1-d arrays.
TEST_F(NpyRoundTrip, HeaderVariantsLoad) {
  std::string f32x6(24, '\0');
  for (int i = 0; i < 6; ++i) f32x6[static_cast<size_t>(4 * i + 3)] = 0x3f;  // bytes of 0.5
  const char* headers[] = {
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
      "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
      "{'shape':(2,3),'fortran_order':False,'descr':'<f4'}\n",
      "  {'descr': '=f4', 'fortran_order': False, 'shape': (6,)}  \n",
      "{'descr': '|f4', 'fortran_order': True, 'shape': (6,),}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 6, 1), }",
  };
  for (const char* h : headers) {
    SCOPED_TRACE(h);
    Tensor t = load_npy(file_with(npy_file(h, f32x6)));
    EXPECT_EQ(t.numel(), 6);
    EXPECT_EQ(testing::values_of(t), std::vector<double>(6, 0.5));
  }
  Tensor empty = load_npy(file_with(npy_file("{'descr': '>f8', 'fortran_order': True, 'shape': (0, 3), }", "")));
  EXPECT_EQ(empty.sizes(), Sizes({0, 3}));
  EXPECT_EQ(empty.dtype(), kFloat64);
  // numpy reads any non-zero byte as True; kiln stores it as 1.
  Tensor b = load_npy(
      file_with(npy_file("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", std::string("\x00\x02\xff", 3))));
  EXPECT_EQ(hex(bytes_of(b)), "000101");
  EXPECT_EQ(b.str(), "tensor([False,  True,  True])");
}

// More dimensions than format 1.0's 64 KiB header holds: numpy.save's rule
// switches to format 2.0 (4-byte length), still padded to 64 bytes.
TEST_F(NpyRoundTrip, LongHeadersUseFormat2) {
  ir::Shape shape(22000, 1);
  Tensor t = Tensor(ir::make_buffer(kFloat32, shape, runtime::allocate_host(4), ir::contiguous_strides(shape), 0));
  std::string bytes = saved(t);
  ASSERT_GT(bytes.size(), 12u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x02\x00", 8));
  size_t length = 0;
  for (size_t i = 0; i < 4; ++i) length |= size_t{static_cast<unsigned char>(bytes[8 + i])} << (8 * i);
  EXPECT_GT(length, 65535u);
  EXPECT_EQ((12 + length) % 64, 0u);
  EXPECT_EQ(bytes.size(), 12 + length + 4);
  std::string header = bytes.substr(12, length);
  EXPECT_EQ(header.substr(0, 56), "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1,");
  EXPECT_EQ(header.back(), '\n');
  EXPECT_NE(header.find("1, 1), }" + std::string(20, ' ')), std::string::npos);
  // kiln itself reads no more than 1024 dimensions.
  EXPECT_TRUE(throws<NotImplementedError>(
      [&] { load_npy(path("saved.npy")); },
      "load_npy: '" + path("saved.npy") + "': kiln: tensors with more than 1024 dimensions are not supported"));
}

// ---------------------------------------------------------------------------
// Errors.

TEST_F(NpyErrors, BFloat16HasNoNumpyDtype) {
  Tensor t = kiln::tensor({1.0, 2.0}, kBFloat16);
  // PyTorch's text for Tensor.numpy() on bfloat16; no file is created.
  EXPECT_TRUE(throws<TypeError>([&] { save_npy(path("b.npy"), t); }, "Got unsupported ScalarType BFloat16"));
  EXPECT_FALSE(std::filesystem::exists(path("b.npy")));
  EXPECT_TRUE(throws<Error>([&] { save_npy(path("u.npy"), Tensor()); },
                            "Expected a proper Tensor but got an undefined Tensor"));
}

// Python's OSError text, as numpy.save / numpy.load give it.
TEST_F(NpyErrors, FilesThatCannotBeOpened) {
  Tensor t = kiln::tensor({1, 2});
  std::string missing = path("no/such/dir/x.npy");
  EXPECT_TRUE(throws<Error>([&] { load_npy(missing); }, "[Errno 2] No such file or directory: '" + missing + "'"));
  EXPECT_TRUE(throws<Error>([&] { save_npy(missing, t); }, "[Errno 2] No such file or directory: '" + missing + "'"));
  EXPECT_TRUE(throws<Error>([&] { load_npy(dir_); }, "[Errno 21] Is a directory: '" + dir_ + "'"));
  EXPECT_TRUE(throws<Error>([&] { save_npy(dir_, t); }, "[Errno 21] Is a directory: '" + dir_ + "'"));
  if (std::filesystem::exists("/dev/full")) {
    EXPECT_TRUE(throws<Error>([&] { save_npy("/dev/full", t); }, "[Errno 28] No space left on device: '/dev/full'"));
  }
  if (std::filesystem::exists("/dev/null")) {
    EXPECT_TRUE(throws<ValueError>([&] { load_npy("/dev/null"); }, "load_npy: '/dev/null': not a regular file"));
  }
}

TEST_F(NpyErrors, UnsupportedNumpyDtypes) {
  const std::string kinds = " (kiln loads bool, uint8, int8, int16, int32, int64, float16, float32 and float64)";
  struct Case {
    std::string file, message;
  };
  const Case cases[] = {
      {"unsupported_complex64.npy", "unsupported dtype '<c8'" + kinds},
      {"unsupported_uint16.npy", "unsupported dtype '<u2'" + kinds},
      {"unsupported_unicode.npy", "unsupported dtype '<U2'" + kinds},
      {"unsupported_object.npy", "unsupported dtype '|O'" + kinds},
      {"unsupported_datetime.npy", "unsupported dtype '<M8[D]'" + kinds},
      {"unsupported_structured.npy", "unsupported dtype: structured arrays (with named fields) are not supported"},
  };
  for (const Case& c : cases) {
    std::string p = kGoldenDir + c.file;
    EXPECT_TRUE(throws<TypeError>([&] { load_npy(p); }, "load_npy: '" + p + "': " + c.message));
  }
  std::string sub = file_with(npy_file("{'descr': ('<f4', (2,)), 'fortran_order': False, 'shape': (), }", ""));
  EXPECT_TRUE(throws<TypeError>([&] { load_npy(sub); },
                                "load_npy: '" + sub + "': unsupported dtype: subarray dtypes are not supported"));
}

// A file cut short anywhere fails cleanly.
TEST_F(NpyErrors, TruncatedAtEveryByte) {
  std::string valid = read_file(kGoldenDir + "dtype_float32.npy");
  ASSERT_EQ(valid.size(), 152u);
  for (size_t n = 0; n < valid.size(); ++n) {
    SCOPED_TRACE(n);
    std::string p = file_with(valid.substr(0, n));
    EXPECT_TRUE(loads_or_names_file(p, /*must_throw=*/true));
  }
  std::string where = "load_npy: '" + path("case.npy") + "': ";
  auto load = [&](size_t n) { return [&, n] { load_npy(file_with(valid.substr(0, n))); }; };
  EXPECT_TRUE(throws<ValueError>(load(7), where + "truncated file: it ends inside the .npy preamble"));
  EXPECT_TRUE(throws<ValueError>(load(9), where + "truncated file: it ends inside the .npy preamble"));
  EXPECT_TRUE(
      throws<ValueError>(load(100), where + "truncated file: the header is declared as 118 bytes, but only 90 follow"));
  EXPECT_TRUE(throws<ValueError>(
      load(150), where + "data size mismatch: shape (2, 3) of dtype '<f4' needs 24 bytes, but 22 follow the header"));
}

TEST_F(NpyErrors, BadPreamble) {
  std::string valid = read_file(kGoldenDir + "dtype_float32.npy");
  std::string p = path("case.npy");
  std::string where = "load_npy: '" + p + "': ";
  auto with = [&](size_t at, char c) {
    std::string bytes = valid;
    bytes[at] = c;
    return [this, bytes] { load_npy(file_with(bytes)); };
  };
  const std::string magic = "not a .npy file: it does not start with the magic string \\x93NUMPY";
  EXPECT_TRUE(throws<ValueError>(with(0, 'x'), where + magic));
  EXPECT_TRUE(throws<ValueError>(with(5, 'x'), where + magic));
  EXPECT_TRUE(throws<ValueError>([&] { load_npy(file_with("PK\x03\x04")); }, where + magic));
  EXPECT_TRUE(
      throws<ValueError>([&] { load_npy(file_with("")); }, where + "truncated file: it ends inside the .npy preamble"));
  const std::string versions = " (kiln reads 1.0, 2.0 and 3.0)";
  EXPECT_TRUE(throws<ValueError>(with(6, 4), where + "unsupported .npy format version 4.0" + versions));
  EXPECT_TRUE(throws<ValueError>(with(6, 0), where + "unsupported .npy format version 0.0" + versions));
  EXPECT_TRUE(throws<ValueError>(with(7, 1), where + "unsupported .npy format version 1.1" + versions));
  // A header length past the end of the file: nothing is allocated for it.
  EXPECT_TRUE(throws<ValueError>(with(9, '\xff'),
                                 where + "truncated file: the header is declared as 65398 bytes, but only 142 follow"));
  std::string v2 = npy_file("", "", 2);
  for (int i = 8; i < 12; ++i) v2[static_cast<size_t>(i)] = '\xff';
  EXPECT_TRUE(
      throws<ValueError>([&] { load_npy(file_with(v2)); },
                         where + "truncated file: the header is declared as 4294967295 bytes, but only 0 follow"));
  // A header that is there but absurdly long is not read.
  std::string padded = "{'descr': '<f4', 'fortran_order': False, 'shape': (), }" + std::string(2 << 20, ' ');
  EXPECT_TRUE(throws<ValueError>([&] { load_npy(file_with(npy_file(padded, "abcd", 2))); },
                                 where + "the header is 2097207 bytes, longer than the 1048576 bytes kiln reads"));
}

TEST_F(NpyErrors, MalformedHeaders) {
  std::string where = "load_npy: '" + path("case.npy") + "': ";
  const std::string ok_data(24, '\0');
  auto load_with = [&](const std::string& header) {
    return [&, header] { load_npy(file_with(npy_file(header, ok_data))); };
  };
  // Syntax errors name the problem and where it is in the header.
  struct SyntaxCase {
    std::string header, problem;
    int at;
  };
  const SyntaxCase syntax[] = {
      {"", "expected '{'", 0},
      {"hello", "expected '{'", 0},
      {"{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3)}", "expected ',' or '}'", 16},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "expected ',' or '}'", 56},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", "unexpected key 'x'", 58},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", "repeated key 'descr'", 17},
      {"{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}", "expected True or False for 'fortran_order'", 34},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3]}", "expected a tuple for 'shape'", 50},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2.0, 3)}", "expected ',' or ')' in 'shape'", 52},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (6)}",
       "a one-dimensional 'shape' needs a trailing comma, as in (5,)", 52},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (,)}", "expected an integer in 'shape'", 51},
      {"{'descr': 5, 'fortran_order': False, 'shape': (2, 3)}", "expected a string for 'descr'", 10},
      {"{'descr': '<f4", "unterminated string", 14},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} x", "unexpected text after the dictionary", 58},
  };
  for (const SyntaxCase& c : syntax) {
    SCOPED_TRACE(c.header);
    EXPECT_TRUE(throws<ValueError>(load_with(c.header), where + "malformed header: " + c.problem + " (at character " +
                                                            std::to_string(c.at) + " of \"" + c.header + "\")"));
  }
  // Other problems; bytes that are not printable are escaped.
  struct Case {
    std::string header, message;
  };
  const Case cases[] = {
      {"{'descr': '<f4', 'fortran_order': False}",
       "malformed header: the key 'shape' is missing in \"{'descr': '<f4', 'fortran_order': False}\""},
      {"{'descr': '\\x3cf4', 'fortran_order': False, 'shape': (2, 3)}",
       "malformed header: escape sequences in strings are not supported (at character 11 of \"{'descr': "
       "'\\\\x3cf4', 'fortran_order': False, 'shape': (2, 3)}\")"},
      {std::string("{\x00\xfe", 3),
       "malformed header: expected a quoted key or '}' (at character 1 of \"{\\x00\\xfe\")"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 3)}", "invalid shape: negative dimension -1"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
       "invalid shape: dimension 99999999999999999999 does not fit in 64 bits"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::string(1000, '9') + ",)}",
       "invalid shape: dimension 999999999999999999999999... does not fit in 64 bits"},
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4)}",
       "invalid shape: (4611686018427387904, 4) of dtype '<f8' is larger than 2^63 - 1 bytes"},
      // numpy's rule: zero dimensions do not excuse an impossible size.
      {"{'descr': '<f8', 'fortran_order': False, 'shape': (0, 4611686018427387904, 4)}",
       "invalid shape: (0, 4611686018427387904, 4) of dtype '<f8' is larger than 2^63 - 1 bytes"},
      // A size the header may claim but the file does not hold: checked
      // against the file before anything is allocated.
      {"{'descr': '|u1', 'fortran_order': False, 'shape': (9223372036854775807,)}",
       "data size mismatch: shape (9223372036854775807,) of dtype '|u1' needs 9223372036854775807 bytes, but 24 "
       "follow the header"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)}",
       "data size mismatch: shape (2, 2) of dtype '<f4' needs 16 bytes, but 24 follow the header"},
      {"{'descr': '<f8', 'fortran_order': True, 'shape': (3, 2)}",
       "data size mismatch: shape (3, 2) of dtype '<f8' needs 48 bytes, but 24 follow the header"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.header);
    EXPECT_TRUE(throws<ValueError>(load_with(c.header), where + c.message));
  }
  std::string many = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (int i = 0; i < 1100; ++i) many += "1, ";
  EXPECT_TRUE(throws<NotImplementedError>(load_with(many + ")}"),
                                          where + "kiln: tensors with more than 1024 dimensions are not supported"));
  const std::string kinds = " (kiln loads bool, uint8, int8, int16, int32, int64, float16, float32 and float64)";
  for (const std::string& descr : std::vector<std::string>{"<c8", "<u4", "|V4", "f4x", "", "<", "\x01\x80"}) {
    std::string shown = descr == "\x01\x80" ? "\\x01\\x80" : descr;
    EXPECT_TRUE(throws<TypeError>(load_with("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2, 3)}"),
                                  where + "unsupported dtype '" + shown + "'" + kinds));
  }
}

// Corrupting any header byte, or random bytes anywhere, either still loads
// (a harmless change such as a space) or fails with a kiln::Error naming
// the file; never a crash or an out-of-bounds read (ASan checks).
TEST_F(NpyErrors, FuzzedFilesFailCleanly) {
  std::string valid = read_file(kGoldenDir + "fortran_int16_2x3x4.npy");
  std::string p = path("case.npy");
  const char replacements[] = {'\0', '\xff', '(', ')', ',', '\'', ' ', '-', '9', '0', '{', '}', '\n', 'L', ':', '['};
  for (size_t at = 0; at < 128; ++at) {
    for (char c : replacements) {
      std::string bytes = valid;
      bytes[at] = c;
      write_file(p, bytes);
      ASSERT_TRUE(loads_or_names_file(p, /*must_throw=*/false)) << "byte " << at << " = " << int(c);
    }
  }
  uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 2000; ++round) {
    std::string bytes = valid.substr(0, next() % (valid.size() + 1));
    for (size_t k = next() % 4; k-- > 0 && !bytes.empty();) bytes[next() % bytes.size()] = static_cast<char>(next());
    write_file(p, bytes);
    ASSERT_TRUE(loads_or_names_file(p, /*must_throw=*/false)) << "round " << round;
  }
}

}  // namespace
}  // namespace kiln
