// Which memory each kernel of a schedule writes: passes/memory_plan.h's
// decisions, made with what the runtime knows about who else holds a node,
// and said in dumps ("output; in place of E_16_exp").
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ir/node.h"
#include "passes/fuse.h"
#include "passes/memory_plan.h"

namespace kiln::runtime {

struct BufferPlan {
  passes::MemoryPlan plan;
  // The kernels lowered so far, by node, to name them in descriptions.
  std::unordered_map<const ir::Node*, std::string> kernel_names;

  // The value whose memory kernel `n` writes over, or null for fresh memory.
  const ir::Node* from(const ir::Node* n) const;
  // The operand kernel `n` is computed in place of, or null.
  const ir::Node* in_place_of(const ir::Node* n) const;
  // `reason`, and where kernel `n` writes when that is not fresh memory:
  // "output; in place of E_16_exp", "reduce; reuses the memory of R_16_max".
  std::string describe(const ir::Node* n, const std::string& reason) const;
};

// The plan for `schedule`, made after the passes over `optimized`;
// `recorded` are the roots as recorded, before the passes.
//
// A node's memory is never handed on while something outside the
// realization holds the node (a tensor, a pending node of another
// computation, a local of the caller). That is found by counting: each
// node's references against those the realization's own structures hold
// (the edges of the recorded and the optimized graph, their node and root
// lists, the schedule). Only references that exist are counted, so a miss
// makes a node look held, which only costs a reuse.
BufferPlan plan_buffers(const std::vector<ir::NodePtr>& recorded, const ir::Graph& optimized,
                        const passes::Schedule& schedule);

}  // namespace kiln::runtime
