#include "runtime/dump.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>

namespace kiln::runtime {

namespace {

const std::set<std::string, std::less<>> kStages = {"graph", "passes", "kernels", "llvm", "asm", "dot"};

// The stages named by KILN_DUMP, read once.
const std::set<std::string, std::less<>>& enabled_stages() {
  static const std::set<std::string, std::less<>> stages = [] {
    std::set<std::string, std::less<>> s;
    const char* env = std::getenv("KILN_DUMP");
    std::string_view rest = env ? env : "";
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string name(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      if (name == "all") {
        s.insert(kStages.begin(), kStages.end());
      } else if (kStages.count(name)) {
        s.insert(name);
      } else if (!name.empty()) {
        std::cerr << "kiln: KILN_DUMP: unknown stage '" << name << "' (known: all, graph, passes, kernels, llvm, asm, dot)\n";
      }
    }
    return s;
  }();
  return stages;
}

}  // namespace

bool dump_enabled(std::string_view stage) { return enabled_stages().count(stage) != 0; }

bool dump_any() { return !enabled_stages().empty(); }

void dump(std::string_view stage, const std::string& title, const std::string& text) {
  static std::mutex mu;
  static int64_t count = 0;
  std::lock_guard lock(mu);
  std::string body = text;
  if (!body.empty() && body.back() != '\n') body += '\n';
  if (const char* dir = std::getenv("KILN_DUMP_DIR"); dir != nullptr && *dir != '\0') {
    // One file per dump, numbered in order: 0003-kernels-E_6_mul.txt.
    // Graphviz files end in .dot and carry the title as a comment, so
    // `dot -Tsvg` reads them as they are.
    bool dot = stage == "dot";
    std::string name = title.substr(0, title.find(" ("));
    for (char& c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
    char number[16];
    std::snprintf(number, sizeof number, "%04lld", static_cast<long long>(count++));
    std::string file = std::string(number) + "-" + std::string(stage) + "-" + name + (dot ? ".dot" : ".txt");
    std::filesystem::path path = std::filesystem::path(dir) / file;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::ofstream out(path);
    out << (dot ? "// " : "") << "=== kiln " << stage << ": " << title << " ===\n" << body;
    if (out) return;
    std::cerr << "kiln: KILN_DUMP_DIR: cannot write " << path << "; dumping to stderr\n";
  }
  std::cerr << "=== kiln " << stage << ": " << title << " ===\n" << body;
  std::cerr.flush();
}

}  // namespace kiln::runtime
