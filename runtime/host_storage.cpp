#include "runtime/host_storage.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

namespace kiln::runtime {

namespace {

constexpr std::size_t kHugePage = 2 << 20;

class HostStorage final : public ir::Storage {
 public:
  explicit HostStorage(std::size_t nbytes) : nbytes_(nbytes) {
    // Vector loads and stores are fastest on cache-line boundaries. Large
    // buffers are backed by transparent huge pages: first-touching a fresh
    // 64 MiB buffer in 4 KiB pages costs 16k page faults, which on the
    // machines we measure takes 25-200 ms, far more than any kernel.
    bool huge = nbytes >= kHugePage;
    std::size_t align = huge ? kHugePage : 64;
    std::size_t rounded = 0;
    if (!__builtin_add_overflow(std::max<std::size_t>(nbytes, 1), align - 1, &rounded)) {
      rounded = rounded / align * align;
      data_ = std::aligned_alloc(align, rounded);
    }
    if (!data_) {
      throw OutOfMemory("DefaultCPUAllocator: can't allocate memory: you tried to allocate " + std::to_string(nbytes) +
                        " bytes. Error code 12 (Cannot allocate memory)");
    }
    if (huge) madvise(data_, rounded, MADV_HUGEPAGE);  // advice only: failure is harmless
  }
  ~HostStorage() override { std::free(data_); }
  HostStorage(const HostStorage&) = delete;
  HostStorage& operator=(const HostStorage&) = delete;

  void* data() override { return data_; }
  std::size_t nbytes() const override { return nbytes_; }

 private:
  void* data_ = nullptr;
  std::size_t nbytes_;
};

class BorrowedStorage final : public ir::Storage {
 public:
  BorrowedStorage(void* data, std::size_t nbytes, std::function<void(void*)> deleter)
      : data_(data), nbytes_(nbytes), deleter_(std::move(deleter)) {}
  ~BorrowedStorage() override {
    if (deleter_) deleter_(data_);
  }
  BorrowedStorage(const BorrowedStorage&) = delete;
  BorrowedStorage& operator=(const BorrowedStorage&) = delete;

  void* data() override { return data_; }
  std::size_t nbytes() const override { return nbytes_; }

 private:
  void* data_;
  std::size_t nbytes_;
  std::function<void(void*)> deleter_;
};

}  // namespace

std::shared_ptr<ir::Storage> allocate_host(std::size_t nbytes) { return std::make_shared<HostStorage>(nbytes); }

std::shared_ptr<ir::Storage> borrow_host(void* data, std::size_t nbytes, std::function<void(void*)> deleter) {
  return std::make_shared<BorrowedStorage>(data, nbytes, std::move(deleter));
}

std::shared_ptr<ir::Storage> allocate_host_for(const ir::Node& n) {
  return allocate_host(static_cast<std::size_t>(ir::numel(n.shape)) * ir::itemsize(n.dtype));
}

}  // namespace kiln::runtime
