#!/bin/sh
# layering.sh SRC: checks that includes point one way, as docs/architecture.md
# says: frontend → runtime → passes, codegen → ir, and ir includes nothing of
# kiln; LLVM headers only in codegen/llvm and the JIT.
set -u
cd "$1" || exit 2
status=0

# check DIR ALLOWED-LAYERS...: every quoted include in DIR names an allowed layer.
check() {
  dir=$1
  shift
  allowed=$(printf '%s|' "$@" | sed 's/|$//')
  bad=$(grep -rn --include='*.h' --include='*.cpp' '^#include "' "$dir" | grep -Ev "#include \"($allowed)/")
  if [ -n "$bad" ]; then
    echo "$dir may include only: $*"
    echo "$bad"
    status=1
  fi
}

check ir ir
check passes ir passes
check codegen ir codegen
check runtime ir passes codegen runtime
if grep -rn --include='*.h' --include='*.cpp' '#include <kiln/' ir passes codegen runtime; then
  echo "the public API (<kiln/...>) is the frontend's; lower layers must not include it"
  status=1
fi
llvm=$(grep -rln '#include <llvm/' ir passes codegen runtime frontend tools | grep -Ev '^(codegen/llvm/|runtime/cpu_jit\.cpp$)')
if [ -n "$llvm" ]; then
  echo "LLVM headers outside codegen/llvm and runtime/cpu_jit.cpp:"
  echo "$llvm"
  status=1
fi
[ $status -eq 0 ] && echo "layering: ok"
exit $status
