#include "runtime/dump.h"

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <set>

namespace kiln::runtime {

namespace {

const std::set<std::string, std::less<>> kStages = {"graph", "passes", "kernels", "llvm"};

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
        std::cerr << "kiln: KILN_DUMP: unknown stage '" << name << "' (known: all, graph, passes, kernels, llvm)\n";
      }
    }
    return s;
  }();
  return stages;
}

}  // namespace

bool dump_enabled(std::string_view stage) { return enabled_stages().count(stage) != 0; }

void dump(std::string_view stage, const std::string& title, const std::string& text) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::cerr << "=== kiln " << stage << ": " << title << " ===\n" << text;
  if (!text.empty() && text.back() != '\n') std::cerr << '\n';
  std::cerr.flush();
}

}  // namespace kiln::runtime
