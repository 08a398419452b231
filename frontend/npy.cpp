// save_npy and load_npy: moving the bytes between .npy files and storages.
// The header text itself is npy_header.cpp's.
#include <kiln/npy.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "frontend/caller.h"
#include "frontend/nodes.h"
#include "frontend/npy_header.h"
#include "ir/node.h"

namespace kiln {

namespace {

// Files hold little-endian data and so does memory: only big-endian files
// need their bytes swapped.
static_assert(std::endian::native == std::endian::little, "the .npy reader and writer assume a little-endian host");

// Python's OSError text: what numpy.save and numpy.load users see for the
// same failure.
Error os_error(int err, const std::string& path) {
  return Error("[Errno " + std::to_string(err) + "] " + std::strerror(err) + ": '" + path + "'");
}

// An open file that reads and writes whole ranges, retrying interrupted and
// partial system calls.
class File {
 public:
  File(const std::string& path, int flags) : path_(path), fd_(::open(path.c_str(), flags | O_CLOEXEC, 0666)) {
    if (fd_ < 0) throw os_error(errno, path_);
  }
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  struct stat status() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw os_error(errno, path_);
    return st;
  }

  // Reads `n` bytes, fewer only when the file ends first; returns how many.
  size_t read(void* dst, size_t n) {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::read(fd_, static_cast<char*>(dst) + done, n - done);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw os_error(errno, path_);
      if (r == 0) break;
      done += static_cast<size_t>(r);
    }
    return done;
  }

  void write(const void* src, size_t n) {
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::write(fd_, static_cast<const char*>(src) + done, n - done);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw os_error(errno, path_);
      done += static_cast<size_t>(r);
    }
  }

  // Closes the file, reporting a failure of a write the system deferred.
  void close() {
    if (::close(std::exchange(fd_, -1)) != 0 && errno != EINTR) throw os_error(errno, path_);
  }

 private:
  std::string path_;
  int fd_;
};

// Copies the elements of a strided view out in row-major order, a chunk at
// a time: the writer streams a view to its file without copying it whole,
// the reader turns Fortran-order data into C order. An odometer over the
// dimensions, so any rank costs no recursion.
class RowMajorCopy {
 public:
  RowMajorCopy(const char* first, const ir::Shape& shape, const ir::Shape& strides, size_t itemsize)
      : first_(first), shape_(shape), strides_(strides), itemsize_(itemsize), index_(shape.size(), 0) {}

  // Copies the next `count` elements (no more than remain) to `out`.
  void next(char* out, int64_t count) {
    for (int64_t k = 0; k < count; ++k, out += itemsize_) {
      std::memcpy(out, first_ + at_ * static_cast<int64_t>(itemsize_), itemsize_);
      for (size_t d = shape_.size(); d-- > 0;) {
        at_ += strides_[d];
        if (++index_[d] < shape_[d]) break;
        at_ -= strides_[d] * shape_[d];
        index_[d] = 0;
      }
    }
  }

 private:
  const char* first_;
  ir::Shape shape_;
  ir::Shape strides_;
  size_t itemsize_;
  ir::Shape index_;
  int64_t at_ = 0;  // element offset of index_ from first_
};

// Whether a non-empty view's elements lie in memory in row-major order with
// no gaps (size-1 dimensions may have any stride).
bool is_row_major(const ir::Shape& shape, const ir::Shape& strides) {
  int64_t expected = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    if (shape[d] != 1 && strides[d] != expected) return false;
    expected *= shape[d];
  }
  return true;
}

void write_data(File& file, const ir::Node& n) {
  int64_t count = ir::numel(n.shape);
  if (count == 0) return;
  auto itemsize = static_cast<int64_t>(ir::itemsize(n.dtype));
  const char* first = static_cast<const char*>(n.storage->data()) + n.offset * itemsize;
  if (is_row_major(n.shape, n.strides)) {
    file.write(first, static_cast<size_t>(count * itemsize));
    return;
  }
  constexpr int64_t kChunkBytes = 1 << 20;
  int64_t per_chunk = std::min(count, std::max<int64_t>(1, kChunkBytes / itemsize));
  std::vector<char> chunk(static_cast<size_t>(per_chunk * itemsize));
  RowMajorCopy walk(first, n.shape, n.strides, static_cast<size_t>(itemsize));
  for (int64_t done = 0; done < count; done += per_chunk) {
    int64_t k = std::min(per_chunk, count - done);
    walk.next(chunk.data(), k);
    file.write(chunk.data(), static_cast<size_t>(k * itemsize));
  }
}

