#include "runtime/disk_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "runtime/stats.h"

namespace kiln::runtime::disk_cache {

namespace {

// An entry: magic, format version, key size and key, object size, the
// object's hash, the object. Integers little-endian. A new layout bumps the
// version (which is also part of every key, see kernel_cache.cpp).
constexpr std::string_view kMagic = "kilnKC\r\n";
constexpr uint32_t kVersion = 1;

using u128 = unsigned __int128;

u128 fnv1a_128(std::string_view bytes) {
  const u128 prime = (u128{1} << 88) | 0x13b;
  u128 h = (u128{0x6c62272e07bb0142} << 64) | 0x62b821756295c58d;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= prime;
  }
  return h;
}

std::string hex(u128 h) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s(32, '0');
  for (int i = 31; i >= 0; --i, h >>= 4) s[static_cast<size_t>(i)] = digits[static_cast<unsigned>(h & 0xf)];
  return s;
}

void put(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Reads what put() wrote, from `in` at `pos`; false past the end.
bool get(std::string_view in, size_t& pos, uint64_t& v, int bytes) {
  if (in.size() - pos < static_cast<size_t>(bytes)) return false;
  v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<unsigned char>(in[pos + i])} << (8 * i);
  pos += static_cast<size_t>(bytes);
  return true;
}

void put_hash(std::string& out, u128 h) {
  put(out, static_cast<uint64_t>(h), 8);
  put(out, static_cast<uint64_t>(h >> 64), 8);
}

// The object in `entry`, or nothing when the entry is not whole or not for
// `key`.
std::optional<std::string> parse(std::string&& entry, const std::string& key) {
  size_t pos = kMagic.size();
  uint64_t version = 0, key_size = 0, object_size = 0, lo = 0, hi = 0;
  if (entry.substr(0, kMagic.size()) != kMagic || !get(entry, pos, version, 4) || version != kVersion) return {};
  if (!get(entry, pos, key_size, 8) || key_size != key.size() || entry.substr(pos, key_size) != key) return {};
  pos += key_size;
  if (!get(entry, pos, object_size, 8) || !get(entry, pos, lo, 8) || !get(entry, pos, hi, 8)) return {};
  if (entry.size() - pos != object_size) return {};
  if (fnv1a_128(std::string_view(entry).substr(pos)) != ((u128{hi} << 64) | lo)) return {};
  entry.erase(0, pos);  // in place: a second buffer would be fresh pages to fault in
  return std::move(entry);
}

struct Dir {
  std::filesystem::path path;  // empty: the disk cache is off
  std::atomic<bool> writable{true};
};

std::filesystem::path configured_dir() {
  if (const char* env = std::getenv("KILN_CACHE_DIR")) {
    std::string_view v = env;
    if (v.empty() || v == "0" || v == "off") return {};
    return v;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "kiln";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "kiln";
  }
  return {};
}

Dir& dir() {
  static Dir d{configured_dir()};
  return d;
}

std::filesystem::path entry_path(const std::string& key) { return dir().path / (key_hash(key) + ".kernel"); }

// A cache that cannot be written costs a compile per kernel per process, not
// an error: say so once and stop trying.
void give_up(const std::filesystem::path& path, const std::string& why) {
  if (dir().writable.exchange(false)) {
    std::fprintf(stderr, "kiln: kernel cache %s not writable (%s); compiled kernels are not kept on disk\n",
                 path.c_str(), why.c_str());
  }
}

bool read_all(int fd, std::string& out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n <= 0) return false;  // an error, or the file shrank
    done += static_cast<size_t>(n);
  }
  return true;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::string key_hash(const std::string& key) { return hex(fnv1a_128(key)); }

std::optional<std::string> load(const std::string& key) {
  if (dir().path.empty()) return {};
  // One read into a buffer of the file's size: this is on the path of a
  // warm process's first realize.
  int fd = ::open(entry_path(key).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  std::string entry;
  bool read_whole = ::fstat(fd, &st) == 0;
  if (read_whole) {
    entry.resize(static_cast<size_t>(st.st_size));
    read_whole = read_all(fd, entry);
  }
  ::close(fd);
  std::optional<std::string> object = read_whole ? parse(std::move(entry), key) : std::nullopt;
  if (!object) ++stats().disk_rejects;
  return object;
}

void store(const std::string& key, const std::string& object) {
  Dir& d = dir();
  if (d.path.empty() || !d.writable) return;
  std::error_code ec;
  std::filesystem::create_directories(d.path, ec);
  if (ec) return give_up(d.path, ec.message());

  std::string entry(kMagic);
  put(entry, kVersion, 4);
  put(entry, key.size(), 8);
  entry += key;
  put(entry, object.size(), 8);
  put_hash(entry, fnv1a_128(object));
  entry += object;

  // A name no other writer uses (pid, and a counter for this process's
  // writes), in the same directory so that rename() replaces the entry
  // atomically: a reader sees the old entry or the new one, whole.
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path final_path = entry_path(key);
  std::filesystem::path tmp = final_path;
  tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return give_up(d.path, std::error_code(errno, std::generic_category()).message());
  bool ok = write_all(fd, entry);
  ok = (::close(fd) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    std::string why = std::error_code(errno, std::generic_category()).message();
    ::unlink(tmp.c_str());
    return give_up(d.path, why);
  }
  ++stats().disk_writes;
}

}  // namespace kiln::runtime::disk_cache
