#include <kiln/parallel.h>

#include <kiln/error.h>

#include "runtime/thread_pool.h"

namespace kiln {

void set_num_threads(int n) {
  if (n < 1) throw Error("set_num_threads expects a positive integer");
  runtime::set_num_threads(n);
}

int get_num_threads() { return runtime::num_threads(); }

}  // namespace kiln
