// KILN_DUMP: prints compiler stages to stderr as they happen.
//   KILN_DUMP=graph,passes,kernels,llvm,asm,dot   (any subset; "all" for every stage)
//   graph    the pending graph of each realization, in textual IR
//   passes   the graph after each pass that changed it
// KILN_DUMP_DIR=dir writes each dump to a file of its own there instead
// (dir/0003-kernels-E_6_mul.txt, numbered in order).
//   kernels  each kernel in kernel IR, with the reason it was materialized
//   llvm     each kernel's optimized LLVM IR
//   asm      each kernel's assembly for the host CPU
//   dot      each realization's graph as Graphviz, kernels as clusters
#pragma once

#include <string>
#include <string_view>

namespace kiln::runtime {

bool dump_enabled(std::string_view stage);
// Whether KILN_DUMP names any stage.
bool dump_any();
void dump(std::string_view stage, const std::string& title, const std::string& text);

}  // namespace kiln::runtime
