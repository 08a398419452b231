#include "runtime/host_storage.h"

#include <cstdlib>
#include <new>

namespace kiln::runtime {

namespace {

class HostStorage final : public ir::Storage {
 public:
  explicit HostStorage(std::size_t nbytes) : nbytes_(nbytes) {
    // Vector loads and stores are fastest on cache-line boundaries.
    constexpr std::size_t kAlign = 64;
    std::size_t rounded = (nbytes + kAlign - 1) / kAlign * kAlign;
    data_ = std::aligned_alloc(kAlign, rounded == 0 ? kAlign : rounded);
    if (!data_) throw std::bad_alloc();
  }
  ~HostStorage() override { std::free(data_); }
  HostStorage(const HostStorage&) = delete;
  HostStorage& operator=(const HostStorage&) = delete;

  void* data() override { return data_; }
  std::size_t nbytes() const override { return nbytes_; }

 private:
  void* data_;
  std::size_t nbytes_;
};

}  // namespace

std::shared_ptr<ir::Storage> allocate_host(std::size_t nbytes) { return std::make_shared<HostStorage>(nbytes); }

}  // namespace kiln::runtime
