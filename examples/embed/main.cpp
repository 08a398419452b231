// The smallest program that embeds kiln: record, realize, print.
#include <kiln/kiln.h>

#include <iostream>

int main() {
  kiln::Tensor a = kiln::tensor({{1, 2}, {3, 4}});
  kiln::Tensor b = kiln::arange(2);
  kiln::Tensor c = (a * 10 + b).sum();  // recorded, nothing computed yet
  std::cout << c << '\n';               // realizes: prints tensor(102)
  return c.item<int64_t>() == 102 ? 0 : 1;
}
