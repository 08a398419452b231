#include "runtime/cpu_jit.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/Target/TargetMachine.h>

#include "codegen/kernel_sizes.h"
#include "codegen/llvm/emit.h"
#include "runtime/dump.h"
#include "runtime/object_loader.h"
#include "runtime/stats.h"

namespace kiln::runtime {

namespace {

template <typename T>
T unwrap(llvm::Expected<T> v, const char* what) {
  if (!v) throw std::runtime_error(std::string("kiln: ") + what + ": " + llvm::toString(v.takeError()));
  return std::move(*v);
}

void check(llvm::Error e, const char* what) {
  if (e) throw std::runtime_error(std::string("kiln: ") + what + ": " + llvm::toString(std::move(e)));
}

// The host CPU's code for `m`, as assembly or an object file (code
// generation changes the module).
std::string emit(llvm::TargetMachine& tm, llvm::Module& m, llvm::CodeGenFileType type) {
  llvm::SmallString<0> bytes;
  llvm::raw_svector_ostream os(bytes);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr, type)) throw std::runtime_error("kiln: the host target cannot emit code");
  pm.run(m);
  return std::string(bytes.str());
}

// KILN_OBJECT_LOADER: who links kernel objects into the process. Unset,
// kiln's loader (runtime/object_loader.h), with LLJIT for an object it cannot
// load; "kiln": kiln's loader only, such an object is an error (the tests use
// it to prove the loader takes every kernel they compile); "orc": LLJIT only.
enum class Linker { KilnThenOrc, Kiln, Orc };

Linker linker_setting() {
  const char* env = std::getenv("KILN_OBJECT_LOADER");
  std::string name = env != nullptr ? env : "";
  if (name == "kiln") return Linker::Kiln;
  if (name == "orc") return Linker::Orc;
  if (!name.empty()) std::cerr << "kiln: KILN_OBJECT_LOADER: unknown loader '" << name << "' (known: kiln, orc)\n";
  return Linker::KilnThenOrc;
}

}  // namespace

struct CpuJit::Impl {
  // The target machine and LLJIT are made when first needed: a process whose
  // kernels all come from the disk cache needs neither (making them is most
  // of its start-up).
  std::optional<llvm::orc::JITTargetMachineBuilder> jtmb;
  std::unique_ptr<llvm::TargetMachine> tm;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  Linker linker = linker_setting();
  std::string cpu, key;
  std::vector<std::string> features;  // "+avx2", "-avx512fp16", ...
  std::string feature_list;           // joined by commas
  bool avx512 = false;
  std::mutex mu;

  static void init_llvm() {
    static const bool done = [] {
      llvm::InitializeNativeTarget();
      llvm::InitializeNativeTargetAsmPrinter();
      return true;
    }();
    (void)done;
  }

  // detectHost's builder, from the CPU and features the key names.
  llvm::orc::JITTargetMachineBuilder& machine_builder() {
    if (jtmb) return *jtmb;
    llvm::orc::JITTargetMachineBuilder b{llvm::Triple(llvm::sys::getProcessTriple())};
    b.setCPU(cpu);
    b.addFeatures(features);
    b.setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
    // What LLJIT's JITLink linker expects on ELF; set here too because the
    // objects come from target(), not from LLJIT's own compiler.
    b.setRelocationModel(llvm::Reloc::PIC_);
    b.setCodeModel(llvm::CodeModel::Small);
    return jtmb.emplace(std::move(b));
  }

  llvm::TargetMachine& target() {
    init_llvm();
    if (!tm) tm = unwrap(machine_builder().createTargetMachine(), "creating the target machine");
    return *tm;
  }

  llvm::orc::LLJIT& orc() {
    if (jit) return *jit;
    init_llvm();
    // LLJIT only links objects (kernels never reach it as IR), so its IR
    // compiler makes its TargetMachine when asked, i.e. never; and kernels
    // have no static initializers for a platform to run. Both keep its
    // creation short.
    jit = unwrap(llvm::orc::LLJITBuilder()
                     .setJITTargetMachineBuilder(machine_builder())
                     .setCompileFunctionCreator([](llvm::orc::JITTargetMachineBuilder j)
                                                    -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
                                                  return std::make_unique<llvm::orc::ConcurrentIRCompiler>(std::move(j));
                                                })
                     .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
                     .create(),
                 "creating LLJIT");
    return *jit;
  }

  void optimize(llvm::Module& m) {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    // SLP vectorization builds the vectors of streaming stores
    // (codegen/streaming_stores.h) from the copies of a kernel's body.
    llvm::PipelineTuningOptions tuning;
    tuning.SLPVectorization = true;
    llvm::PassBuilder pb(&target(), tuning);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, mam);
  }

  // `k` as an optimized module for the host CPU, its function named `symbol`.
  std::unique_ptr<llvm::Module> build(const codegen::Kernel& k, const std::string& symbol, llvm::LLVMContext& ctx) {
    std::unique_ptr<llvm::Module> m = codegen::emit_llvm(k, symbol, ctx);
    m->setDataLayout(target().createDataLayout());
    m->setTargetTriple(target().getTargetTriple().str());
    for (llvm::Function& f : *m) {
      if (f.isDeclaration()) continue;
      f.addFnAttr("target-cpu", cpu);
      f.addFnAttr("target-features", feature_list);
      // LLVM defaults to 256-bit vectors on AVX-512 parts for fear of clock
      // throttling; the machines we target run 512-bit code at full speed.
      if (avx512) f.addFnAttr("prefer-vector-width", "512");
    }
    optimize(*m);
    return m;
  }
};

