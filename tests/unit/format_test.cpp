// format_tensor must reproduce PyTorch 1.13's repr(tensor) exactly. The bulk
// of the cases come from tests/golden/print_cases.txt (generated with real
// PyTorch by tests/golden/gen_print_cases.py); the hand-written tests cover
// what a contiguous golden tensor cannot: strides and the device suffix.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/format.h"

namespace kiln::frontend {
namespace {

using ir::DType;

struct GoldenCase {
  std::string header;  // "case <index> <name>"
  DType dtype = DType::Float32;
  std::vector<int64_t> sizes;
  std::vector<unsigned char> bytes;  // the elements, contiguous, row-major
  std::string repr;
};

std::optional<DType> dtype_from_torch_name(const std::string& name) {
  for (int i = 0; i < ir::kNumDTypes; ++i) {
    const auto dtype = static_cast<DType>(i);
    if (ir::torch_name(dtype) == name) return dtype;
  }
  return std::nullopt;
}

template <typename T>
void append(std::vector<unsigned char>& bytes, T value) {
  unsigned char raw[sizeof(T)];
  std::memcpy(raw, &value, sizeof(T));
  bytes.insert(bytes.end(), raw, raw + sizeof(T));
}

// One golden token -> the element's bytes: floating dtypes are written as the
// hex of their bit pattern, integers in decimal, bool as 0/1.
void append_token(std::vector<unsigned char>& bytes, DType dtype, const std::string& token) {
  switch (dtype) {
    case DType::Float16:
    case DType::BFloat16:
      return append(bytes, static_cast<uint16_t>(std::stoul(token, nullptr, 16)));
    case DType::Float32:
      return append(bytes, static_cast<uint32_t>(std::stoul(token, nullptr, 16)));
    case DType::Float64:
      return append(bytes, static_cast<uint64_t>(std::stoull(token, nullptr, 16)));
    case DType::Bool:
    case DType::UInt8:
      return append(bytes, static_cast<uint8_t>(std::stoi(token)));
    case DType::Int8:
      return append(bytes, static_cast<int8_t>(std::stoi(token)));
    case DType::Int16:
      return append(bytes, static_cast<int16_t>(std::stoi(token)));
    case DType::Int32:
      return append(bytes, static_cast<int32_t>(std::stol(token)));
    case DType::Int64:
      return append(bytes, static_cast<int64_t>(std::stoll(token)));
  }
}

// Reads "<keyword> ..." and returns the rest of the line as a stream.
std::istringstream expect_line(std::istream& in, const std::string& keyword) {
  std::string line;
  std::getline(in, line);
  std::istringstream fields(line);
  std::string word;
  fields >> word;
  EXPECT_EQ(word, keyword) << "malformed golden line: " << line;
  return fields;
}

std::vector<GoldenCase> load_golden() {
  std::ifstream in(KILN_SOURCE_DIR "/tests/golden/print_cases.txt");
  EXPECT_TRUE(in) << "cannot open " KILN_SOURCE_DIR "/tests/golden/print_cases.txt";
  std::vector<GoldenCase> cases;
  std::string line;
  while (in.peek() == '#') std::getline(in, line);
  while (std::getline(in, line) && !line.empty()) {
    EXPECT_EQ(line.rfind("case ", 0), 0u) << "malformed golden line: " << line;
    GoldenCase c;
    c.header = line;

    std::string dtype_name;
    expect_line(in, "dtype") >> dtype_name;
    const std::optional<DType> dtype = dtype_from_torch_name(dtype_name);
    if (!dtype) {
      ADD_FAILURE() << "unknown dtype " << dtype_name;
      break;
    }
    c.dtype = *dtype;

    std::istringstream shape = expect_line(in, "shape");
    size_t rank = 0;
    shape >> rank;
    c.sizes.resize(rank);
    for (int64_t& size : c.sizes) shape >> size;

    size_t numel = 0;
    expect_line(in, "data") >> numel;
    std::string token;
    for (size_t i = 0; i < numel && in >> token; ++i) append_token(c.bytes, c.dtype, token);
    if (numel != 0) std::getline(in, line);  // the end of the last data line

    size_t repr_lines = 0;
    expect_line(in, "repr") >> repr_lines;
    for (size_t i = 0; i < repr_lines && std::getline(in, line); ++i) {
      if (i != 0) c.repr += '\n';
      c.repr += line;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<int64_t> contiguous_strides(const std::vector<int64_t>& sizes) {
  std::vector<int64_t> strides(sizes.size());
  int64_t stride = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= sizes[i];
  }
  return strides;
}

TEST(FormatTensor, MatchesPyTorchGoldenCases) {
  const std::vector<GoldenCase> cases = load_golden();
  // The generator writes well over 80 cases; fewer means a truncated file.
  EXPECT_GE(cases.size(), 80u);
  for (const GoldenCase& c : cases) {
    const HostView view{c.dtype, c.sizes, contiguous_strides(c.sizes), c.bytes.data()};
    const std::string got = format_tensor(view);
    EXPECT_EQ(got, c.repr) << c.header << "\n--- expected (PyTorch) ---\n"
                           << c.repr << "\n--- got ---\n"
                           << got;
  }
}

TEST(FormatTensor, TransposedView) {
  // torch.arange(6).reshape(2, 3).t()
  const int64_t data[] = {0, 1, 2, 3, 4, 5};
  const HostView view{DType::Int64, {3, 2}, {1, 3}, data};
  EXPECT_EQ(format_tensor(view),
            "tensor([[0, 3],\n"
            "        [1, 4],\n"
            "        [2, 5]])");
}

TEST(FormatTensor, StridedColumnsOnlyShownElementsMatter) {
  // b[:, ::2] of b = [[1.5, -2, 3.25, 4], [5, 6, 7, 8]]: the skipped -2 would
  // widen every element if it were (wrongly) looked at.
  const float data[] = {1.5f, -2.f, 3.25f, 4.f, 5.f, 6.f, 7.f, 8.f};
  const HostView view{DType::Float32, {2, 2}, {4, 2}, data};
  EXPECT_EQ(format_tensor(view),
            "tensor([[1.5000, 3.2500],\n"
            "        [5.0000, 7.0000]])");
}

TEST(FormatTensor, BroadcastZeroStride) {
  // torch.tensor([1., 2.]).expand(3, 2)
  const float data[] = {1.f, 2.f};
  const HostView view{DType::Float32, {3, 2}, {0, 1}, data};
  EXPECT_EQ(format_tensor(view),
            "tensor([[1., 2.],\n"
            "        [1., 2.],\n"
            "        [1., 2.]])");
}

TEST(FormatTensor, SummarizedTransposedView) {
  // torch.arange(6000, dtype=torch.int32).reshape(2000, 3).t()
  std::vector<int32_t> data(6000);
  for (int32_t i = 0; i < 6000; ++i) data[static_cast<size_t>(i)] = i;
  const HostView view{DType::Int32, {3, 2000}, {1, 3}, data.data()};
  EXPECT_EQ(format_tensor(view),
            "tensor([[   0,    3,    6,  ..., 5991, 5994, 5997],\n"
            "        [   1,    4,    7,  ..., 5992, 5995, 5998],\n"
            "        [   2,    5,    8,  ..., 5993, 5996, 5999]], dtype=torch.int32)");
}

// Expected texts below come from PyTorch's _str_intern / _add_suffixes (the
// device suffix precedes size= and dtype=).
TEST(FormatTensor, DeviceSuffix) {
  const float f32[] = {1.f, 2.f};
  EXPECT_EQ(format_tensor({DType::Float32, {2}, {1}, f32}, "cuda:0"),
            "tensor([1., 2.], device='cuda:0')");

  const int32_t i32[] = {1, 2};
  EXPECT_EQ(format_tensor({DType::Int32, {2}, {1}, i32}, "cuda:0"),
            "tensor([1, 2], device='cuda:0', dtype=torch.int32)");

  const double f64 = 3.0;
  EXPECT_EQ(format_tensor({DType::Float64, {}, {}, &f64}, "cuda:1"),
            "tensor(3., device='cuda:1', dtype=torch.float64)");

  EXPECT_EQ(format_tensor({DType::Int64, {2, 0}, {0, 1}, nullptr}, "cuda:0"),
            "tensor([], device='cuda:0', size=(2, 0), dtype=torch.int64)");
}

TEST(FormatTensor, DeviceSuffixWraps) {
  // A full last line pushes the suffixes onto their own line, indented under
  // the opening bracket; the second suffix then fits beside the first.
  const std::vector<double> f64(9, 1.5);
  EXPECT_EQ(format_tensor({DType::Float64, {9}, {1}, f64.data()}, "cuda:0"),
            "tensor([1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000],\n"
            "       device='cuda:0', dtype=torch.float64)");

  // The wrapped element line is short, so the suffix stays on it.
  std::vector<float> f32(10);
  for (size_t i = 0; i < f32.size(); ++i) f32[i] = static_cast<float>(i) + 0.5f;
  EXPECT_EQ(format_tensor({DType::Float32, {10}, {1}, f32.data()}, "cuda:0"),
            "tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000,\n"
            "        9.5000], device='cuda:0')");
}

}  // namespace
}  // namespace kiln::frontend
