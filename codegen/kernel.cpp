#include "codegen/kernel.h"

#include "codegen/kernel_sizes.h"
#include "ir/printer.h"

namespace kiln::codegen {

size_t Kernel::num_outer_loops() const {
  size_t n = 0;
  while (n < loops.size() && !loops[n].reduce) ++n;
  return n;
}

namespace {

// `v` (an integer of the kernel) as written: its value, or in the generic
// form the parameter holding it.
std::string size_string(const int64_t& v, const KernelSizes* generic) {
  int p = generic ? generic->param(v) : -1;
  return p < 0 ? std::to_string(v) : "s" + std::to_string(p);
}

std::string affine_string(const Affine& a, const KernelSizes* generic) {
  std::string s;
  for (size_t l = 0; l < a.coef.size(); ++l) {
    if (a.coef[l] == 0) continue;
    if (!s.empty()) s += " + ";
    if (a.coef[l] != 1) s += size_string(a.coef[l], generic) + "*";
    s += "i" + std::to_string(l);
  }
  if (a.offset != 0 || s.empty()) {
    if (!s.empty()) s += " + ";
    s += size_string(a.offset, generic);
  }
  return s;
}

// Instructions of the body (`%3`) or of the epilogue (`%e3`).
std::string instrs_string(const std::vector<Instr>& list, const std::string& prefix, const KernelSizes* generic) {
  auto name = [&](int i) { return prefix + std::to_string(i); };
  std::string s;
  for (size_t i = 0; i < list.size(); ++i) {
    const Instr& in = list[i];
    s += "  " + name(static_cast<int>(i)) + " = ";
    switch (in.kind) {
      case Instr::Kind::Load:
        s += "load %a" + std::to_string(in.arg) + "[" + affine_string(in.index, generic);
        s += (in.a >= 0 ? " + " + name(in.a) : "") + "]";
        break;
      case Instr::Kind::Const:
        s += "const " + ir::literal_string(in.value, in.dtype);
        break;
      case Instr::Kind::Alu:
        s += std::string(ir::op_name(in.op)) + " " + name(in.a);
        if (in.b >= 0) s += ", " + name(in.b);
        if (in.c >= 0) s += ", " + name(in.c);
        break;
      case Instr::Kind::Acc:
        s += "acc";
        break;
    }
    s += " : " + std::string(ir::ir_name(in.dtype)) + "\n";
  }
  return s;
}

}  // namespace

std::string print_kernel(const Kernel& k, const KernelSizes* generic) {
  std::string s = "kernel " + (generic ? generic_name(k) : k.name) + "(";
  for (size_t i = 0; i < k.args.size(); ++i) {
    if (i) s += ", ";
    s += "%a" + std::to_string(i) + ": " + std::string(ir::ir_name(k.args[i]));
  }
  s += ") loops=[";
  for (size_t l = 0; l < k.loops.size(); ++l) {
    if (l) s += ", ";
    s += k.loops[l].reduce ? "r" : "";
    // The outermost parallel loop runs the range its caller passes.
    bool ranged = generic && l == 0 && !k.loops[l].reduce;
    s += ranged ? "*" : size_string(k.loops[l].extent, generic);
  }
  s += "] {\n" + instrs_string(k.body, "%", generic);
  std::string stored = "%" + std::to_string(k.result);
  if (k.reduce) {
    std::string at = k.is_arg_reduce() ? " at [" + affine_string(k.reduce_index, generic) + "]" : "";
    s += "  acc = " + std::string(ir::op_name(*k.reduce)) + " " + stored + at + " over r-loops : " +
         std::string(ir::ir_name(k.acc_dtype)) + "\n";
    stored = "acc";
  }
  if (!k.epilogue.empty()) {
    s += instrs_string(k.epilogue, "%e", generic);
    stored = "%e" + std::to_string(k.epilogue_result);
  }
  s += std::string(k.streaming_store ? "  store.nt" : "  store") + " %a" + std::to_string(k.output_arg()) + "[" + affine_string(k.store, generic) + "] = " + stored;
  s += "\n}\n";
  return s;
}

}  // namespace kiln::codegen
