#!/bin/bash
# run.sh KILN_OPT FILECHECK TEST.kir: runs the test's `// RUN:` lines, as
# LLVM's lit does: %s is the test file, %kiln-opt and %FileCheck the tools;
# `not CMD` expects CMD to fail (a non-zero exit, not a crash). Pipelines
# fail when any of their commands does.
set -u -o pipefail
kiln_opt=$1 filecheck=$2 test=$3

not() {
  "$@"
  local rc=$?
  if [ $rc -eq 0 ]; then
    echo "run.sh: expected a failure: $*" >&2
    return 1
  fi
  if [ $rc -ge 128 ]; then
    echo "run.sh: crashed (exit $rc): $*" >&2
    return 1
  fi
  return 0
}

runs=$(sed -n 's|^// RUN: *||p' "$test")
if [ -z "$runs" ]; then
  echo "run.sh: $test has no '// RUN:' line" >&2
  exit 1
fi
while IFS= read -r line; do
  cmd=${line//%kiln-opt/\"$kiln_opt\"}
  cmd=${cmd//%FileCheck/\"$filecheck\"}
  cmd=${cmd//%s/\"$test\"}
  echo "RUN: $cmd"
  if ! eval "$cmd"; then
    echo "run.sh: FAILED: $line" >&2
    exit 1
  fi
done <<<"$runs"
