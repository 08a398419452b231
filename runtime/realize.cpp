#include "runtime/realize.h"

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include "codegen/lower.h"
#include "ir/printer.h"
#include "ir/verify.h"
#include "ir/view.h"
#include "passes/fuse.h"
#include "runtime/assign.h"
#include "runtime/dump.h"
#include "runtime/host_storage.h"
#include "runtime/interpreter.h"
#include "runtime/ir_check.h"
#include "runtime/kernel_cache.h"
#include "runtime/ramp.h"

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

void run_kernel(const ir::NodePtr& node, const std::string& reason) {
  ir::Node& n = *node;
  auto out = allocate_host_for(n);
  if (ir::numel(n.shape) != 0) {
    codegen::LoweredKernel lk = codegen::lower(n);
    if (dump_enabled("kernels")) dump("kernels", lk.kernel.name + " (" + reason + ")", codegen::print_kernel(lk.kernel));
    KernelFn fn = cached_cpu_kernel(lk.kernel);
    std::vector<void*> args;
    for (const auto& s : lk.inputs) args.push_back(s->data());
    args.push_back(out->data());
    size_t outer = lk.kernel.num_outer_loops();
    fn(args.data(), 0, outer > 0 ? lk.kernel.loops[0].extent : 1);
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

void realize(const std::vector<ir::NodePtr>& roots) {
  std::vector<ir::NodePtr> pending;
  for (const auto& r : roots)
    if (!r->is_buffer()) pending.push_back(r);
  if (pending.empty()) return;
  if (dump_enabled("graph")) dump("graph", "realize", ir::print_graph(pending));
  if (auto err = ir::verify(pending)) throw std::logic_error("kiln: invalid graph: " + *err);
  if (ir_check_enabled()) check_ir_round_trip(pending);
  apply_pending_writes(pending);
  std::erase_if(pending, [](const ir::NodePtr& r) { return r->is_buffer(); });
  if (pending.empty()) return;

  if (backend() == Backend::Interpreter) {
    interpret_roots(pending);
    return;
  }
  passes::Schedule schedule = passes::fuse(pending);
  for (const passes::ScheduleItem& item : schedule.items) {
    switch (item.kind) {
      case passes::ScheduleItem::Kind::Alias:
        if (!alias_view(*item.node)) throw std::logic_error("kiln: a scheduled view has no strided form");
        break;
      case passes::ScheduleItem::Kind::Host: {
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
        run_kernel(item.node, item.reason);
        break;
    }
  }
}

}  // namespace kiln::runtime
