// The graph IR: shapes, views, printing and verification.
#include <gtest/gtest.h>

#include "ir/printer.h"
#include "ir/shape.h"
#include "ir/verify.h"
#include "runtime/host_storage.h"

namespace kiln::ir {
namespace {

TEST(Shape, Broadcast) {
  EXPECT_EQ(broadcast_shapes({2, 1, 3}, {4, 3}).shape, (Shape{2, 4, 3}));
  EXPECT_EQ(broadcast_shapes({}, {5}).shape, (Shape{5}));
  EXPECT_EQ(broadcast_shapes({0}, {1}).shape, (Shape{0}));
  BroadcastResult bad = broadcast_shapes({2, 3}, {4, 5});
  ASSERT_TRUE(bad.bad_dim);
  // PyTorch reports the innermost mismatch.
  EXPECT_EQ(*bad.bad_dim, 1);
  EXPECT_EQ(bad.size_a, 3);
  EXPECT_EQ(bad.size_b, 5);
}

TEST(Shape, ContiguousStrides) {
  EXPECT_EQ(contiguous_strides({2, 3, 4}), (Shape{12, 4, 1}));
  EXPECT_EQ(contiguous_strides({2, 0, 4}), (Shape{4, 4, 1}));  // PyTorch's: size 0 counts as 1
  EXPECT_EQ(contiguous_strides({}), Shape{});
}

TEST(Shape, ReshapeStrides) {
  // Splits and merges of contiguous dims always work.
  EXPECT_EQ(reshape_strides({2, 6}, {6, 1}, {3, 4}), (Shape{4, 1}));
  // An expanded (stride 0) dim can be split but not merged with a real one.
  EXPECT_EQ(reshape_strides({4, 3}, {0, 1}, {2, 2, 3}), (Shape{0, 0, 1}));
  EXPECT_FALSE(reshape_strides({4, 3}, {0, 1}, {12}));
  // A transposed layout cannot be flattened.
  EXPECT_FALSE(reshape_strides({3, 2}, {1, 3}, {6}));
  EXPECT_EQ(reshape_strides({3, 2}, {1, 3}, {3, 1, 2}), (Shape{1, 6, 3}));  // PyTorch's strides
}

TEST(Shape, ReshapeIndexMap) {
  auto split = reshape_index_map({6}, {2, 3});
  ASSERT_TRUE(split);
  EXPECT_EQ((*split)[0].dim, 0);
  EXPECT_EQ((*split)[0].mult, 3);
  EXPECT_EQ((*split)[1].mult, 1);
  auto unsqueeze = reshape_index_map({5}, {1, 5, 1});
  ASSERT_TRUE(unsqueeze);
  EXPECT_EQ((*unsqueeze)[0].dim, -1);
  EXPECT_EQ((*unsqueeze)[1].dim, 0);
  EXPECT_FALSE(reshape_index_map({2, 3}, {6}));  // a merge is not affine
}

NodePtr buffer(DType t, Shape shape) {
  auto s = runtime::allocate_host(static_cast<size_t>(numel(shape)) * itemsize(t));
  Shape strides = contiguous_strides(shape);
  return make_buffer(t, std::move(shape), std::move(s), std::move(strides), 0);
}

TEST(Printer, Graph) {
  NodePtr a = buffer(DType::Float32, {2, 3});
  NodePtr c = make_movement(Op::Expand, make_movement(Op::Reshape, make_const(DType::Float32, 0.5), {1, 1}), {2, 3});
  NodePtr m = make_binary(Op::Mul, a, c);
  NodePtr s = make_reduce(Op::Sum, DType::Float32, m, {1});
  EXPECT_EQ(print_graph({s}),
            "graph {\n"
            "  %0 = buffer : f32[2,3] {strides=[3, 1], offset=0}\n"
            "  %1 = const 0.5 : f32[]\n"
            "  %2 = reshape %1 : f32[1,1]\n"
            "  %3 = expand %2 : f32[2,3]\n"
            "  %4 = mul %0, %3 : f32[2,3]\n"
            "  %5 = sum %4 : f32[2,1] {axes=[1]}\n"
            "  return %5\n"
            "}\n");
  EXPECT_EQ(verify({s}), std::nullopt);
}

TEST(Printer, Literals) {
  EXPECT_EQ(literal_string(int64_t{-3}, DType::Int64), "-3");
  EXPECT_EQ(literal_string(2.0, DType::Float32), "2.0");
  // The shortest spelling that reads back as the same double.
  EXPECT_EQ(literal_string(0.1, DType::Float64), "0.1");
  EXPECT_EQ(literal_string(1e300, DType::Float64), "1e+300");
  EXPECT_EQ(literal_string(0.1f, DType::Float32), "0.10000000149011612");
  EXPECT_EQ(literal_string(1e16, DType::Float64), "1e+16");
  EXPECT_EQ(literal_string(123456.0, DType::Float64), "123456.0");
}

TEST(Verifier, RejectsMalformedGraphs) {
  NodePtr a = buffer(DType::Float32, {2, 3});
  NodePtr b = buffer(DType::Float32, {3, 2});
  NodePtr i = buffer(DType::Int64, {2, 3});
  EXPECT_EQ(*verify({make_binary(Op::Add, a, b)}), "add : f32[2,3]: binary operands differ in shape");
  EXPECT_EQ(*verify({make_binary(Op::Add, a, i)}), "add : f32[2,3]: binary operands differ in dtype");
  EXPECT_EQ(*verify({make_binary(Op::Div, i, i)}), "div : i64[2,3]: div needs a floating dtype");
  EXPECT_EQ(*verify({make_movement(Op::Expand, a, {4, 3})}), "expand : f32[4,3]: expand of a non-singleton dimension");
  EXPECT_EQ(*verify({make_movement(Op::Reshape, a, {5})}), "reshape : f32[5]: reshape changes the element count");
  EXPECT_EQ(*verify({make_reduce(Op::Sum, DType::Float32, a, {2})}), "sum : f32[2,3]: reduce axis out of range");
  NodePtr outside = make_buffer(DType::Float32, {4}, a->storage, {2}, 0);
  EXPECT_EQ(*verify({outside}), "buffer : f32[4]: view reaches outside its storage");
}

}  // namespace
}  // namespace kiln::ir
