#include "runtime/object_loader.h"

#include <dlfcn.h>
#include <elf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace kiln::runtime {

namespace {

[[noreturn]] void reject(const std::string& why) { throw UnsupportedObject("kiln object loader: " + why); }

// A record of the object at `offset`, copied out (the object's bytes need not
// be aligned for T); a truncated object is rejected.
template <typename T>
T read(std::string_view object, uint64_t offset) {
  if (offset > object.size() || object.size() - offset < sizeof(T)) reject("truncated object");
  T v;
  std::memcpy(&v, object.data() + offset, sizeof(T));
  return v;
}

uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

// The mapping's three parts, in this order, each starting on a page.
enum Part { kCode, kConstants, kData, kParts };

// An unconditional jump to an absolute address: jmp *0(%rip), then the
// address: how the code's rel32 calls reach functions anywhere in the process.
constexpr uint64_t kStubSize = 16;
constexpr unsigned char kStubJump[6] = {0xff, 0x25, 0, 0, 0, 0};

struct Loader {
  std::string_view object;
  std::vector<Elf64_Shdr> sections;
  std::vector<std::optional<uint64_t>> placed;  // per section: offset in the mapping, if loaded
  Elf64_Shdr symtab{};
  std::vector<Elf64_Sym> symbols;
  // Per symbol: its GOT slot's and jump stub's offsets in the mapping, if it needs them.
  std::vector<std::optional<uint64_t>> got, stub;
  uint64_t part_begin[kParts + 1] = {};
  char* base = nullptr;

  std::string_view string(const Elf64_Shdr& table, uint64_t at) const {
    if (at >= table.sh_size || table.sh_offset > object.size() || object.size() - table.sh_offset < table.sh_size) {
      reject("bad string table");
    }
    std::string_view all = object.substr(table.sh_offset, table.sh_size);
    size_t end = all.find('\0', at);
    if (end == std::string_view::npos) reject("unterminated string");
    return all.substr(at, end - at);
  }

  std::string section_name(const Elf64_Shdr& s, uint16_t shstrndx) const {
    return shstrndx < sections.size() ? std::string(string(sections[shstrndx], s.sh_name)) : "?";
  }

