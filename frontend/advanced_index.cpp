#include "frontend/advanced_index.h"

#include <string>

#include "frontend/elementwise.h"
#include "frontend/nodes.h"
#include "frontend/overlap.h"
#include "frontend/scalar_io.h"
#include "ir/node.h"

namespace kiln::frontend {

namespace {

// One index tensor after masks are expanded: int64 values read to the
// host, at dimension `dim` of the view.
struct HostIndex {
  int64_t dim;
  ir::Shape shape;
  std::vector<int64_t> values;  // row-major
};

// Where the indexed elements are: element i of `result` is the storage's
// element offset + sum(i_d * strides[d]) + (the indices' offset at i).
struct Selection {
  std::vector<HostIndex> indices;
  ir::Shape index_shape;  // the indices' broadcast shape
  ir::Shape result;
  ir::Shape strides;
  int64_t offset;
  ir::Shape placed;  // index_shape, padded with 1s to the result's rank
};

// Strides that read a row-major tensor of shape `from` broadcast to `to`
// (dims aligned at the right; size-1 dims repeat).
ir::Shape broadcast_strides(const ir::Shape& from, const ir::Shape& to) {
  ir::Shape contiguous = ir::contiguous_strides(from);
  ir::Shape out(to.size(), 0);
  for (size_t i = 0; i < from.size(); ++i) {
    size_t d = to.size() - from.size() + i;
    if (from[i] != 1) out[d] = contiguous[i];
  }
  return out;
}

// PyTorch's is_expandable_to.
bool expandable(const ir::Shape& from, const ir::Shape& to) {
  if (from.size() > to.size()) return false;
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t want = to[to.size() - from.size() + i];
    if (from[i] != want && from[i] != 1) return false;
  }
  return true;
}

template <typename T>
std::vector<T> host_values(const Tensor& t) {
  Tensor c = t.contiguous();
  const T* p = c.const_data_ptr<T>();
  return std::vector<T>(p, p + c.numel());
}

// PyTorch's check that a mask at `dim` covers the view's dims there.
void check_mask_shape(const Tensor& mask, int64_t dim, const TensorImpl& view) {
  for (int64_t m = 0; m < mask.dim(); ++m) {
    int64_t d = dim + m;
    if (d >= static_cast<int64_t>(view.sizes.size()) || mask.size(m) != view.sizes[d]) {
      throw IndexError("The shape of the mask " + ir::to_string(mask.sizes().vec()) + " at index " +
                       std::to_string(m) + " does not match the shape of the indexed tensor " +
                       ir::to_string(view.sizes) + " at index " + std::to_string(d));
    }
  }
}

// A k-dim mask becomes k index tensors: the coordinates of its true
// elements (PyTorch's nonzero), in row-major order.
std::vector<HostIndex> mask_indices(const Tensor& mask, int64_t dim) {
  std::vector<uint8_t> set;
  if (mask.scalar_type() == kBool) {
    for (bool b : host_values<bool>(mask)) set.push_back(b);
  } else {
    set = host_values<uint8_t>(mask);
  }
  ir::Shape shape = mask.sizes().vec();
  std::vector<HostIndex> out;
  for (size_t m = 0; m < shape.size(); ++m) out.push_back(HostIndex{dim + static_cast<int64_t>(m), {}, {}});
  ir::Shape coord(shape.size(), 0);
  for (uint8_t s : set) {
    if (s)
      for (size_t m = 0; m < shape.size(); ++m) out[m].values.push_back(coord[m]);
    for (size_t m = shape.size(); m-- > 0;) {
      if (++coord[m] < shape[m]) break;
      coord[m] = 0;
    }
  }
  for (HostIndex& h : out) h.shape = {static_cast<int64_t>(h.values.size())};
  return out;
}

// PyTorch's checks, in its order: index dtypes, mask shapes, broadcasting.
std::vector<HostIndex> host_indices(const TensorImpl& view, const std::vector<RecordedIndex>& indices) {
  for (const RecordedIndex& r : indices) {
    ScalarType t = r.tensor.scalar_type();
    if (t != kLong && !is_mask(t)) throw IndexError("tensors used as indices must be long, byte or bool tensors");
  }
  std::vector<HostIndex> out;
  int64_t shift = 0;  // a k-dim mask pushes the indices after it k - 1 dims on
  for (const RecordedIndex& r : indices) {
    int64_t dim = r.dim + shift;
    if (is_mask(r.tensor.scalar_type())) {
      check_mask_shape(r.tensor, dim, view);
      for (HostIndex& h : mask_indices(r.tensor, dim)) out.push_back(std::move(h));
      shift += r.tensor.dim() - 1;
    } else {
      out.push_back(HostIndex{dim, r.tensor.sizes().vec(), host_values<int64_t>(r.tensor)});
    }
  }
  return out;
}

ir::Shape broadcast_indices(const std::vector<HostIndex>& indices) {
  ir::Shape shape;
  bool ok = true;
  for (const HostIndex& h : indices) {
    ir::BroadcastResult b = ir::broadcast_shapes(shape, h.shape);
    ok = ok && !b.bad_dim;
    shape = b.shape;
  }
  if (!ok) {
    std::string shapes;
    for (const HostIndex& h : indices) shapes += (shapes.empty() ? "" : ", ") + ir::to_string(h.shape);
    throw IndexError("shape mismatch: indexing tensors could not be broadcast together with shapes " + shapes);
  }
  return shape;
}

// The element offsets the indices select, over `shape` (their broadcast
// shape), checking bounds as PyTorch's kernel does: element by element,
// index by index, only when the result has elements.
std::vector<int64_t> index_offsets(const TensorImpl& view, const std::vector<HostIndex>& indices,
                                   const ir::Shape& shape, bool check) {
  int64_t count = ir::numel(shape);
  std::vector<std::vector<int64_t>> at(indices.size());  // index k's value position, per element
  for (size_t k = 0; k < indices.size(); ++k) {
    ir::Shape strides = broadcast_strides(indices[k].shape, shape);
    at[k].reserve(static_cast<size_t>(count));
    ir::for_each_offset<1>(shape, {&strides}, [&](const auto& o) { at[k].push_back(o[0]); });
  }
  std::vector<int64_t> offsets(static_cast<size_t>(count), 0);
  for (int64_t i = 0; i < count; ++i) {
    for (size_t k = 0; k < indices.size(); ++k) {
      const HostIndex& h = indices[k];
      int64_t size = view.sizes[h.dim];
      int64_t v = h.values[static_cast<size_t>(at[k][i])];
      if (check && (v < -size || v >= size)) {
        throw IndexError("index " + std::to_string(v) + " is out of bounds for dimension " + std::to_string(k) +
                         " with size " + std::to_string(size));
      }
      offsets[i] += (v < 0 ? v + size : v) * view.strides[h.dim];
    }
  }
  return offsets;
}

Selection select(const TensorImpl& view, const std::vector<RecordedIndex>& recorded) {
  Selection s{host_indices(view, recorded), {}, {}, {}, view.offset, {}};
  const std::vector<HostIndex>& indices = s.indices;
  s.index_shape = broadcast_indices(indices);
  // No index is valid in a dim of size 0; PyTorch says so unless there are
  // no indices at all.
  for (const HostIndex& h : indices) {
    if (view.sizes[h.dim] == 0 && ir::numel(s.index_shape) != 0)
      throw IndexError("index is out of bounds for dimension with size 0");
  }
  // PyTorch's layout: indexed dims next to each other are replaced in place
  // by the index shape; otherwise the index shape comes first.
  bool adjacent = true;
  for (size_t k = 1; k < indices.size(); ++k) adjacent = adjacent && indices[k].dim == indices[k - 1].dim + 1;
  auto indexed = [&](int64_t d) {
    for (const HostIndex& h : indices)
      if (h.dim == d) return true;
    return false;
  };
  auto rank = static_cast<int64_t>(view.sizes.size());
  int64_t at = adjacent ? indices.front().dim : 0;  // where the index dims go
  for (int64_t d = 0; d <= rank; ++d) {
    if (d == at) {
      for (int64_t e : s.index_shape) s.result.push_back(e), s.strides.push_back(0), s.placed.push_back(e);
    }
    if (d < rank && !indexed(d)) {
      s.result.push_back(view.sizes[d]), s.strides.push_back(view.strides[d]), s.placed.push_back(1);
    }
  }
  return s;
}

// The selected elements' offsets from the indices, as an int64 tensor of
// the result's shape (bounds checked here, after PyTorch's other checks).
ir::NodePtr offsets_node(const TensorImpl& view, const Selection& s) {
  std::vector<int64_t> offsets = index_offsets(view, s.indices, s.index_shape, ir::numel(s.result) != 0);
  auto storage = allocate(offsets.size() * sizeof(int64_t));
  std::copy(offsets.begin(), offsets.end(), static_cast<int64_t*>(storage->data()));
  ir::NodePtr n = ir::make_buffer(kLong, s.placed, std::move(storage), ir::contiguous_strides(s.placed), 0);
  return broadcast_to(std::move(n), s.result);
}

// Replaces the storage's value by one with the selected elements set to
// `values` (the result's shape), in row-major order.
void scatter(const TensorImpl& v, Selection s, ir::NodePtr values) {
  ir::NodePtr offsets = offsets_node(v, s);
  v.storage->base = ir::make_scatter(v.storage->base, std::move(offsets), std::move(values), std::move(s.strides),
                                     s.offset);
  bound_pending(v.storage->base);
}

}  // namespace

