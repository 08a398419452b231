#include "runtime/plan_cache.h"

#include <cstdlib>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "ir/walk.h"
#include "runtime/dump.h"
#include "runtime/host_storage.h"
#include "runtime/launch.h"
#include "runtime/stats.h"

namespace kiln::runtime {

namespace {

// Distinct graph structures a process keeps plans for; past it the cache
// starts over (a program that keeps making new structures gains nothing).
constexpr size_t kMaxPlans = 1024;

struct Plans {
  std::mutex mu;
  std::unordered_map<std::string, Plan> by_key;
};

Plans& plans() {
  static Plans p;
  return p;
}

template <typename T>
void append(std::string& key, const T& v) {
  key.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void append_dims(std::string& key, const ir::Shape& dims) {
  append(key, dims.size());
  key.append(reinterpret_cast<const char*>(dims.data()), dims.size() * sizeof(int64_t));
}

void append_literal(std::string& key, const ir::Literal& v) {
  append(key, v.index());
  std::visit([&](auto x) { append(key, x); }, v);
}

}  // namespace

bool plan_cache_enabled() {
  static const bool enabled = [] {
    const char* env = std::getenv("KILN_PLAN_CACHE");
    std::string_view v = env ? env : "";
    return v != "off" && v != "0";
  }();
  return enabled && !dump_any();
}

PendingGraph describe_pending(const std::vector<ir::NodePtr>& pending) {
  PendingGraph g;
  g.order = ir::topo_order(pending);
  std::unordered_map<const ir::Node*, int> index(2 * g.order.size());
  for (size_t i = 0; i < g.order.size(); ++i) index.emplace(g.order[i], static_cast<int>(i));
  // References from inside the graph: operands and the pending list itself.
  std::vector<long> inside(g.order.size(), 0);
  for (const ir::Node* n : g.order)
    for (const ir::NodePtr& s : n->srcs) ++inside[static_cast<size_t>(index.at(s.get()))];
  std::string& key = g.key;
  key.reserve(96 * g.order.size());
  append(key, pending.size());
  for (const ir::NodePtr& r : pending) {
    int i = index.at(r.get());
    ++inside[static_cast<size_t>(i)];
    append(key, i);
  }
  std::unordered_map<const ir::Storage*, int> leaf;
  for (size_t i = 0; i < g.order.size(); ++i) {
    const ir::Node& n = *g.order[i];
    append(key, n.op);
    append(key, n.dtype);
    append_dims(key, n.shape);
    append(key, n.srcs.size());
    for (const ir::NodePtr& s : n.srcs) append(key, index.at(s.get()));
    ir::OpKind kind = ir::op_kind(n.op);
    g.has_writes = g.has_writes || kind == ir::OpKind::Assign;
    if (kind == ir::OpKind::Source && !n.is_buffer()) {  // the ops with literals
      append_literal(key, n.value);
      append_literal(key, n.step);
      append_literal(key, n.end);
    }
    append_dims(key, n.axes);
    append_dims(key, n.strides);
    append(key, n.offset);
    if (n.is_buffer()) {
      auto [it, fresh] = leaf.emplace(n.storage.get(), static_cast<int>(g.leaves.size()));
      if (fresh) g.leaves.push_back(n.storage);
      append(key, it->second);
      append(key, n.storage->nbytes());
    }
    append(key, n.weak_from_this().use_count() - inside[i]);
  }
  return g;
}

bool replay_cached_plan(const PendingGraph& g) {
  Plans& p = plans();
  std::lock_guard lock(p.mu);
  auto it = p.by_key.find(g.key);
  if (it == p.by_key.end()) return false;
  const Plan* plan = &it->second;
  // Nodes that become buffers are held until the end: an earlier one's
  // operands may be all that keeps a later one alive.
  std::vector<ir::NodePtr> becoming;
  for (const Plan::Become& b : plan->becomes) becoming.push_back(g.order[static_cast<size_t>(b.node)]->shared_from_this());
  std::vector<std::shared_ptr<ir::Storage>> refs = g.leaves;
  refs.reserve(refs.size() + plan->steps.size());
  Stats& s = stats();
  std::vector<void*> args;
  for (const Plan::Step& step : plan->steps) {
    std::shared_ptr<ir::Storage> out = step.reuse >= 0 ? refs[static_cast<size_t>(step.reuse)] : allocate_host(step.nbytes);
    if (step.reuse >= 0) ++s.buffers_reused;
    if (step.fn) {
      args.clear();
      for (int a : step.args) args.push_back(refs[static_cast<size_t>(a)]->data());
      args.push_back(out->data());
      launch(step.fn, step.kernel, args.data(), step.sizes.data());
      ++s.cache_hits;
      s.bytes_moved += step.bytes_moved;
    }
    refs.push_back(std::move(out));
  }
  for (size_t i = 0; i < becoming.size(); ++i) {
    const Plan::Become& b = plan->becomes[i];
    becoming[i]->become_buffer(refs[static_cast<size_t>(b.ref)], b.strides, b.offset);
  }
  ++s.plans_replayed;
  return true;
}

PlanRecorder::PlanRecorder(const PendingGraph& g) : key_(g.key), refs_(g.leaves) {
  nodes_.reserve(g.order.size());
  for (ir::Node* n : g.order) {
    nodes_.push_back(n->weak_from_this());
    was_buffer_.push_back(n->is_buffer());
  }
}

int PlanRecorder::ref_of(const ir::Storage* s) const {
  for (size_t i = 0; i < refs_.size(); ++i)
    if (refs_[i].get() == s) return static_cast<int>(i);
  return -1;
}

void PlanRecorder::kernel(KernelFn fn, const codegen::Kernel& k, const std::vector<int64_t>& sizes,
                          const std::vector<std::shared_ptr<ir::Storage>>& inputs,
                          const std::shared_ptr<ir::Storage>& out, bool out_fresh, int64_t bytes_moved) {
  Plan::Step step{fn, fn ? k : codegen::Kernel{}, sizes, {}, -1, 0, bytes_moved};
  for (const auto& in : inputs) {
    step.args.push_back(ref_of(in.get()));
    if (step.args.back() < 0) supported_ = false;
  }
  if (out_fresh) {
    step.nbytes = out->nbytes();
  } else {
    step.reuse = ref_of(out.get());
    if (step.reuse < 0) supported_ = false;
  }
  refs_.push_back(out);
  plan_.steps.push_back(std::move(step));
}

void PlanRecorder::finish() {
  if (!supported_) return;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    ir::NodePtr n = nodes_[i].lock();
    if (!n || was_buffer_[i] || !n->is_buffer()) continue;
    int ref = ref_of(n->storage.get());
    if (ref < 0) return;  // memory the plan did not make: not replayable
    plan_.becomes.push_back({static_cast<int>(i), ref, n->strides, n->offset});
  }
  Plans& p = plans();
  std::lock_guard lock(p.mu);
  if (p.by_key.size() >= kMaxPlans) p.by_key.clear();
  p.by_key.insert_or_assign(std::move(key_), std::move(plan_));
}

}  // namespace kiln::runtime