  void read_headers() {
    auto eh = read<Elf64_Ehdr>(object, 0);
    if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) reject("not an ELF object");
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_type != ET_REL ||
        eh.e_machine != EM_X86_64) {
      reject("not a little-endian x86-64 relocatable ELF64 object");
    }
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0) reject("unexpected section header table");
    for (uint16_t i = 0; i < eh.e_shnum; ++i) {
      sections.push_back(read<Elf64_Shdr>(object, eh.e_shoff + uint64_t{i} * sizeof(Elf64_Shdr)));
    }
    for (const Elf64_Shdr& s : sections) {
      if (s.sh_type != SHT_SYMTAB) continue;
      if (!symbols.empty()) reject("more than one symbol table");
      if (s.sh_entsize != sizeof(Elf64_Sym) || s.sh_link >= sections.size()) reject("bad symbol table");
      symtab = s;
      for (uint64_t at = 0; at < s.sh_size; at += sizeof(Elf64_Sym)) {
        symbols.push_back(read<Elf64_Sym>(object, s.sh_offset + at));
      }
    }
    got.resize(symbols.size());
    stub.resize(symbols.size());
    layout(eh.e_shstrndx);
  }

  // Which sections load into which part, and where.
  void layout(uint16_t shstrndx) {
    placed.resize(sections.size());
    std::vector<uint64_t> size(kParts, 0);
    std::vector<std::vector<size_t>> members(kParts);
    for (size_t i = 0; i < sections.size(); ++i) {
      const Elf64_Shdr& s = sections[i];
      if ((s.sh_flags & SHF_ALLOC) == 0) continue;  // symbols, relocations, notes, debug info
      std::string name = section_name(s, shstrndx);
      if (s.sh_type == SHT_X86_64_UNWIND || name == ".eh_frame") continue;
      if ((s.sh_flags & SHF_TLS) != 0) reject("thread-local section " + name);
      if (s.sh_type != SHT_PROGBITS && s.sh_type != SHT_NOBITS) {
        reject("section " + name + " of type " + std::to_string(s.sh_type));
      }
      if ((s.sh_flags & SHF_EXECINSTR) != 0 && (s.sh_flags & SHF_WRITE) != 0) reject("writable code in " + name);
      uint64_t align = s.sh_addralign == 0 ? 1 : s.sh_addralign;
      if ((align & (align - 1)) != 0 || align > static_cast<uint64_t>(sysconf(_SC_PAGESIZE))) {
        reject("alignment " + std::to_string(align) + " of " + name);
      }
      if (s.sh_type == SHT_PROGBITS && (s.sh_offset > object.size() || object.size() - s.sh_offset < s.sh_size)) {
        reject("truncated section " + name);
      }
      Part part = (s.sh_flags & SHF_EXECINSTR) != 0 ? kCode : (s.sh_flags & SHF_WRITE) != 0 ? kData : kConstants;
      size[part] = align_up(size[part], align);
      placed[i] = size[part];
      members[part].push_back(i);
      size[part] += s.sh_size;
    }
    // Stubs after the code, GOT slots after the constants: every symbol an
    // external call or a GOT-relative load names gets one.
    size[kCode] = align_up(size[kCode], kStubSize);
    size[kConstants] = align_up(size[kConstants], 8);
    for_each_relocation([&](const Elf64_Rela& r, uint32_t) {
      uint32_t sym = ELF64_R_SYM(r.r_info);
      uint32_t type = ELF64_R_TYPE(r.r_info);
      bool got_relative = type == R_X86_64_GOTPCREL || type == R_X86_64_GOTPCRELX || type == R_X86_64_REX_GOTPCRELX;
      if (got_relative && !got[sym]) {
        got[sym] = size[kConstants];
        size[kConstants] += 8;
      }
      if (type == R_X86_64_PLT32 && symbols[sym].st_shndx == SHN_UNDEF && !stub[sym]) {
        stub[sym] = size[kCode];
        size[kCode] += kStubSize;
      }
    });
    uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    for (int p = 0; p < kParts; ++p) {
      part_begin[p + 1] = part_begin[p] + align_up(size[p], page);
      for (size_t i : members[p]) *placed[i] += part_begin[p];
    }
    for (std::optional<uint64_t>& offset : got) {
      if (offset) *offset += part_begin[kConstants];
    }
  }

  // Calls f(relocation, index of the section it patches) for every
  // relocation of a loaded section.
  template <typename F>
  void for_each_relocation(F f) const {
    for (const Elf64_Shdr& s : sections) {
      if (s.sh_type == SHT_REL) reject("REL relocations (without addends)");
      if (s.sh_type != SHT_RELA || s.sh_info >= sections.size() || !placed[s.sh_info]) continue;
      if (s.sh_entsize != sizeof(Elf64_Rela) || s.sh_link >= sections.size() ||
          sections[s.sh_link].sh_type != SHT_SYMTAB) {
        reject("bad relocation section");
      }
      for (uint64_t at = 0; at < s.sh_size; at += sizeof(Elf64_Rela)) {
        auto r = read<Elf64_Rela>(object, s.sh_offset + at);
        if (ELF64_R_SYM(r.r_info) >= symbols.size()) reject("relocation against a missing symbol");
        if (r.r_offset > sections[s.sh_info].sh_size) reject("relocation outside its section");
        f(r, s.sh_info);
      }
    }
  }

  // The run-time address of symbol `i`.
  uint64_t address(uint32_t i) const {
    const Elf64_Sym& sym = symbols[i];
    if (sym.st_shndx == SHN_UNDEF) {
      std::string name(string(sections[symtab.sh_link], sym.st_name));
      void* found = dlsym(RTLD_DEFAULT, name.c_str());
      if (found == nullptr) reject("symbol " + name + " is not in this process");
      return reinterpret_cast<uint64_t>(found);
    }
    if (sym.st_shndx == SHN_ABS) return sym.st_value;
    if (sym.st_shndx >= sections.size() || !placed[sym.st_shndx]) reject("symbol in a section not loaded");
    return reinterpret_cast<uint64_t>(base) + *placed[sym.st_shndx] + sym.st_value;
  }

  void relocate() {
    std::vector<std::optional<uint64_t>> resolved(symbols.size());
    auto resolve = [&](uint32_t i) {
      if (!resolved[i]) resolved[i] = address(i);
      return *resolved[i];
    };
    for (uint32_t i = 0; i < symbols.size(); ++i) {
      if (got[i]) {
        uint64_t s = resolve(i);
        std::memcpy(base + *got[i], &s, 8);
      }
      if (stub[i]) {
        uint64_t s = resolve(i);
        std::memcpy(base + *stub[i], kStubJump, sizeof kStubJump);
        std::memcpy(base + *stub[i] + sizeof kStubJump, &s, 8);
      }
    }
    auto in_range = [](int64_t v, bool is_signed) {
      return is_signed ? v == static_cast<int32_t>(v) : static_cast<uint64_t>(v) == static_cast<uint32_t>(v);
    };
    for_each_relocation([&](const Elf64_Rela& r, uint32_t section) {
      uint32_t sym = ELF64_R_SYM(r.r_info);
      uint32_t type = ELF64_R_TYPE(r.r_info);
      char* where = base + *placed[section] + r.r_offset;
      auto p = static_cast<int64_t>(reinterpret_cast<uint64_t>(where));
      int64_t value = 0;
      int width = 4;
      bool is_signed = true;
      switch (type) {
        case R_X86_64_NONE:
          return;
        case R_X86_64_64:
          value = static_cast<int64_t>(resolve(sym)) + r.r_addend;
          width = 8;
          break;
        case R_X86_64_PC64:
          value = static_cast<int64_t>(resolve(sym)) + r.r_addend - p;
          width = 8;
          break;
        case R_X86_64_PC32:
        case R_X86_64_PLT32: {
          // Calls out of the object go through the symbol's stub, in reach
          // wherever the process put the function (always, not only when
          // out of reach, so that every kernel calling out tests the stubs).
          uint64_t s = stub[sym] ? reinterpret_cast<uint64_t>(base) + *stub[sym] : resolve(sym);
          value = static_cast<int64_t>(s) + r.r_addend - p;
          break;
        }
        case R_X86_64_GOTPCREL:
        case R_X86_64_GOTPCRELX:
        case R_X86_64_REX_GOTPCRELX:
          value = static_cast<int64_t>(reinterpret_cast<uint64_t>(base) + *got[sym]) + r.r_addend - p;
          break;
        case R_X86_64_32:
          value = static_cast<int64_t>(resolve(sym)) + r.r_addend;
          is_signed = false;
          break;
        case R_X86_64_32S:
          value = static_cast<int64_t>(resolve(sym)) + r.r_addend;
          break;
        default:
          reject("relocation type " + std::to_string(type));
      }
      if (sections[section].sh_size - r.r_offset < static_cast<uint64_t>(width)) reject("relocation outside its section");
      if (width == 4 && !in_range(value, is_signed)) reject("relocation type " + std::to_string(type) + " out of range");
      std::memcpy(where, &value, static_cast<size_t>(width));  // little-endian: the low bytes
    });
  }

  uint64_t entry(const std::string& name) const {
    for (uint32_t i = 0; i < symbols.size(); ++i) {
      const Elf64_Sym& s = symbols[i];
      if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF || s.st_shndx >= sections.size()) continue;
      if (!placed[s.st_shndx] || *placed[s.st_shndx] >= part_begin[kConstants]) continue;
      if (string(sections[symtab.sh_link], s.st_name) == name) return *placed[s.st_shndx] + s.st_value;
    }
    reject("no function " + name + " in the object");
  }
};

}  // namespace

void* load_object(std::string_view object, const std::string& symbol) {
  Loader l{object};
  l.read_headers();
  if (l.symbols.empty()) reject("no symbol table");
  uint64_t entry = l.entry(symbol);
  uint64_t size = l.part_begin[kParts];
  if (size == 0) reject("nothing to load");
  void* mapped = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) reject("mmap failed");
  l.base = static_cast<char*>(mapped);
  try {
    for (size_t i = 0; i < l.sections.size(); ++i) {
      const Elf64_Shdr& s = l.sections[i];
      if (l.placed[i] && s.sh_type == SHT_PROGBITS) std::memcpy(l.base + *l.placed[i], object.data() + s.sh_offset, s.sh_size);
    }
    l.relocate();
    if (mprotect(l.base, l.part_begin[kConstants], PROT_READ | PROT_EXEC) != 0 ||
        mprotect(l.base + l.part_begin[kConstants], l.part_begin[kData] - l.part_begin[kConstants], PROT_READ) != 0) {
      reject("mprotect failed");
    }
  } catch (...) {
    munmap(mapped, size);
    throw;
  }
  return l.base + entry;
}

}  // namespace kiln::runtime