Tensor advanced_index(const Tensor& view, const std::vector<RecordedIndex>& indices) {
  const TensorImpl& v = impl_of(view);
  Selection s = select(v, indices);
  return Tensor(ir::make_gather(v.storage->base, offsets_node(v, s), std::move(s.strides), s.offset));
}

void advanced_index_put(const Tensor& view, const std::vector<RecordedIndex>& indices, const Tensor& value) {
  const TensorImpl& v = impl_of(view);
  if (value.numel() == 1 && indices.size() == 1 && is_mask(indices[0].tensor.scalar_type())) {
    // PyTorch's masked_fill_ dispatch: the mask, its dims lined up with the
    // view's, selects the elements to set to the value.
    const RecordedIndex& r = indices[0];
    check_mask_shape(r.tensor, r.dim, v);
    Tensor mask = r.tensor;
    while (mask.dim() < view.dim() - r.dim) mask = mask.unsqueeze(-1);
    view.masked_fill_(mask, value.item());
    return;
  }
  // PyTorch's order: the value, then each index tensor (read while writing).
  assert_no_overlap(v, impl_of(value));
  for (const RecordedIndex& r : indices) assert_no_overlap(v, impl_of(r.tensor));
  Selection s = select(v, indices);
  if (!expandable(value.sizes().vec(), s.result)) {
    throw Error("shape mismatch: value tensor of shape " + ir::to_string(value.sizes().vec()) +
                " cannot be broadcast to indexing result of shape " + ir::to_string(s.result));
  }
  if (value.scalar_type() != view.scalar_type()) {
    throw Error("Index put requires the source and destination dtypes match, got " +
                std::string(ir::cpp_name(view.scalar_type())) + " for the destination and " +
                std::string(ir::cpp_name(value.scalar_type())) + " for the source.");
  }
  ir::NodePtr values = broadcast_to(node_of(value), s.result);
  scatter(v, std::move(s), std::move(values));
}

void fill_masked_elements(const Tensor& view, const Tensor& mask, const Scalar& value) {
  const TensorImpl& v = impl_of(view);
  Selection s = select(v, {RecordedIndex{0, mask}});
  ir::NodePtr c = ir::make_const(view.scalar_type(), checked_literal(value, view.scalar_type()));
  ir::NodePtr values = broadcast_to(std::move(c), s.result);
  scatter(v, std::move(s), std::move(values));
}

}  // namespace kiln::frontend
