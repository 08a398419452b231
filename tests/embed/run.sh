#!/bin/sh
# run.sh SRC BUILD CMAKE: builds examples/embed against the build tree, then
# installs kiln into a scratch prefix and builds it again against that.
set -eu
src=$1 build=$2 cmake=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cmake" -S "$src/examples/embed" -B "$work/tree" -Dkiln_DIR="$build" >/dev/null
"$cmake" --build "$work/tree" >/dev/null
"$work/tree/embed"
"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
"$cmake" -S "$src/examples/embed" -B "$work/installed" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
"$cmake" --build "$work/installed" >/dev/null
LD_LIBRARY_PATH="$work/prefix/lib" "$work/installed/embed"
