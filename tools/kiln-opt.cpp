// kiln-opt: the compiler on a graph written in kiln's textual IR.
//
//   kiln-opt in.kir [--passes=a,b,c] [--emit=graph|kernels|generic|llvm|asm]
//
// Reads the graph (`-`: standard input), verifies it, runs the named graph
// passes in order (verifying after each), and prints one stage:
//   graph    the graph after the passes; with `fuse` last in --passes, each
//            node the schedule materializes is annotated with why
//   kernels  the schedule lowered to kernel IR, in schedule order, each
//            kernel with the reason it exists (fuse is implied); with
//            `memory-plan` last in --passes, also the memory it writes
//            over when not fresh ("output; in place of E_16_exp")
//   generic  the kernels' generic forms, sizes as parameters (the text the
//            kernel cache keys on, codegen/kernel_sizes.h), each followed
//            by its sizes' values
//   llvm     each kernel's optimized LLVM IR (as KILN_DUMP=llvm prints it)
//   asm      each kernel's assembly for the host CPU
// Nothing is computed: buffers get fresh, uninitialized host memory.
// Errors go to stderr as `kiln-opt: in.kir:3:14: error: ...`, exit code 1.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "codegen/kernel.h"
#include "codegen/kernel_sizes.h"
#include "codegen/lower.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verify.h"
#include "ir/view.h"
#include "ir/walk.h"
#include "passes/fuse.h"
#include "passes/pipeline.h"
#include "runtime/buffer_plan.h"
#include "runtime/cpu_jit.h"
#include "runtime/host_storage.h"

namespace kiln::opt {
namespace {

constexpr const char* kUsage =
    "usage: kiln-opt <in.kir | -> [--passes=a,b,c] [--emit=graph|kernels|generic|llvm|asm]\n";

// Bad command lines and graphs kiln-opt cannot handle: printed after
// "kiln-opt: error: ".
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `fuse` is not a rewrite: it decides which nodes become kernels, so it
// ends the graph pipeline; `memory-plan` then decides which memory each
// kernel writes (passes/memory_plan.h), as realization does. The rewrites
// are the pass manager's (passes/pipeline.h).
constexpr const char* kSchedulePass = "fuse";
constexpr const char* kMemoryPass = "memory-plan";

std::string known_passes() {
  std::string s;
  for (const std::string& p : passes::known_passes()) s += p + ", ";
  return s + kSchedulePass + ", " + kMemoryPass;
}

struct Options {
  std::string input;
  std::vector<std::string> passes;
  bool schedule = false;     // `fuse` was named
  bool memory_plan = false;  // `memory-plan` was named (it implies fuse)
  std::string emit = "graph";
};

void add_passes(std::string_view list, Options& o) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string name(list.substr(0, comma));
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    if (o.memory_plan) throw Failure("'memory-plan' must be the last pass: it plans the kernels' memory");
    if (name == kMemoryPass) {
      o.schedule = o.memory_plan = true;
      continue;
    }
    if (o.schedule) throw Failure("'fuse' must be the last graph pass: it schedules the graph into kernels");
    if (name == kSchedulePass) {
      o.schedule = true;
      continue;
    }
    const std::vector<std::string>& known = passes::known_passes();
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw Failure("unknown pass '" + name + "' (known: " + known_passes() + ")");
    o.passes.push_back(name);
  }
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg.substr(0, 9) == "--passes=") {
      add_passes(arg.substr(9), o);
    } else if (arg.substr(0, 7) == "--emit=") {
      o.emit = arg.substr(7);
      const std::vector<std::string> stages{"graph", "kernels", "generic", "llvm", "asm"};
      if (std::find(stages.begin(), stages.end(), o.emit) == stages.end())
        throw Failure("unknown --emit stage '" + o.emit + "' (known: graph, kernels, generic, llvm, asm)");
#ifndef KILN_HAVE_LLVM
      if (o.emit == "llvm" || o.emit == "asm") throw Failure("--emit=" + o.emit + " needs kiln built with KILN_LLVM=ON");
#endif
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw Failure("unknown option '" + std::string(arg) + "'\n" + kUsage);
    } else if (!o.input.empty()) {
      throw Failure("more than one input file\n" + std::string(kUsage));
    } else {
      o.input = arg;
    }
  }
  if (o.input.empty()) throw Failure(std::string("no input file\n") + kUsage);
  if (o.memory_plan && o.emit == "graph") throw Failure("'memory-plan' plans the kernels' memory: see it with --emit=kernels");
  return o;
}

