#include "runtime/host_storage.h"

#include <string>
#include <utility>

#include "runtime/host_allocator.h"

namespace kiln::runtime {

namespace {

class HostStorage final : public ir::Storage {
 public:
  explicit HostStorage(std::size_t nbytes) : block_(acquire_host_block(nbytes)), nbytes_(nbytes) {
    if (!block_.data) {
      throw OutOfMemory("DefaultCPUAllocator: can't allocate memory: you tried to allocate " + std::to_string(nbytes) +
                        " bytes. Error code 12 (Cannot allocate memory)");
    }
  }
  ~HostStorage() override { release_host_block(block_); }
  HostStorage(const HostStorage&) = delete;
  HostStorage& operator=(const HostStorage&) = delete;

  void* data() override { return block_.data; }
  std::size_t nbytes() const override { return nbytes_; }

 private:
  HostBlock block_;
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
