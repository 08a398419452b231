#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <iomanip>
#include <sstream>

#include "codegen/lower.h"
#include "frontend/scalar_io.h"
#include "ir/node.h"
#include "passes/fuse.h"
#include "runtime/host_storage.h"

namespace kiln::testing {

ScalarType dtype_named(const std::string& name) {
  for (int i = 0; i < ir::kNumDTypes; ++i) {
    const auto t = static_cast<ScalarType>(i);
    if (ir::torch_name(t) == name) return t;
  }
  ADD_FAILURE() << "unknown dtype name '" << name << "'";
  return kFloat32;
}

std::string kind_of(const Error& e) {
  if (typeid(e) == typeid(IndexError)) return "kiln::IndexError";
  if (typeid(e) == typeid(ValueError)) return "kiln::ValueError";
  if (typeid(e) == typeid(TypeError)) return "kiln::TypeError";
  if (typeid(e) == typeid(NotImplementedError)) return "kiln::NotImplementedError";
  if (typeid(e) == typeid(Error)) return "kiln::Error";
  return typeid(e).name();
}

Tensor make_tensor(const std::vector<int64_t>& shape, ScalarType dtype, const std::function<double(int64_t)>& value) {
  int64_t n = ir::numel(shape);
  size_t size = ir::itemsize(dtype);
  auto storage = runtime::allocate_host(static_cast<size_t>(n) * size);
  auto* p = static_cast<char*>(storage->data());
  for (int64_t i = 0; i < n; ++i) {
    double v = value(i);
    Scalar s = ir::is_floating(dtype) ? Scalar(v) : Scalar(static_cast<int64_t>(v));
    frontend::write_scalar(p + i * static_cast<int64_t>(size), dtype, s);
  }
  return Tensor(ir::make_buffer(dtype, shape, storage, ir::contiguous_strides(shape), 0));
}

namespace {

// Calls f(address) for each element of a realized tensor, row-major.
void for_each_element(const Tensor& t, const std::function<void(const char*)>& f) {
  t.realize();
  const ir::Node& n = *t.node();
  auto size = static_cast<int64_t>(ir::itemsize(n.dtype));
  const char* base = static_cast<const char*>(n.storage->data()) + n.offset * size;
  ir::for_each_offset<1>(n.shape, {&n.strides}, [&](const auto& at) { f(base + at[0] * size); });
}

}  // namespace

std::vector<double> values_of(const Tensor& t) {
  std::vector<double> out;
  out.reserve(static_cast<size_t>(t.numel()));
  for_each_element(t, [&](const char* p) { out.push_back(frontend::read_scalar(p, t.scalar_type()).toDouble()); });
  return out;
}

Tensor from_texts(ScalarType t, const std::vector<std::string>& texts, std::vector<int64_t> shape) {
  if (shape == std::vector<int64_t>{-1}) shape = {static_cast<int64_t>(texts.size())};
  size_t size = ir::itemsize(t);
  auto storage = runtime::allocate_host(texts.size() * size);
  for (size_t i = 0; i < texts.size(); ++i) {
    char* p = static_cast<char*>(storage->data()) + i * size;
    if (ir::is_floating(t)) {
      uint64_t bits = std::stoull(texts[i], nullptr, 16);
      std::memcpy(p, &bits, size);  // little-endian: the low bytes
    } else {
      frontend::write_scalar(p, t, Scalar(static_cast<int64_t>(std::stoll(texts[i]))));
    }
  }
  return Tensor(ir::make_buffer(t, shape, storage, ir::contiguous_strides(shape), 0));
}

std::vector<std::string> texts_of(const Tensor& t) {
  std::vector<std::string> out;
  ScalarType dtype = t.scalar_type();
  for_each_element(t, [&](const char* p) {
    if (!ir::is_floating(dtype)) {
      out.push_back(std::to_string(frontend::read_scalar(p, dtype).toLong()));
      return;
    }
    uint64_t bits = 0;
    std::memcpy(&bits, p, ir::itemsize(dtype));
    std::ostringstream os;
    os << std::hex << std::setw(static_cast<int>(2 * ir::itemsize(dtype))) << std::setfill('0') << bits;
    out.push_back(os.str());
  });
  return out;
}

void expect_jit_matches_interpreter(const std::function<Tensor()>& make, double rel_tol) {
  if (!debug::jit_available()) GTEST_SKIP() << "built without the LLVM JIT";
  Tensor ref;
  {
    BackendScope scope(debug::Backend::Interpreter);
    ref = make();
    ref.realize();
  }
  std::vector<double> b = values_of(ref);
  // The JIT twice: the second realization of the same structure replays the
  // first one's plan (runtime/plan_cache.h), which must compute the same.
  for (const char* run : {"first", "replayed"}) {
    Tensor jit;
    {
      BackendScope scope(debug::Backend::Jit);
      jit = make();
      jit.realize();
    }
    SCOPED_TRACE(std::string("JIT run: ") + run);
    ASSERT_EQ(jit.scalar_type(), ref.scalar_type());
    ASSERT_EQ(jit.sizes(), ref.sizes());
    std::vector<double> a = values_of(jit);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      if (std::isnan(a[i]) || std::isnan(b[i])) {
        EXPECT_TRUE(std::isnan(a[i]) && std::isnan(b[i])) << "element " << i << ": jit " << a[i] << " vs " << b[i];
      } else if (rel_tol == 0.0) {
        EXPECT_EQ(a[i], b[i]) << "element " << i;
      } else {
        EXPECT_NEAR(a[i], b[i], rel_tol * std::max(1.0, std::abs(b[i]))) << "element " << i;
      }
    }
  }
}

std::vector<std::string> kernels_of(const Tensor& t) {
  std::vector<std::string> out;
  for (const auto& item : passes::fuse({t.node()}).items)
    if (item.kind == passes::ScheduleItem::Kind::Kernel) out.push_back(codegen::print_kernel(codegen::lower(*item.node).kernel));
  return out;
}

}  // namespace kiln::testing