std::string read_input(const std::string& path) {
  if (path == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure("cannot open '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string describe(const passes::ScheduleItem& item) {
  switch (item.kind) {
    case passes::ScheduleItem::Kind::Kernel:
      return "kernel (" + item.reason + ")";
    case passes::ScheduleItem::Kind::Alias:
      return "view";
    case passes::ScheduleItem::Kind::Host:
      return "host (" + item.reason + ")";
  }
  return "";
}

std::string annotated_graph(const ir::Graph& g) {
  passes::Schedule s = passes::fuse(g.roots);
  return ir::print_graph(g, [&](const ir::Node& n) {
    auto it = s.index.find(&n);
    return it == s.index.end() ? std::string() : describe(s.items[it->second]);
  });
}

// One kernel as the --emit stage shows it.
std::string kernel_text(const codegen::Kernel& k, [[maybe_unused]] const std::string& emit) {
#ifdef KILN_HAVE_LLVM
  if (emit == "llvm") return runtime::CpuJit::instance().llvm_ir(k);
  if (emit == "asm") return runtime::CpuJit::instance().assembly(k);
#endif
  if (emit == "generic") {
    codegen::KernelSizes sizes(k);
    std::string values;
    for (size_t i = 0; i < sizes.values().size(); ++i)
      values += (i ? ", s" : "s") + std::to_string(i) + " = " + std::to_string(sizes.values()[i]);
    return codegen::print_kernel(k, &sizes) + "// sizes: " + (values.empty() ? "none" : values) + "\n";
  }
  return codegen::print_kernel(k);
}

// Walks the schedule as the runtime's realize() does, printing instead of
// running: each item's node then becomes a buffer (uninitialized memory,
// or the memory the buffer plan hands it), so the kernels after it load it,
// as they would at run time.
void print_schedule(const ir::Graph& g, const Options& o, std::ostream& out) {
  const std::string& emit = o.emit;
  const std::vector<ir::NodePtr>& roots = g.roots;
  for (const ir::Node* n : ir::topo_order(roots))
    if (ir::op_kind(n->op) == ir::OpKind::Assign)
      throw Failure("--emit=" + emit + ": the graph writes memory ('" + std::string(ir::op_name(n->op)) +
                    "'), which the runtime applies by running the kernels under it; only --emit=graph shows it");
  auto header = [&](const std::string& title) { out << "=== kiln " << emit << ": " << title << " ===\n"; };
  passes::Schedule schedule = passes::fuse(roots);
  runtime::BufferPlan memory;
  if (o.memory_plan) memory = runtime::plan_buffers(roots, g, schedule);
  for (const passes::ScheduleItem& item : schedule.items) {
    ir::Node& n = *item.node;
    if (item.kind == passes::ScheduleItem::Kind::Alias) {
      auto view = ir::strided_view(&n, [](const ir::Node* m) { return m->is_buffer(); });
      if (!view) throw std::logic_error("a scheduled view has no strided form");
      n.become_buffer(view->base->storage, view->strides, view->offset);
      continue;
    }
    if (item.kind == passes::ScheduleItem::Kind::Host) {
      header("host " + std::string(ir::op_name(n.op)) + " (" + item.reason + ")");
      out << ir::print_graph({item.node});
    } else if (ir::numel(n.shape) != 0) {  // the runtime runs no kernel for an empty result
      codegen::LoweredKernel lk = codegen::lower(n, {}, memory.in_place_of(&n));
      header(lk.kernel.name + " (" + memory.describe(&n, item.reason) + ")");
      memory.kernel_names[&n] = lk.kernel.name;
      // The graph's loc(...) lines fused into the kernel, as KILN_DUMP=kernels lists them.
      std::string from = codegen::sources_line(lk.sources);
      if (emit == "kernels" && !from.empty()) out << "// " << from << "\n";
      out << kernel_text(lk.kernel, emit);
    }
    const ir::Node* from = memory.from(&n);
    n.become_buffer(from ? from->storage : runtime::allocate_host_for(n), ir::contiguous_strides(n.shape), 0);
  }
}

int run(const Options& o) {
  std::string text = read_input(o.input);
  ir::Graph g;
  try {
    g = ir::parse_graph_nodes(text, runtime::allocate_host);
  } catch (const ir::ParseError& e) {
    std::cerr << "kiln-opt: " << (o.input == "-" ? "<stdin>" : o.input) << ":" << e.what() << "\n";
    return 1;
  }
  // Verified after every pass (a logic_error names the pass).
  g = passes::run_pipeline(g, o.passes, passes::PipelineOptions{});
  if (o.emit == "graph") {
    std::cout << (o.schedule ? annotated_graph(g) : ir::print_graph(g));
  } else {
    print_schedule(g, o, std::cout);
  }
  return 0;
}

}  // namespace
}  // namespace kiln::opt

int main(int argc, char** argv) {
  try {
    return kiln::opt::run(kiln::opt::parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "kiln-opt: error: " << e.what() << "\n";
    return 1;
  }
}
