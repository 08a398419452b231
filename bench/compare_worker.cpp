// kiln_compare_worker: the kiln side of `make bench-compare`
// (tools/bench_compare.py). It reads one command per line on stdin and
// answers one line on stdout, so the driver can interleave it call by call
// with the PyTorch worker while both keep their inputs in memory:
//   list                    one line per workload: name, bytes, flops, description (tab-separated), then "end"
//   run <name> <reps>       "ok" and the seconds of each call (the first run of a workload prepares its inputs)
//   probe <threads> <reps>  "ok", the triad's bytes, then the seconds of each pass
//   faults <reps>           "ok", the fresh buffer's bytes, then the seconds of each map + write + unmap
//   notes                   what the workloads found out about this kiln, one per line, then "end"
//   quit
// A failing workload answers "error <message>" (e.g. an op kiln does not
// support yet) and the worker goes on.
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "bandwidth_probe.h"
#include "child_process.h"
#include "page_fault_probe.h"
#include "workloads.h"

namespace {

// Answers `head` and the seconds of `reps` calls, on one line.
void answer_times(const std::string& head, int reps, const kiln_bench::Call& call) {
  std::ostringstream line;
  line.precision(9);
  line << head;
  for (int i = 0; i < reps; ++i) line << ' ' << call();
  std::cout << line.str() << std::endl;
}

}  // namespace

int main() {
  kiln_bench::PrivateDiskCache disk_cache;
  std::map<std::string, kiln_bench::Call> prepared;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string command;
    in >> command;
    try {
      if (command == "quit") break;
      if (command == "list") {
        for (const kiln_bench::Workload& w : kiln_bench::workloads()) {
          std::cout << w.name << '\t' << w.bytes << '\t' << w.flops << '\t' << w.description << '\n';
        }
        std::cout << "end" << std::endl;
      } else if (command == "faults") {
        int reps = 0;
        in >> reps;
        answer_times("ok " + std::to_string(kiln_bench::fresh_buffer_bytes()), reps, kiln_bench::fresh_buffer_seconds);
      } else if (command == "notes") {
        for (const std::string& n : kiln_bench::notes()) std::cout << n << '\n';
        std::cout << "end" << std::endl;
      } else if (command == "run") {
        std::string name;
        int reps = 0;
        in >> name >> reps;
        auto it = prepared.find(name);
        if (it == prepared.end()) it = prepared.emplace(name, kiln_bench::workload(name).prepare()).first;
        answer_times("ok", reps, it->second);
      } else if (command == "probe") {
        int threads = 0;
        int reps = 0;
        in >> threads >> reps;
        // An untimed pass first: the first pass after idle time runs at
        // half speed or less on the reference VM (its vCPUs wake slowly).
        kiln_bench::triad_seconds(threads);
        answer_times("ok " + std::to_string(kiln_bench::triad_bytes()), reps,
                     [threads] { return kiln_bench::triad_seconds(threads); });
      } else {
        std::cout << "error unknown command: " << line << std::endl;
      }
    } catch (const std::exception& e) {
      std::string message = e.what();
      for (char& ch : message) {
        if (ch == '\n') ch = ' ';
      }
      std::cout << "error " << message << std::endl;
    }
  }
  return 0;
}
