// The seed notebook (PyTorch fundamentals) walked through in C++ with kiln.
// Each block is one notebook cell; the program prints what the notebook's
// outputs show; the %%time cells print their wall time to stderr.
#include <kiln/kiln.h>

#include <chrono>
#include <iostream>
#include <vector>

namespace T = kiln;

int main() {
  // scalar = torch.tensor(7)
  T::Tensor scalar = T::tensor(7);
  std::cout << scalar << "\n";
  std::cout << scalar.ndimension() << "\n";
  std::cout << scalar.item() << "\n";

  // vector = torch.tensor([7, 7])
  T::Tensor vector = T::tensor({7, 7});
  std::cout << vector << "\n";
  std::cout << vector.ndimension() << "\n";
  std::cout << vector.sizes().repr() << "\n";

  // MATRIX = torch.tensor([[7, 8], [9, 10]])
  T::Tensor MATRIX = T::tensor({{7, 8}, {9, 10}});
  std::cout << MATRIX << "\n";
  std::cout << MATRIX.ndimension() << "\n";
  std::cout << MATRIX.sizes().repr() << "\n";

  // TENSOR = torch.tensor([[[1, 2, 3], [3, 6, 9], [2, 4, 5]]])
  T::Tensor TENSOR = T::tensor({{{1, 2, 3}, {3, 6, 9}, {2, 4, 5}}});
  std::cout << TENSOR << "\n";
  std::cout << TENSOR.ndimension() << "\n";
  std::cout << TENSOR.sizes().repr() << "\n";

  // zeros = torch.zeros(size=(3, 4)); ones = torch.ones(size=(3, 4))
  T::Tensor zeros = T::zeros({3, 4});
  std::cout << zeros << "\n";
  T::Tensor ones = T::ones({3, 4});
  std::cout << ones << "\n";
  std::cout << ones.dtype() << "\n";

  // one_to_ten = torch.arange(start=1, end=11, step=1)
  T::Tensor one_to_ten = T::arange(1, 11, 1);
  std::cout << one_to_ten << "\n";
  T::Tensor ten_zeros = T::zeros_like(one_to_ten);
  std::cout << ten_zeros << "\n";

  // float_32_tensor = torch.tensor([3.0, 6.0, 9.0])
  T::Tensor float_32_tensor = T::tensor({3.0, 6.0, 9.0});
  std::cout << float_32_tensor << "\n";
  std::cout << float_32_tensor.dtype() << "\n";

  // float_16_tensor = float_32_tensor.type(torch.float16)
  T::Tensor float_16_tensor = float_32_tensor.type(T::kFloat16);
  std::cout << float_16_tensor << "\n";
  std::cout << float_16_tensor * float_32_tensor << "\n";

  // int_32_tensor = torch.tensor([3, 6, 9], dtype=torch.int32)
  T::Tensor int_32_tensor = T::tensor({3, 6, 9}, T::kInt32);
  std::cout << int_32_tensor << "\n";
  std::cout << float_32_tensor * int_32_tensor << "\n";

  // Getting information from tensors (seeded, so the values are reproducible)
  T::manual_seed(42);
  T::Tensor some_tensor = T::rand({3, 4});
  std::cout << some_tensor << "\n";
  std::cout << "Datatype of tensor: " << some_tensor.dtype() << "\n";
  std::cout << "Shape of tensor: " << some_tensor.sizes().repr() << "\n";
  std::cout << "Device tensor is on: " << some_tensor.device() << "\n";

  // Manipulating tensors
  T::Tensor tensor = T::tensor({1, 2, 3});
  std::cout << tensor + 10 << "\n";
  std::cout << tensor * 10 << "\n";
  std::cout << tensor << "\n";
  std::cout << tensor - 10 << "\n";
  std::cout << T::mul(tensor, 10) << "\n";
  std::cout << T::add(tensor, 10) << "\n";

  // Element-wise multiplication
  std::cout << tensor << " * " << tensor << "\n";
  std::cout << "Equals: " << tensor * tensor << "\n";

  // Matrix multiplication: one fused reduction kernel per product.
  std::cout << T::matmul(T::rand({8, 10}), T::rand({10, 8})).sizes().repr() << "\n";
  std::cout << T::matmul(tensor, tensor) << "\n";

  // Matrix multiplication by hand
  std::cout << 1 * 1 + 2 * 2 + 3 * 3 << "\n";

  // %%time: the loop by hand, then matmul (the notebook's "10 times faster").
  // The first includes compiling its kernels; realize() makes each timed
  // computation happen inside its timer.
  using Clock = std::chrono::steady_clock;
  auto micros = [](Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - since).count();
  };
  Clock::time_point start = Clock::now();
  T::Tensor value = T::zeros({}, T::kInt64);
  for (int64_t i = 0; i < tensor.size(0); ++i) value = value + tensor[i] * tensor[i];
  value.realize();
  std::cout << value << "\n";
  std::cerr << "Wall time: " << micros(start) << " us\n";
  start = Clock::now();
  T::Tensor product = T::matmul(tensor, tensor);
  product.realize();
  std::cerr << "Wall time: " << micros(start) << " us\n";
  std::cout << product << "\n";

  // One of the most common errors in deep learning: shape errors.
  T::Tensor tensor_A = T::tensor({{1, 2}, {3, 4}, {5, 6}});
  T::Tensor tensor_B = T::tensor({{7, 10}, {8, 11}, {9, 12}});
  try {
    T::mm(tensor_A, tensor_B);
  } catch (const T::Error& e) {
    std::cout << "RuntimeError: " << e.what() << "\n";
  }
  std::cout << tensor_A.sizes().repr() << " " << tensor_B.sizes().repr() << "\n";
  T::Tensor output = T::matmul(tensor_A, tensor_B.t());  // tensor_B.T: a view
  std::cout << output << "\n";
  std::cout << "Output shape: " << output.sizes().repr() << "\n";

  // Finding the min, max, mean, sum (tensor aggregation).
  T::Tensor agg = T::arange(1, 100, 10);
  std::cout << agg << " " << agg.dtype() << "\n";
  std::cout << T::min(agg) << " " << agg.min() << "\n";
  std::cout << T::max(agg) << " " << agg.max() << "\n";
  std::cout << T::mean(agg.type(T::kFloat32)) << " " << agg.type(T::kFloat32).mean() << "\n";
  try {
    agg.mean();
  } catch (const T::Error& e) {
    std::cout << "RuntimeError: " << e.what() << "\n";
  }
  std::cout << T::sum(agg) << " " << agg.sum() << "\n";
  // Positional min and max.
  std::cout << agg.argmin() << " " << agg.argmax() << "\n";

  // A fused chain and a reduction: one kernel each.
  T::Tensor x = T::arange(0.0, 6.0).div(2) + T::ones({2, 6});
  std::cout << x << "\n";
  std::cout << x.sum() << "\n";
  std::cout << (tensor * tensor).sum() << "\n";

  // 4096 elements through one fused, vectorized reduction kernel
  // (KILN_DUMP=kernels,llvm shows it).
  T::Tensor big = (T::arange(4096.0) * 0.5 + 1.0).sum();
  std::cout << big << "\n";

  // Reshaping, viewing, squeezing and permuting: views share memory.
  using T::indexing::Slice;
  T::Tensor xr = T::arange(1., 10.);
  std::cout << xr << " " << xr.sizes().repr() << "\n";
  T::Tensor x_reshaped = xr.reshape({1, 9});
  std::cout << x_reshaped << " " << x_reshaped.sizes().repr() << "\n";
  T::Tensor z = xr.view({1, 9});
  std::cout << z << " " << z.sizes().repr() << "\n";
  z.index_put_({Slice(), 0}, 5);  // z[:, 0] = 5 changes x too
  std::cout << z << " " << xr << "\n";
  // Stacking copies: x_stacked is a new tensor, not a view of xr.
  T::Tensor x_stacked = T::stack({xr, xr, xr, xr}, 0);
  std::cout << x_stacked << "\n";
  std::cout << T::vstack({xr, xr, xr, xr}) << "\n";
  std::cout << T::hstack({xr, xr, xr, xr}) << "\n";
  T::Tensor x_squeezed = x_reshaped.squeeze();
  std::cout << "Previous tensor: " << x_reshaped << "\nPrevious shape: " << x_reshaped.sizes().repr() << "\n";
  std::cout << "New tensor: " << x_squeezed << "\nNew shape: " << x_squeezed.sizes().repr() << "\n";
  T::Tensor x_unsqueezed = x_squeezed.unsqueeze(0);
  std::cout << "New tensor: " << x_unsqueezed << "\nNew shape: " << x_unsqueezed.sizes().repr() << "\n";
  T::Tensor x_original = T::rand({224, 244, 3});
  T::Tensor x_permuted = x_original.permute({2, 0, 1});
  std::cout << "Previous shape: " << x_original.sizes().repr() << "\nNew shape: " << x_permuted.sizes().repr() << "\n";
  x_original.index_put_({0, 0, 0}, 728218);  // seen through the permuted view
  std::cout << x_original.index({0, 0, 0}) << " " << x_permuted.index({0, 0, 0}) << "\n";

  // Indexing (selecting data from tensors).
  T::Tensor xi = T::arange(1, 10).reshape({1, 3, 3});
  std::cout << xi << " " << xi.sizes().repr() << "\n";
  std::cout << xi[0] << "\n" << xi[0][0] << "\n" << xi[0][1][1] << "\n";
  std::cout << xi.index({Slice(), 0}) << "\n" << xi.index({Slice(), Slice(), 1}) << "\n";
  std::cout << xi.index({Slice(), 1, 1}) << "\n" << xi.index({0, 0, Slice()}) << "\n";
  std::cout << xi[0][2][2] << "\n" << xi.index({Slice(), Slice(), 2}) << "\n";
  // tensor_B.T from the shape-error cell, as the view it is.
  std::cout << tensor_B.t() << " " << tensor_B.t().sizes().repr() << "\n";

  // NumPy array to tensor: from_blob shares the caller's memory, as
  // torch.from_numpy does (and keeps its dtype: float64 here).
  std::vector<double> array{1, 2, 3, 4, 5, 6, 7};
  T::Tensor from_array = T::from_blob(array.data(), {7}, T::kFloat64);
  std::cout << from_array << "\n";
  // `array = array + 1` makes a new array: the tensor still shows the old one.
  std::vector<double> array_plus_one(array);
  for (double& v : array_plus_one) v += 1;
  std::cout << from_array << "\n";
  // Tensor to host memory (tensor.numpy()): the realized elements; a new
  // tensor from `ones7 + 1` leaves them as they were.
  T::Tensor ones7 = T::ones({7});
  const float* numpy_tensor = ones7.const_data_ptr<float>();
  T::Tensor ones7_plus_one = ones7 + 1;
  std::cout << T::from_blob(const_cast<float*>(numpy_tensor), {7}) << " " << ones7_plus_one << "\n";

  // Reproducibility: two draws differ, two draws after the same seed agree.
  T::Tensor random_tensor_A = T::rand({3, 4});
  T::Tensor random_tensor_B = T::rand({3, 4});
  std::cout << random_tensor_A << "\n" << random_tensor_B << "\n" << (random_tensor_A == random_tensor_B) << "\n";
  const uint64_t RANDOM_SEED = 42;
  T::manual_seed(RANDOM_SEED);
  T::Tensor random_tensor_C = T::rand({3, 4});
  T::manual_seed(RANDOM_SEED);
  T::Tensor random_tensor_D = T::rand({3, 4});
  std::cout << random_tensor_C << "\n" << random_tensor_D << "\n" << (random_tensor_C == random_tensor_D) << "\n";

  // Device-agnostic code (this machine has no GPU: "cpu").
  std::cout << (T::cuda::is_available() ? "True" : "False") << "\n";
  T::Device device = T::cuda::is_available() ? T::Device("cuda") : T::Device("cpu");
  std::cout << device << "\n";
  std::cout << T::cuda::device_count() << "\n";
  T::Tensor on_cpu = T::tensor({1, 2, 3});
  std::cout << on_cpu << " " << on_cpu.device() << "\n";
  T::Tensor on_device = on_cpu.to(device);
  std::cout << on_device << "\n";
  return 0;
}
