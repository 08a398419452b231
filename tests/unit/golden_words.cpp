#include "golden_words.h"

#include <charconv>
#include <cstdio>

#include "frontend/scalar_io.h"
#include "ir/node.h"

namespace kiln::testing {

Scalar number_from_text(const std::string& text) {
  if (text == "True" || text == "False") return Scalar(text == "True");
  int64_t i = 0;
  auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (err == std::errc() && end == text.data() + text.size()) return Scalar(i);
  return Scalar(std::stod(text));  // also inf and nan
}

bool is_digest(const std::vector<std::string>& words) {
  return words.size() == 1 && words[0].rfind("fnv1a64:", 0) == 0;
}

std::vector<std::string> golden_words(const Tensor& t, bool digest) {
  t.realize();
  const ir::Node& n = *t.node();
  size_t size = ir::itemsize(n.dtype);
  auto at = [&](int64_t i) {
    return static_cast<const unsigned char*>(n.storage->data()) + (n.offset + i * n.strides[0]) * static_cast<int64_t>(size);
  };
  std::vector<std::string> out;
  if (digest) {
    uint64_t h = 0xcbf29ce484222325u;
    for (int64_t i = 0; i < n.shape[0]; ++i) {
      for (size_t k = 0; k < size; ++k) h = (h ^ at(i)[k]) * 0x100000001b3u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
    out.emplace_back(buf);
    return out;
  }
  for (int64_t i = 0; i < n.shape[0]; ++i) {
    if (!ir::is_floating(n.dtype)) {
      out.push_back(std::to_string(frontend::read_scalar(at(i), n.dtype).toLong()));
      continue;
    }
    std::string word;
    for (size_t k = 0; k < size; ++k) {
      char buf[3];
      std::snprintf(buf, sizeof buf, "%02x", at(i)[k]);
      word += buf;
    }
    out.push_back(word);
  }
  return out;
}

}  // namespace kiln::testing
