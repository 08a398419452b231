// softmax and log_softmax over one dim, numerically stable: the max along
// the dim is subtracted before exp, so large inputs do not overflow
// (softmax([1000, 0]) is [1, 0]). bfloat16 computes in float32 and rounds
// once at the end, as PyTorch's CPU kernels do; float16 and integer inputs
// raise PyTorch's dispatch errors unless `dtype` converts them first.
#include <string>

#include <kiln/tensor.h>

#include "frontend/caller.h"
#include "frontend/dims.h"
#include "frontend/elementwise.h"

namespace kiln {

namespace {

Tensor softmax_impl(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype, bool log) {
  Tensor x = dtype ? self.to(*dtype) : self;
  int64_t ax = frontend::wrap_dim(dim, x.dim());
  ScalarType t = x.scalar_type();
  // With no elements PyTorch runs no kernel: an empty result, no dtype check.
  if (x.numel() == 0) return x.to(t, false, /*copy=*/true);
  if (!ir::is_floating(t) || t == kFloat16) {
    // PyTorch names its last-dim kernel for log_softmax, and the general
    // one "softmax_kernel_impl" for both.
    bool last = x.dim() == 0 || ax == x.dim() - 1;
    std::string kernel = last ? std::string(log ? "log_" : "") + "softmax_lastdim_kernel_impl" : "softmax_kernel_impl";
    throw frontend::not_implemented_for(kernel, t);
  }
  Tensor v = x.to(t == kBFloat16 ? kFloat32 : t);
  Tensor shifted = v - v.amax(ax, /*keepdim=*/true);
  Tensor e = shifted.exp();
  Tensor total = e.sum(ax, /*keepdim=*/true);
  return (log ? shifted - total.log() : e / total).to(t);
}

}  // namespace

Tensor Tensor::softmax(int64_t dim, std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  return softmax_impl(*this, dim, dtype, false);
}
Tensor Tensor::log_softmax(int64_t dim, std::optional<ScalarType> dtype, Caller caller) const {
  const frontend::AtCaller here(caller);
  return softmax_impl(*this, dim, dtype, true);
}
Tensor softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.softmax(dim, dtype);
}
Tensor log_softmax(const Tensor& a, int64_t dim, std::optional<ScalarType> dtype, Caller caller) {
  const frontend::AtCaller here(caller);
  return a.log_softmax(dim, dtype);
}

}  // namespace kiln
