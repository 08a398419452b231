// The realization plan cache: a realization whose pending graph has the
// same structure as an earlier one replays that realization's kernel
// launches, instead of running the passes, fusion, memory planning,
// lowering and the kernel cache lookups again. Programs that realize the
// same computation over and over (a training step, a loop body) pay those
// once; each later realization walks its graph once to build the key.
//
// The key holds everything the plan depends on: each node's op, dtype,
// shape and attributes (constants, axes, view strides and offsets), its
// operands, which buffers are the same memory, and how many references to
// each node come from outside the graph (a node held elsewhere keeps its
// memory: passes/memory_plan.h). Realizations that run work on the host
// (arange, linspace) are not cached. KILN_DUMP (any stage) and
// KILN_PLAN_CACHE=off turn the cache off, so dumps show every stage.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/kernel.h"
#include "ir/node.h"
#include "runtime/cpu_jit.h"

namespace kiln::runtime {

// One walk over a pending graph: its key and what a replay or a recording
// needs. Holds no references to the nodes (they would count as holders).
struct PendingGraph {
  std::string key;
  std::vector<ir::Node*> order;                      // operands first
  std::vector<std::shared_ptr<ir::Storage>> leaves;  // distinct input memory, in order of first use
  bool has_writes = false;                           // assign or scatter nodes (applied before planning)
};

// Whether realizations use the plan cache (see above).
bool plan_cache_enabled();

PendingGraph describe_pending(const std::vector<ir::NodePtr>& pending);

// Runs the plan cached for `g`'s key, if there is one.
bool replay_cached_plan(const PendingGraph& g);

// A cached realization. Memory is named by refs: the graph's leaves first,
// then each step's output.
struct Plan {
  struct Step {
    KernelFn fn;  // nullptr: an empty output, only allocated
    codegen::Kernel kernel;
    std::vector<int64_t> sizes;  // the kernel's run-time sizes (codegen/kernel_sizes.h)
    std::vector<int> args;    // input refs
    int reuse = -1;           // the ref whose memory the output takes, or -1
    std::size_t nbytes = 0;   // a fresh output's size
    int64_t bytes_moved = 0;  // for the stats
  };
  // Node `node` (an index into the graph's order) becomes a buffer over
  // `ref`'s memory, as in the recorded realization.
  struct Become {
    int node;
    int ref;
    ir::Shape strides;
    int64_t offset;
  };
  std::vector<Step> steps;
  std::vector<Become> becomes;
};

// Watches one realization of a pending graph and caches its plan.
class PlanRecorder {
 public:
  explicit PlanRecorder(const PendingGraph& g);
  // A kernel launch (fn == nullptr for an empty output, which only
  // allocates): the memory it read and wrote; `out_fresh`: the output is new
  // memory rather than memory an earlier step wrote.
  void kernel(KernelFn fn, const codegen::Kernel& k, const std::vector<int64_t>& sizes,
              const std::vector<std::shared_ptr<ir::Storage>>& inputs,
              const std::shared_ptr<ir::Storage>& out, bool out_fresh, int64_t bytes_moved);
  // A step the plan cannot replay (a ramp computed on the host).
  void unsupported() { supported_ = false; }
  // After the realization: caches the plan if every node that became a
  // buffer reads memory the plan knows.
  void finish();

 private:
  int ref_of(const ir::Storage* s) const;

  std::string key_;
  // Weak: the realization must see the same holders as without recording.
  std::vector<std::weak_ptr<ir::Node>> nodes_;
  std::vector<bool> was_buffer_;
  // Held until finish(), so that no new memory gets a freed one's address.
  std::vector<std::shared_ptr<ir::Storage>> refs_;
  Plan plan_;
  bool supported_ = true;
};

}  // namespace kiln::runtime
