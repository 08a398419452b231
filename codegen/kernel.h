// Kernel IR: one fused kernel as a loop nest.
//
// A kernel iterates a nest of loops (outermost first; reduction loops
// innermost). At every point of the nest it evaluates `body`, a list of SSA
// instructions over scalars: loads through affine addresses (views folded
// into index math), constants and arithmetic. The value
// `result` is stored to the output at the affine address `store` — or, for a
// reduction, accumulated over the reduction loops and stored once per point
// of the outer loops.
//
//   kernel E_6_mul(%a0: f32, %a1: f32) loops=[6] {
//     %0 = load %a0[i0] : f32
//     %1 = const 2.0 : f32
//     %2 = mul %0, %1 : f32
//     store %a1[i0] = %2
//   }
//
// A reduction may end in an epilogue, its elementwise users computed on
// the reduced value before the store (`x.sum(1) * 2`):
//
//   kernel R_4x8_sum_mul(%a0: f32, %a1: f32) loops=[4, r8] {
//     %0 = load %a0[8*i0 + i1] : f32
//     acc = sum %0 over r-loops : f64
//     %e0 = acc : f32
//     %e1 = const 2.0 : f32
//     %e2 = mul %e0, %e1 : f32
//     store %a1[i0] = %e2
//   }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/dtype.h"
#include "ir/node.h"

namespace kiln::codegen {

// offset + sum(coef[l] * i_l) over the loop indices i_l.
struct Affine {
  std::vector<int64_t> coef;
  int64_t offset = 0;
  bool operator==(const Affine&) const = default;
};

struct Instr {
  enum class Kind {
    Load,   // element `index` of buffer argument `arg`, plus the int64 value `a` when a >= 0 (a gather)
    Const,  // `value`
    Alu,    // `op` (an ir unary, binary or ternary op, or cast) over `a` (and `b`, `c`)
    Acc,    // epilogue only: the reduction's result in `dtype` (an arg reduction's position)
  };
  Kind kind;
  ir::DType dtype;
  ir::Op op = ir::Op::Add;
  int a = -1, b = -1, c = -1;
  int arg = -1;
  Affine index;
  ir::Literal value = int64_t{0};
};

struct Loop {
  int64_t extent;
  bool reduce;
};

struct Kernel {
  std::string name;
  // Buffer arguments in call order: the inputs, then the output (last).
  std::vector<ir::DType> args;
  std::vector<Loop> loops;
  std::vector<Instr> body;
  int result = -1;
  // The reduction applied over the reduce loops (an ir Reduce op), if any,
  // and the type it accumulates in (ir::reduce_accumulator). ArgMax/ArgMin
  // also track `reduce_index`, the position of the current element among
  // the reduced ones, and store the position of the winner.
  std::optional<ir::Op> reduce;
  ir::DType acc_dtype = ir::DType::Float32;
  Affine reduce_index;
  // A reduction's elementwise users fused into its kernel (`x.sum(1) * 2`):
  // evaluated once per point of the outer loops, after the reduction, with
  // its own value numbering (printed %e0, %e1, ...); loads only at
  // outer-loop indices. When present, `epilogue_result` is stored instead of
  // acc.
  std::vector<Instr> epilogue;
  int epilogue_result = -1;
  Affine store;
  // Store with non-temporal vector stores (codegen/streaming_stores.h).
  bool streaming_store = false;

  bool is_arg_reduce() const { return reduce == ir::Op::ArgMax || reduce == ir::Op::ArgMin; }
  int output_arg() const { return static_cast<int>(args.size()) - 1; }
  // The loops that are not reductions come first; they are the parallel ones.
  size_t num_outer_loops() const;
};

class KernelSizes;

// The kernel in textual form. With `generic` (the sizes of `k`), its generic
// form, which the kernel cache keys on: sizes print as parameters s0, s1, ...
// and the name without its extents (codegen/kernel_sizes.h).
std::string print_kernel(const Kernel& k, const KernelSizes* generic = nullptr);

}  // namespace kiln::codegen
