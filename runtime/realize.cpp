#include "runtime/realize.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "codegen/lower.h"
#include "ir/graph.h"
#include "ir/printer.h"
#include "ir/verify.h"
#include "ir/view.h"
#include "passes/fuse.h"
#include "passes/pipeline.h"
#include "runtime/assign.h"
#include "runtime/buffer_plan.h"
#include "runtime/dot.h"
#include "runtime/dump.h"
#include "runtime/host_storage.h"
#include "runtime/interpreter.h"
#include "runtime/ir_check.h"
#include "runtime/kernel_cache.h"
#include "runtime/launch.h"
#include "runtime/plan_cache.h"
#include "runtime/ramp.h"
#include "runtime/stats.h"

namespace kiln::runtime {

namespace {

Backend initial_backend() {
  const char* env = std::getenv("KILN_BACKEND");
  std::string name = env ? env : "";
  if (name == "interp") return Backend::Interpreter;
  if (name == "jit" && !jit_available()) std::cerr << "kiln: KILN_BACKEND=jit: built without LLVM, using the interpreter\n";
  if (!name.empty() && name != "jit" && name != "interp") {
    std::cerr << "kiln: KILN_BACKEND: unknown engine '" << name << "' (known: jit, interp)\n";
  }
  return jit_available() ? Backend::Jit : Backend::Interpreter;
}

std::atomic<Backend>& backend_setting() {
  static std::atomic<Backend> b{initial_backend()};
  return b;
}

// What a kernel reads: each input up to the elements its loops visit.
int64_t bytes_read(const codegen::LoweredKernel& lk) {
  int64_t visits = 1;
  for (const codegen::Loop& l : lk.kernel.loops) visits *= l.extent;
  int64_t bytes = 0;
  for (size_t i = 0; i < lk.inputs.size(); ++i) {
    auto size = static_cast<int64_t>(ir::itemsize(lk.kernel.args[i]));
    bytes += std::min(static_cast<int64_t>(lk.inputs[i]->nbytes()), visits * size);
  }
  return bytes;
}

void run_kernel(const ir::NodePtr& node, const std::string& reason, BufferPlan& memory, PlanRecorder* recorder) {
  ir::Node& n = *node;
  const ir::Node* from = memory.from(&n);
  const ir::Node* in_place = memory.in_place_of(&n);
  auto out = from ? from->storage : allocate_host_for(n);
  if (from) ++stats().buffers_reused;
  if (ir::numel(n.shape) != 0) {
    codegen::LoweredKernel lk = codegen::lower(n, {}, in_place);
    if (dump_enabled("kernels")) {
      std::string sources = codegen::sources_line(lk.sources);
      dump("kernels", lk.kernel.name + " (" + memory.describe(&n, reason) + ")",
           (sources.empty() ? "" : "// " + sources + "\n") + codegen::print_kernel(lk.kernel));
    }
    memory.kernel_names[&n] = lk.kernel.name;
    codegen::KernelSizes sizes(lk.kernel);
    KernelFn fn = cached_cpu_kernel(lk.kernel, sizes);
    std::vector<void*> args;
    for (const auto& s : lk.inputs) args.push_back(s->data());
    args.push_back(out->data());
    launch(fn, lk.kernel, args.data(), sizes.values().data());
    // An in-place kernel also reads its output's memory.
    int64_t bytes = static_cast<int64_t>(out->nbytes()) * (in_place ? 2 : 1) + bytes_read(lk);
    stats().bytes_moved += bytes;
    if (recorder) recorder->kernel(fn, lk.kernel, sizes.values(), lk.inputs, out, !from, bytes);
  } else if (recorder) {
    recorder->kernel(nullptr, {}, {}, {}, out, !from, 0);
  }
  n.become_buffer(std::move(out), ir::contiguous_strides(n.shape), 0);
}

bool is_buffer(const ir::Node* n) { return n->is_buffer(); }

// Makes `n`, a movement chain over a realized value, an alias of its memory;
// false when no strided view describes it.
bool alias_view(ir::Node& n) {
  auto view = ir::strided_view(&n, is_buffer);
  if (!view) return false;
  n.become_buffer(view->base->storage, view->strides, view->offset);
  return true;
}

// The reference interpreter computes values; views stay views, as in the
// JIT's schedule, so data_ptr of a view points into its base in both.
void interpret_roots(const std::vector<ir::NodePtr>& roots) {
  std::vector<ir::NodePtr> values, views;
  for (const auto& r : roots) {
    if (ir::op_kind(r->op) != ir::OpKind::Movement) {
      values.push_back(r);
      continue;
    }
    views.push_back(r);
    ir::NodePtr base = r;
    while (ir::op_kind(base->op) == ir::OpKind::Movement) base = base->srcs[0];
    if (!base->is_buffer()) values.push_back(base);
  }
  interpret(values);
  std::vector<ir::NodePtr> copies;
  for (const auto& v : views)
    if (!v->is_buffer() && !alias_view(*v)) copies.push_back(v);
  if (!copies.empty()) interpret(copies);
}

// The roots that are not buffers yet.
std::vector<ir::NodePtr> unrealized(const std::vector<ir::NodePtr>& roots) {
  std::vector<ir::NodePtr> out;
  for (const auto& r : roots)
    if (!r->is_buffer()) out.push_back(r);
  return out;
}

// Verifying after every pass costs a walk per pass: done in debug builds
// and when KILN_CHECK_IR is set (the test suite sets it).
bool verify_passes() {
#ifndef NDEBUG
  return true;
#else
  return ir_check_enabled();
#endif
}

// The default pass pipeline over the pending graph; roots keep their own
// memory (PipelineOptions::keep_roots). KILN_DUMP=passes shows each pass
// that changed the graph.
ir::Graph optimize(const std::vector<ir::NodePtr>& pending) {
  passes::PipelineOptions options;
  options.keep_roots = true;
  options.verify = verify_passes();
  if (dump_enabled("passes")) {
    // A rewrite rebuilds every node above one it changed, roots included,
    // and dce only drops nodes: equal roots and node counts mean no change.
    options.after_pass = [](const std::string& pass, const ir::Graph& before, const ir::Graph& after) {
      if (after.roots != before.roots || after.nodes.size() != before.nodes.size())
        dump("passes", "after " + pass, ir::print_graph(after.roots));
    };
  }
  return passes::run_pipeline(ir::graph_of(pending), passes::default_pipeline(), options);
}

}  // namespace

bool jit_available() {
#ifdef KILN_HAVE_LLVM
  return true;
#else
  return false;
#endif
}

Backend backend() { return backend_setting().load(); }

void set_backend(Backend b) {
  if (b == Backend::Jit && !jit_available()) throw std::invalid_argument("kiln was built without the LLVM JIT");
  backend_setting().store(b);
}

std::vector<PlannedKernel> kernel_plan(const std::vector<ir::NodePtr>& roots) {
  std::vector<ir::NodePtr> pending = unrealized(roots);
  apply_pending_writes(pending);
  pending = unrealized(pending);
  std::vector<PlannedKernel> plan;
  if (pending.empty()) return plan;
  ir::Graph optimized = optimize(pending);
  passes::Schedule schedule = passes::fuse(optimized.roots);
  BufferPlan memory = plan_buffers(pending, optimized, schedule);
  auto planned = [&](const ir::Node* n) { return schedule.materialized(n); };
  for (const passes::ScheduleItem& item : schedule.items) {
    const ir::Node* n = item.node.get();
    if (item.kind == passes::ScheduleItem::Kind::Host) {
      std::vector<ir::Loc> from;
      if (n->loc.known()) from.push_back(n->loc);
      plan.push_back({"host " + std::string(ir::op_name(n->op)), item.reason, std::move(from)});
    } else if (item.kind == passes::ScheduleItem::Kind::Kernel && ir::numel(n->shape) != 0) {
      codegen::LoweredKernel lk = codegen::lower(*n, planned, memory.in_place_of(n));
      memory.kernel_names[n] = lk.kernel.name;
      plan.push_back({lk.kernel.name, memory.describe(n, item.reason), std::move(lk.sources)});
    }
  }
  return plan;
}

void realize(const std::vector<ir::NodePtr>& roots) {
  std::vector<ir::NodePtr> pending = unrealized(roots);
  if (pending.empty()) return;
  ++stats().realizations;
  if (dump_enabled("graph")) dump("graph", "realize", ir::print_graph(pending));
  // A graph with the structure of one realized before was verified then:
  // its plan runs at once. Writes are applied first, so graphs with writes
  // are described after that.
  std::optional<PendingGraph> described;
  if (backend() == Backend::Jit && plan_cache_enabled()) {
    described = describe_pending(pending);
    if (!described->has_writes && replay_cached_plan(*described)) return;
  }
  if (auto err = ir::verify(pending)) throw std::logic_error("kiln: invalid graph: " + *err);
  if (ir_check_enabled()) check_ir_round_trip(pending);
  apply_pending_writes(pending);
  pending = unrealized(pending);
  if (pending.empty()) return;

  if (backend() == Backend::Interpreter) {
    interpret_roots(pending);
    return;
  }
  std::optional<PlanRecorder> recorder;
  if (described) {
    if (described->has_writes) {
      described = describe_pending(pending);
      if (replay_cached_plan(*described)) return;
    }
    recorder.emplace(*described);
  }
  // The JIT runs the graph passes first; the interpreter computes the graph
  // as recorded, so it stays the reference the passes are tested against.
  ir::Graph optimized = optimize(pending);
  passes::Schedule schedule = passes::fuse(optimized.roots);
  BufferPlan memory = plan_buffers(pending, optimized, schedule);
  if (dump_enabled("dot")) dump("dot", "realize", graph_dot(optimized.roots, schedule, memory));
  for (const passes::ScheduleItem& item : schedule.items) {
    switch (item.kind) {
      case passes::ScheduleItem::Kind::Alias:
        if (!alias_view(*item.node)) throw std::logic_error("kiln: a scheduled view has no strided form");
        break;
      case passes::ScheduleItem::Kind::Host: {
        if (recorder) recorder->unsupported();
        ir::Node& n = *item.node;
        if (dump_enabled("kernels")) {
          dump("kernels", "host " + std::string(ir::op_name(n.op)) + " (" + item.reason + ")", ir::print_graph({item.node}));
        }
        auto out = allocate_host_for(n);
        fill_ramp(n, out->data());
        n.become_buffer(std::move(out), ir::contiguous_strides(n.shape), 0);
        break;
      }
      case passes::ScheduleItem::Kind::Kernel:
        run_kernel(item.node, item.reason, memory, recorder ? &*recorder : nullptr);
        break;
    }
  }
  // A root the passes rebuilt (over new operands) hands its value to the
  // tensor's node.
  for (size_t i = 0; i < pending.size(); ++i) {
    const ir::NodePtr& done = optimized.roots[i];
    if (done != pending[i]) pending[i]->become_buffer(done->storage, done->strides, done->offset);
  }
  if (recorder) recorder->finish();
}

}  // namespace kiln::runtime