namespace {

std::string module_text(const llvm::Module& m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  return os.str();
}

}  // namespace

CpuJit::CpuJit() : impl_(std::make_unique<Impl>()) {
  // The host as JITTargetMachineBuilder::detectHost sees it, asking LLVM
  // for the CPU name and the features once each: every CPUID instruction
  // they run traps to the hypervisor in a VM (7 us each on the reference
  // machine), and detectHost, then the key, asked twice. A process whose
  // kernels all come from the disk cache needs only the key.
  impl_->cpu = llvm::sys::getHostCPUName().str();
  for (const auto& f : llvm::sys::getHostCPUFeatures())
    impl_->features.push_back((f.second ? "+" : "-") + f.first().str());
  std::sort(impl_->features.begin(), impl_->features.end());  // the map's order is its hashing's
  impl_->feature_list = llvm::join(impl_->features, ",");
  impl_->avx512 = std::binary_search(impl_->features.begin(), impl_->features.end(), "+avx512f");
  // Everything here and in build() that changes the code: a new option
  // here changes the key, so old disk cache entries are not loaded.
  impl_->key = std::string(LLVM_HOST_TRIPLE) + ";" + impl_->cpu + ";" + impl_->feature_list + ";LLVM " + LLVM_VERSION_STRING +
               ";O2;SLP;CodeGen Aggressive;PIC;small" + (impl_->avx512 ? ";prefer-vector-width=512" : "");
}

CpuJit::~CpuJit() = default;

CpuJit& CpuJit::instance() {
  static CpuJit jit;
  return jit;
}

const std::string& CpuJit::target_key() const { return impl_->key; }

std::string CpuJit::compile(const codegen::Kernel& k, const std::string& symbol) {
  std::lock_guard lock(impl_->mu);
  llvm::LLVMContext ctx;
  std::unique_ptr<llvm::Module> m = impl_->build(k, symbol, ctx);
  if (dump_enabled("llvm")) dump("llvm", k.name, module_text(*m));
  if (dump_enabled("asm")) {
    // Code generation changes the module it runs on: the assembly comes
    // from a copy, and the object from the original.
    dump("asm", k.name, emit(impl_->target(), *llvm::CloneModule(*m), llvm::CodeGenFileType::AssemblyFile));
  }
  return emit(impl_->target(), *m, llvm::CodeGenFileType::ObjectFile);
}

KernelFn CpuJit::load(const std::string& object, const std::string& symbol) {
  if (impl_->linker != Linker::Orc) {
    try {
      return reinterpret_cast<KernelFn>(load_object(object, symbol));
    } catch (const UnsupportedObject&) {
      if (impl_->linker == Linker::Kiln) throw;
    }
  }
  return link_with_llvm(object, symbol);
}

KernelFn CpuJit::link_with_llvm(const std::string& object, const std::string& symbol) {
  std::lock_guard lock(impl_->mu);
  ++stats().llvm_links;
  llvm::orc::LLJIT& jit = impl_->orc();
  check(jit.addObjectFile(llvm::MemoryBuffer::getMemBufferCopy(object, symbol)), "adding a kernel");
  auto addr = unwrap(jit.lookup(symbol), "looking up a kernel");
  return addr.toPtr<KernelFn>();
}

std::string CpuJit::llvm_ir(const codegen::Kernel& k) {
  std::lock_guard lock(impl_->mu);
  llvm::LLVMContext ctx;
  return module_text(*impl_->build(k, "kiln_" + codegen::generic_name(k), ctx));
}

std::string CpuJit::assembly(const codegen::Kernel& k) {
  std::lock_guard lock(impl_->mu);
  llvm::LLVMContext ctx;
  return emit(impl_->target(), *impl_->build(k, "kiln_" + codegen::generic_name(k), ctx),
              llvm::CodeGenFileType::AssemblyFile);
}


}  // namespace kiln::runtime
