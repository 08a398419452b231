// kiln: a lazy, graph-compiling tensor runtime. The one public header.
#pragma once

#include <kiln/debug.h>
#include <kiln/error.h>
#include <kiln/factory.h>
#include <kiln/indexing.h>
#include <kiln/npy.h>
#include <kiln/parallel.h>
#include <kiln/random.h>
#include <kiln/scalar.h>
#include <kiln/sizes.h>
#include <kiln/tensor.h>
#include <kiln/types.h>
