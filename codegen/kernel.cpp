#include "codegen/kernel.h"

#include "ir/printer.h"

namespace kiln::codegen {

size_t Kernel::num_outer_loops() const {
  size_t n = 0;
  while (n < loops.size() && !loops[n].reduce) ++n;
  return n;
}

namespace {

std::string affine_string(const Affine& a) {
  std::string s;
  for (size_t l = 0; l < a.coef.size(); ++l) {
    if (a.coef[l] == 0) continue;
    if (!s.empty()) s += " + ";
    if (a.coef[l] != 1) s += std::to_string(a.coef[l]) + "*";
    s += "i" + std::to_string(l);
  }
  if (a.offset != 0 || s.empty()) {
    if (!s.empty()) s += " + ";
    s += std::to_string(a.offset);
  }
  return s;
}

// Instructions of the body (`%3`) or of the epilogue (`%e3`).
std::string instrs_string(const std::vector<Instr>& list, const std::string& prefix) {
  auto name = [&](int i) { return prefix + std::to_string(i); };
  std::string s;
  for (size_t i = 0; i < list.size(); ++i) {
    const Instr& in = list[i];
    s += "  " + name(static_cast<int>(i)) + " = ";
    switch (in.kind) {
      case Instr::Kind::Load:
        s += "load %a" + std::to_string(in.arg) + "[" + affine_string(in.index);
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

std::string print_kernel(const Kernel& k) {
  std::string s = "kernel " + k.name + "(";
  for (size_t i = 0; i < k.args.size(); ++i) {
    if (i) s += ", ";
    s += "%a" + std::to_string(i) + ": " + std::string(ir::ir_name(k.args[i]));
  }
  s += ") loops=[";
  for (size_t l = 0; l < k.loops.size(); ++l) {
    if (l) s += ", ";
    s += (k.loops[l].reduce ? "r" : "") + std::to_string(k.loops[l].extent);
  }
  s += "] {\n" + instrs_string(k.body, "%");
  std::string stored = "%" + std::to_string(k.result);
  if (k.reduce) {
    std::string at = k.is_arg_reduce() ? " at [" + affine_string(k.reduce_index) + "]" : "";
    s += "  acc = " + std::string(ir::op_name(*k.reduce)) + " " + stored + at + " over r-loops : " +
         std::string(ir::ir_name(k.acc_dtype)) + "\n";
    stored = "acc";
  }
  if (!k.epilogue.empty()) {
    s += instrs_string(k.epilogue, "%e");
    stored = "%e" + std::to_string(k.epilogue_result);
  }
  s += "  store %a" + std::to_string(k.output_arg()) + "[" + affine_string(k.store) + "] = " + stored + "\n}\n";
  return s;
}

}  // namespace kiln::codegen