// Column-major strides of `shape` (of a non-empty array: no overflow).
ir::Shape fortran_strides(const ir::Shape& shape) {
  ir::Shape strides(shape.size());
  int64_t s = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

// Reads the preamble and header of a file of `file_size` bytes and checks
// that exactly the data they describe follows.
frontend::npy::ArrayHeader read_header(File& file, uint64_t file_size, const std::string& where) {
  namespace npy = frontend::npy;
  unsigned char preamble[npy::kVersionEnd + 4];
  size_t got = file.read(preamble, npy::kVersionEnd);
  if (std::memcmp(preamble, npy::kMagic.data(), std::min(got, npy::kMagic.size())) != 0) {
    throw ValueError(where + "not a .npy file: it does not start with the magic string \\x93NUMPY");
  }
  if (got < npy::kVersionEnd) throw ValueError(where + "truncated file: it ends inside the .npy preamble");
  int major = preamble[npy::kMagic.size()], minor = preamble[npy::kMagic.size() + 1];
  if (major < 1 || major > 3 || minor != 0) {
    throw ValueError(where + "unsupported .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                     " (kiln reads 1.0, 2.0 and 3.0)");
  }
  size_t length_bytes = major == 1 ? 2 : 4;
  if (file.read(preamble + npy::kVersionEnd, length_bytes) < length_bytes) {
    throw ValueError(where + "truncated file: it ends inside the .npy preamble");
  }
  uint64_t header_length = 0;
  for (size_t i = 0; i < length_bytes; ++i) header_length |= uint64_t{preamble[npy::kVersionEnd + i]} << (8 * i);
  uint64_t header_start = npy::kVersionEnd + length_bytes;
  uint64_t after_preamble = file_size > header_start ? file_size - header_start : 0;
  if (header_length > after_preamble) {
    throw ValueError(where + "truncated file: the header is declared as " + std::to_string(header_length) +
                     " bytes, but only " + std::to_string(after_preamble) + " follow");
  }
  // numpy writes headers of a few hundred bytes (about 22 KiB for kiln's
  // 1024 dimensions at most); a much longer one is not worth holding.
  constexpr uint64_t kMaxHeaderLength = 1 << 20;
  if (header_length > kMaxHeaderLength) {
    throw ValueError(where + "the header is " + std::to_string(header_length) + " bytes, longer than the " +
                     std::to_string(kMaxHeaderLength) + " bytes kiln reads");
  }
  std::string text(header_length, '\0');
  if (file.read(text.data(), text.size()) < text.size()) {
    throw ValueError(where + "truncated file: it ended while the header was read");
  }
  npy::ArrayHeader h = npy::parse_header(text, where);
  uint64_t data_bytes = after_preamble - header_length;
  if (static_cast<uint64_t>(h.nbytes) != data_bytes) {
    throw ValueError(where + "data size mismatch: shape " + npy::shape_repr(h.shape) + " of dtype '" + h.descr +
                     "' needs " + std::to_string(h.nbytes) + " bytes, but " + std::to_string(data_bytes) +
                     " follow the header");
  }
  return h;
}

// Reads the header's data into a fresh C-order storage in kiln's memory
// form: little-endian, bools 0 or 1 (numpy reads any non-zero byte as True;
// kiln's kernels read only the low bit).
std::shared_ptr<ir::Storage> read_data(File& file, const frontend::npy::ArrayHeader& h, const std::string& where) {
  auto nbytes = static_cast<size_t>(h.nbytes);
  auto storage = frontend::allocate(nbytes);
  auto* out = static_cast<char*>(storage->data());
  bool reorder = h.fortran_order && h.shape.size() > 1;
  std::shared_ptr<ir::Storage> file_order = reorder ? frontend::allocate(nbytes) : storage;
  if (file.read(file_order->data(), nbytes) < nbytes) {
    throw ValueError(where + "truncated file: it ended while the data was read");
  }
  size_t itemsize = ir::itemsize(h.dtype);
  if (reorder && nbytes != 0) {
    ir::Shape strides = fortran_strides(h.shape);
    RowMajorCopy(static_cast<const char*>(file_order->data()), h.shape, strides, itemsize)
        .next(out, ir::numel(h.shape));
  }
  if (h.big_endian && itemsize > 1) {
    for (size_t i = 0; i < nbytes; i += itemsize) std::reverse(out + i, out + i + itemsize);
  }
  if (h.dtype == kBool) {
    for (size_t i = 0; i < nbytes; ++i) out[i] = out[i] != 0;
  }
  return storage;
}

}  // namespace

void save_npy(const std::string& path, const Tensor& t) {
  ScalarType dtype = t.scalar_type();
  if (!frontend::npy::descr_of(dtype)) {
    throw TypeError("Got unsupported ScalarType " + std::string(ir::cpp_name(dtype)));
  }
  t.realize();
  const ir::Node& n = *t.node();
  std::string preamble = frontend::npy::format_preamble(dtype, n.shape);
  File file(path, O_WRONLY | O_CREAT | O_TRUNC);
  file.write(preamble.data(), preamble.size());
  write_data(file, n);
  file.close();
}

Tensor load_npy(const std::string& path, Caller caller) {
  const frontend::AtCaller here(caller);
  const std::string where = "load_npy: '" + path + "': ";
  File file(path, O_RDONLY);
  struct stat st = file.status();
  if (S_ISDIR(st.st_mode)) throw os_error(EISDIR, path);
  // The file's size bounds every allocation below, so it must be known.
  if (!S_ISREG(st.st_mode)) throw ValueError(where + "not a regular file");
  frontend::npy::ArrayHeader h = read_header(file, static_cast<uint64_t>(st.st_size), where);
  auto storage = read_data(file, h, where);
  return Tensor(ir::make_buffer(h.dtype, h.shape, std::move(storage), ir::contiguous_strides(h.shape), 0));
}

}  // namespace kiln
